import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/utils/permissions.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Teaching · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:instructor-home");
  const trainees = await prisma.roleAssignment.count({ where: { role: "TRAINEE" } });
  return json({ name: user.name, trainees });
}

export default function InstructorHome() {
  const { name, trainees } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Teaching</h1>
      <p className="lead">Welcome, {name}.</p>
      <dl className="stats">
        <div>
          <dt>Trainees registered</dt>
          <dd>{trainees}</dd>
        </div>
      </dl>
    </>
  );
}
