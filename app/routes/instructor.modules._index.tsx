import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, Field, FormError } from "~/components/forms";
import { ScrollingTable } from "~/components/scrolling-table";
import { SubmitButton } from "~/components/submit-button";
import { MODULE_SLUG } from "~/domain/module-content";
import { createModule } from "~/models/module-draft.server";
import { readForm } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { fieldError, parseForm } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { utcDateTime } from "~/utils/long-date";

export const meta: MetaFunction = () => [{ title: "Modules · PeerPath" }];

const NewModuleSchema = z.object({
  slug: z
    .string({ error: "Enter a module id, like grief-and-loss" })
    .trim()
    .min(1, { error: "Enter a module id, like grief-and-loss", abort: true })
    .max(80, "Keep the module id to 80 characters")
    .regex(MODULE_SLUG, "Use lower-case words joined by hyphens, like grief-and-loss"),
  title: z
    .string({ error: "Give the module a title of at least 3 characters" })
    .trim()
    .min(3, "Give the module a title of at least 3 characters")
    .max(150, "Keep the title to 150 characters"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "author:modules");
  const modules = await prisma.module.findMany({
    select: {
      id: true,
      slug: true,
      versions: { select: { version: true, title: true }, orderBy: { version: "desc" }, take: 1 },
      draft: { select: { title: true, updatedAt: true } },
      _count: { select: { enrolments: true } },
    },
    orderBy: { slug: "asc" },
  });
  return json({
    modules: modules.map((module) => ({
      slug: module.slug,
      title: module.versions[0]?.title ?? module.draft?.title ?? module.slug,
      version: module.versions[0]?.version ?? null,
      draftUpdatedAt: module.draft?.updatedAt.toISOString() ?? null,
      enrolments: module._count.enrolments,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "author:modules");
  const parsed = parseForm(NewModuleSchema, await readForm(request));
  if (!parsed.success) return json({ errors: parsed.errors }, { status: 400 });
  if (await prisma.module.findUnique({ where: { slug: parsed.data.slug }, select: { id: true } })) {
    return json({ errors: fieldError("slug", "A module with this id already exists; choose another") }, { status: 400 });
  }
  await createModule(parsed.data.slug, parsed.data.title, user.id);
  return redirect(`/instructor/modules/${parsed.data.slug}/edit`);
}

export default function InstructorModules() {
  const { modules } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Modules</h1>
      <ScrollingTable caption="Modules you can edit" hideCaption>
        <thead>
          <tr>
            <th scope="col">Module</th>
            <th scope="col">Published</th>
            <th scope="col">Draft</th>
            <th scope="col">Trainees enrolled</th>
          </tr>
        </thead>
        <tbody>
          {modules.map((module) => (
            <tr key={module.slug}>
              <td>
                <Link to={`/instructor/modules/${module.slug}`}>{module.title}</Link>
                <br />
                <span className="hint">{module.slug}</span>
              </td>
              <td>{module.version ? `Version ${module.version}` : "Not yet"}</td>
              <td>{module.draftUpdatedAt ? `Saved ${utcDateTime(module.draftUpdatedAt)}` : "None"}</td>
              <td>{module.enrolments}</td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
      <h2>Start a new module</h2>
      <Form method="post" noValidate className="narrow">
        <CsrfInput />
        <FormError message={actionData?.errors ? "Please correct the highlighted fields." : null} />
        <Field label="Module id" name="slug" hint="Lower-case words joined by hyphens; it never changes. Example: grief-and-loss" errors={actionData?.errors?.slug} />
        <Field label="Title" name="title" errors={actionData?.errors?.title} />
        <SubmitButton>Create draft</SubmitButton>
      </Form>
    </>
  );
}
