import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScrollingTable } from "~/components/scrolling-table";
import { ROLE_LABELS, ROLES } from "~/domain/roles";
import { requirePermission } from "~/utils/permissions.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Administration · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "view:admin-home");
  const [byRole, jurisdictions, openInvitations] = await Promise.all([
    prisma.roleAssignment.groupBy({ by: ["role"], _count: { _all: true } }),
    prisma.jurisdiction.findMany({
      select: { id: true, name: true, code: true, _count: { select: { credentialTypes: true } } },
      orderBy: { name: "asc" },
    }),
    prisma.invitation.count({ where: { acceptedAt: null, expiresAt: { gt: new Date() } } }),
  ]);
  const counts = Object.fromEntries(byRole.map((row) => [row.role, row._count._all]));
  return json({
    roleCounts: ROLES.map((role) => ({ role: ROLE_LABELS[role], count: counts[role] ?? 0 })),
    jurisdictions,
    openInvitations,
  });
}

export default function AdminHome() {
  const { roleCounts, jurisdictions, openInvitations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Administration</h1>
      <h2>People by role</h2>
      <dl className="stats">
        {roleCounts.map(({ role, count }) => (
          <div key={role}>
            <dt>{role}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to="/admin/users">See all users</Link> · <Link to="/invitations">Invitations</Link> ({openInvitations} open)
      </p>
      <h2>Jurisdictions</h2>
      <ScrollingTable caption="Jurisdictions" hideCaption>
        <thead>
          <tr>
            <th scope="col">Jurisdiction</th>
            <th scope="col">Code</th>
            <th scope="col">Credentials offered</th>
          </tr>
        </thead>
        <tbody>
          {jurisdictions.map((jurisdiction) => (
            <tr key={jurisdiction.id}>
              <td>{jurisdiction.name}</td>
              <td>{jurisdiction.code}</td>
              <td>{jurisdiction._count.credentialTypes}</td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </>
  );
}
