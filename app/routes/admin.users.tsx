import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/pager";
import { ROLE_LABELS } from "~/domain/roles";
import { prisma } from "~/utils/db.server";
import { pageCount, pageFrom } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Users · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "list:users:any");
  const { page, skip, take } = pageFrom(request);
  const [total, users] = await Promise.all([
    prisma.user.count(),
    prisma.user.findMany({
      select: {
        id: true,
        name: true,
        email: true,
        createdAt: true,
        roles: { select: { role: true, jurisdiction: { select: { name: true } } } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip,
      take,
    }),
  ]);
  return json({ users, page, pages: pageCount(total), total });
}

export default function AdminUsers() {
  const { users, page, pages, total } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Users</h1>
      <p>{total} accounts.</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.name}</td>
              <td>{user.email}</td>
              <td>
                {user.roles
                  .map((grant) => ROLE_LABELS[grant.role] + (grant.jurisdiction ? ` (${grant.jurisdiction.name})` : ""))
                  .join(", ")}
              </td>
              <td>{new Date(user.createdAt).toISOString().slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={page} pages={pages} label="Users pages" />
    </>
  );
}
