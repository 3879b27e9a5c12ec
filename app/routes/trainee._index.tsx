import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/utils/permissions.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "My training · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:trainee-home");
  const credentialTypes = await prisma.credentialType.findMany({
    select: { id: true, name: true, summary: true, authority: true, jurisdiction: { select: { name: true } } },
    orderBy: [{ jurisdiction: { name: "asc" } }, { name: "asc" }],
  });
  return json({ name: user.name, credentialTypes });
}

export default function TraineeHome() {
  const { name, credentialTypes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>My training</h1>
      <p className="lead">Welcome, {name}. This is where your course, your hours and your credentials come together.</p>
      <h2>Credentials you can work toward</h2>
      <ul className="cards">
        {credentialTypes.map((credentialType) => (
          <li key={credentialType.id} className="card">
            <h3>
              {credentialType.jurisdiction.name}: {credentialType.name}
            </h3>
            <p>{credentialType.summary}</p>
            <p className="hint">Rule: {credentialType.authority}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
