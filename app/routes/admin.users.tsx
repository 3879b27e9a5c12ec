import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, FormError } from "~/components/forms";
import { EmptyListText, Pager } from "~/components/pager";
import { ScrollingTable } from "~/components/scrolling-table";
import { SubmitButton } from "~/components/submit-button";
import { roleGrantLabel, type Role } from "~/domain/roles";
import { RoleRemovalProblem, removeRole } from "~/models/user.server";
import { readForm } from "~/utils/csrf.server";
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
        roles: { select: { id: true, role: true, jurisdiction: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip,
      take,
    }),
  ]);
  return json({ users, page, pages: pageCount(total), total });
}

const RemoveRoleSchema = z.object({
  intent: z.literal("remove-role", { error: "Choose what to do" }),
  assignmentId: z.string({ error: "Choose a role to remove" }).regex(/^[A-Za-z0-9_-]{1,40}$/, "Choose a role to remove"),
});

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "remove:roles:any");
  const parsed = RemoveRoleSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ notice: null, formError: parsed.error.issues[0]?.message ?? "Choose a role to remove" }, { status: 400 });
  try {
    const removed = await removeRole(admin.id, parsed.data.assignmentId);
    return json({ notice: `${removed.name} is no longer ${removed.label}. What the role opened is closed to them from their next page.`, formError: null });
  } catch (error) {
    if (error instanceof RoleRemovalProblem) return json({ notice: null, formError: error.message }, { status: error.status });
    throw error;
  }
}

const grantLabel = (grant: { role: Role; jurisdiction: { name: string } | null }) => roleGrantLabel(grant.role, grant.jurisdiction?.name);

export default function AdminUsers() {
  const { users, page, pages, total } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <>
      <h1>Users</h1>
      <p>
        {total} accounts. Removing a role closes what it opened from the person's next page; their account, records and history
        stay. New roles are given by invitation.
      </p>
      {outcome?.notice ? (
        <p role="status" className="notice">
          {outcome.notice}
        </p>
      ) : null}
      <FormError message={outcome?.formError} />
      <ScrollingTable caption="Accounts, newest first" hideCaption>
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
                {user.roles.length ? (
                  <ul className="role-list">
                    {user.roles.map((grant) => (
                      <li key={grant.id}>
                        {grantLabel(grant)}{" "}
                        <Form method="post" className="inline-form">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="remove-role" />
                          <input type="hidden" name="assignmentId" value={grant.id} />
                          <SubmitButton className="link-button" aria-label={`Remove ${grantLabel(grant)} from ${user.name}`}>
                            Remove
                          </SubmitButton>
                        </Form>
                      </li>
                    ))}
                  </ul>
                ) : (
                  "No role"
                )}
              </td>
              <td>{new Date(user.createdAt).toISOString().slice(0, 10)}</td>
            </tr>
          ))}
          {users.length ? null : (
            <tr>
              <td colSpan={4}>
                <EmptyListText page={page} total={total}>
                  No accounts yet.
                </EmptyListText>
              </td>
            </tr>
          )}
        </tbody>
      </ScrollingTable>
      <Pager page={page} pages={pages} label="Users pages" />
    </>
  );
}
