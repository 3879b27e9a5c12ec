import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { markSectionSeen } from "~/models/enrolment.server";
import { requireEnrolment } from "~/models/trainee-module.server";
import { readForm } from "~/utils/csrf.server";
import { notFound } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.section.title} · ${data.moduleTitle} · PeerPath` : "Section · PeerPath" },
];

const SectionNumber = z.coerce.number().int().min(1).max(500);

async function load(request: Request, params: { slug?: string; index?: string }) {
  const context = await requireEnrolment(request, params.slug);
  const number = SectionNumber.safeParse(params.index);
  const section = number.success ? context.content.sections[number.data - 1] : undefined;
  if (!number.success || !section) throw notFound("This module has no section with that number.");
  return { ...context, index: number.data - 1, section };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { module, enrolment, content, index, section } = await load(request, params);
  return json({
    slug: module.slug,
    moduleTitle: enrolment.moduleVersion.title,
    number: index + 1,
    count: content.sections.length,
    section,
    seen: enrolment.seenSections.includes(index),
    seenCount: enrolment.seenSections.length,
  });
}

/** "Continue": records the section as read on the server, then goes to the next one or the check. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { module, enrolment, content, index } = await load(request, params);
  await readForm(request);
  await markSectionSeen(enrolment.id, index);
  const next = index + 1 < content.sections.length ? `/modules/${module.slug}/sections/${index + 2}` : `/modules/${module.slug}/check`;
  return redirect(next);
}

export default function ModuleSection() {
  const data = useLoaderData<typeof loader>();
  const last = data.number === data.count;
  return (
    <article>
      <p>
        <Link to={`/modules/${data.slug}`}>{data.moduleTitle}</Link> · Section {data.number} of {data.count}
      </p>
      <h1>{data.section.title}</h1>
      <div className="prose" dangerouslySetInnerHTML={{ __html: data.section.html }} />
      <Form method="post" className="section-actions">
        <CsrfInput />
        {data.number > 1 ? <Link to={`/modules/${data.slug}/sections/${data.number - 1}`}>Previous section</Link> : null}
        <SubmitButton>{last ? "Finish reading and go to the knowledge check" : "Mark as read and continue"}</SubmitButton>
      </Form>
    </article>
  );
}
