import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/utils/permissions.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Teaching · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:instructor-home");
  const [trainees, modules, drafts, completions] = await Promise.all([
    prisma.roleAssignment.count({ where: { role: "TRAINEE" } }),
    prisma.module.count({ where: { versions: { some: {} } } }),
    prisma.moduleDraft.count(),
    prisma.moduleCompletion.count(),
  ]);
  return json({ name: user.name, trainees, modules, drafts, completions });
}

export default function InstructorHome() {
  const { name, trainees, modules, drafts, completions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Teaching</h1>
      <p className="lead">Welcome, {name}.</p>
      <dl className="stats">
        <div>
          <dt>Trainees registered</dt>
          <dd>{trainees}</dd>
        </div>
        <div>
          <dt>Published modules</dt>
          <dd>{modules}</dd>
        </div>
        <div>
          <dt>Drafts in progress</dt>
          <dd>{drafts}</dd>
        </div>
        <div>
          <dt>Module completions</dt>
          <dd>{completions}</dd>
        </div>
      </dl>
      <p className="actions">
        <Link to="/instructor/modules">Write and publish modules</Link>
        <Link to="/curriculum/coverage">See curriculum coverage</Link>
      </p>
    </>
  );
}
