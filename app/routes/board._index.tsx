import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/utils/permissions.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Board · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:board-home");
  const jurisdictionIds = user.grants.flatMap((grant) => (grant.role === "BOARD_MEMBER" && grant.jurisdictionId ? [grant.jurisdictionId] : []));
  const jurisdictions = await prisma.jurisdiction.findMany({
    where: { id: { in: jurisdictionIds } },
    select: {
      id: true,
      name: true,
      code: true,
      credentialTypes: { select: { id: true, name: true, summary: true, authority: true }, orderBy: { name: "asc" } },
      roles: {
        where: { role: "BOARD_MEMBER" },
        select: { user: { select: { id: true, name: true, email: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
    orderBy: { name: "asc" },
  });
  return json({ jurisdictions });
}

export default function BoardHome() {
  const { jurisdictions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Board</h1>
      {jurisdictions.map((jurisdiction) => (
        <section key={jurisdiction.id} aria-labelledby={`jurisdiction-${jurisdiction.code}`}>
          <h2 id={`jurisdiction-${jurisdiction.code}`}>{jurisdiction.name}</h2>
          <h3>Credentials offered</h3>
          <ul>
            {jurisdiction.credentialTypes.map((credentialType) => (
              <li key={credentialType.id}>
                <strong>{credentialType.name}</strong> ({credentialType.authority}): {credentialType.summary}
              </li>
            ))}
          </ul>
          <h3>Board members</h3>
          <ul>
            {jurisdiction.roles.map(({ user }) => (
              <li key={user.id}>
                {user.name} ({user.email})
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <Link to="/invitations">Invite instructors, supervisors and board members</Link>
      </p>
    </>
  );
}
