import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScrollingTable } from "~/components/scrolling-table";
import { prisma } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Requirements · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "edit:requirements:own-jurisdiction");
  const isAdmin = user.grants.some((grant) => grant.role === "ADMIN");
  const own = user.grants.flatMap((grant) => (grant.role === "BOARD_MEMBER" && grant.jurisdictionId ? [grant.jurisdictionId] : []));
  const credentialTypes = await prisma.credentialType.findMany({
    where: isAdmin ? {} : { jurisdictionId: { in: own } },
    select: {
      id: true,
      name: true,
      jurisdiction: { select: { name: true } },
      requirements: { select: { version: true, createdAt: true }, orderBy: { version: "desc" }, take: 1 },
    },
    orderBy: [{ jurisdiction: { name: "asc" } }, { name: "asc" }],
  });
  return json({
    credentialTypes: credentialTypes.map((c) => ({
      id: c.id,
      name: c.name,
      jurisdiction: c.jurisdiction.name,
      version: c.requirements[0]?.version ?? null,
      changedAt: c.requirements[0]?.createdAt.toISOString() ?? null,
    })),
  });
}

export default function Requirements() {
  const { credentialTypes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Requirements</h1>
      <p>
        Each credential&apos;s requirements are data your board keeps: hours by domain, experience, the exam, other
        evidence, renewal. Every change is a new version; a trainee is judged by the version in force when they apply.
      </p>
      <ScrollingTable caption="Credentials and the requirements in force" hideCaption>
        <thead>
          <tr>
            <th scope="col">Credential</th>
            <th scope="col">Jurisdiction</th>
            <th scope="col">Version in force</th>
          </tr>
        </thead>
        <tbody>
          {credentialTypes.map((credentialType) => (
            <tr key={credentialType.id}>
              <td>
                <Link to={`/board/requirements/${credentialType.id}`}>{credentialType.name}</Link>
              </td>
              <td>{credentialType.jurisdiction}</td>
              <td>{credentialType.version ? `Version ${credentialType.version} (${credentialType.changedAt!.slice(0, 10)})` : "None yet"}</td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
    </>
  );
}
