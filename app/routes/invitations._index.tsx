import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, Field, FieldControl, FormError } from "~/components/forms";
import { EmptyListText, Pager } from "~/components/pager";
import { ScrollingTable } from "~/components/scrolling-table";
import { SubmitButton } from "~/components/submit-button";
import { INVITABLE_ROLES, ROLE_LABELS, canInvite } from "~/domain/roles";
import { INVITATION_DAYS, createInvitation } from "~/models/invitation.server";
import { readForm } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { fieldError, parseForm } from "~/utils/forms.server";
import { pageCount, pageFrom } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";
import type { CurrentUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Invitations · PeerPath" }];

const InvitationSchema = z.object({
  name: z.string({ error: "Enter the person's name" }).trim().min(1, "Enter the person's name").max(100),
  email: z.email({ error: "Enter a valid email address, like name@example.org" }).max(254),
  role: z.enum(INVITABLE_ROLES, { error: "Choose a role" }),
  jurisdictionId: z.preprocess((value) => (value === "" ? null : value), z.string().max(40).nullable().default(null)),
});

const isAdmin = (user: CurrentUser) => user.grants.some((grant) => grant.role === "ADMIN");

/** The jurisdictions a user may invite into: all for administrators, their own for board members. */
function invitableJurisdictions(user: CurrentUser) {
  const own = user.grants.flatMap((grant) => (grant.role === "BOARD_MEMBER" && grant.jurisdictionId ? [grant.jurisdictionId] : []));
  return prisma.jurisdiction.findMany({
    where: isAdmin(user) ? {} : { id: { in: own } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "invite:users");
  const { page, skip, take } = pageFrom(request);
  const where = isAdmin(user) ? {} : { invitedById: user.id };
  const [jurisdictions, total, invitations] = await Promise.all([
    invitableJurisdictions(user),
    prisma.invitation.count({ where }),
    prisma.invitation.findMany({
      where,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        createdAt: true,
        jurisdiction: { select: { name: true } },
        invitedBy: { select: { name: true } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip,
      take,
    }),
  ]);
  const roles = INVITABLE_ROLES.filter((role) => isAdmin(user) || role !== "ADMIN");
  return json({ jurisdictions, roles, invitations, page, pages: pageCount(total), total, now: new Date().toISOString(), invitationDays: INVITATION_DAYS });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "invite:users");
  const formData = await readForm(request);
  const parsed = parseForm(InvitationSchema, formData);
  if (!parsed.success) return json({ errors: parsed.errors, formError: null, link: null }, { status: 400 });
  const invitation = parsed.data;
  // Only a board member's invitation names a jurisdiction: instructors and supervisors are held in none.
  const jurisdictionId = invitation.role === "BOARD_MEMBER" ? invitation.jurisdictionId : null;
  if (invitation.role === "BOARD_MEMBER" && !jurisdictionId) {
    return json(
      { errors: fieldError("jurisdictionId", "Choose the jurisdiction whose board they join"), formError: null, link: null },
      { status: 400 },
    );
  }
  if (!canInvite(user.grants, { role: invitation.role, jurisdictionId })) {
    if (invitation.role === "BOARD_MEMBER") {
      return json(
        { errors: fieldError("jurisdictionId", "Choose a jurisdiction whose board you sit on: you can invite board members only there"), formError: null, link: null },
        { status: 400 },
      );
    }
    return json({ errors: null, formError: "Only an administrator can invite another administrator.", link: null }, { status: 403 });
  }
  if (jurisdictionId && !(await prisma.jurisdiction.findUnique({ where: { id: jurisdictionId }, select: { id: true } }))) {
    return json({ errors: fieldError("jurisdictionId", "Choose a jurisdiction from the list"), formError: null, link: null }, { status: 400 });
  }
  const { token } = await createInvitation({ ...invitation, jurisdictionId, invitedById: user.id });
  const link = `${new URL(request.url).origin}/invite/${token}`;
  return json({ errors: null, formError: null, link, invitedName: invitation.name });
}

function invitationStatus(invitation: { acceptedAt: string | null; expiresAt: string }, now: string) {
  if (invitation.acceptedAt) return "Accepted";
  return invitation.expiresAt <= now ? "Expired" : "Waiting";
}

export default function Invitations() {
  const { jurisdictions, roles, invitations, page, pages, total, now, invitationDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <>
      <h1>Invitations</h1>
      {actionData?.link ? (
        <div role="status" className="notice">
          <p>
            Invitation created for {"invitedName" in actionData ? actionData.invitedName : "them"}. Send them this link; it
            works once and for {invitationDays} days. It is shown only now.
          </p>
          <label htmlFor="invitation-link">Invitation link</label>
          <input id="invitation-link" readOnly value={actionData.link} className="wide" />
        </div>
      ) : null}
      <h2>Invite someone</h2>
      <Form method="post" noValidate>
        <CsrfInput />
        <FormError message={actionData?.formError ?? (errors ? "Please correct the highlighted fields." : null)} />
        <Field label="Name" name="name" errors={errors?.name} />
        <Field label="Email" name="email" type="email" errors={errors?.email} />
        <FieldControl id="field-role" label="Role" errors={errors?.role}>
          {(aria) => (
            <select {...aria} name="role">
              {roles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <FieldControl
          id="field-jurisdictionId"
          label="Jurisdiction"
          hint="For board members only: the board they join. Instructors and supervisors belong to no jurisdiction, so leave it at None for them."
          errors={errors?.jurisdictionId}
        >
          {(aria) => (
            <select {...aria} name="jurisdictionId">
              <option value="">None</option>
              {jurisdictions.map((jurisdiction) => (
                <option key={jurisdiction.id} value={jurisdiction.id}>
                  {jurisdiction.name}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <SubmitButton>Create invitation</SubmitButton>
      </Form>
      <h2>Invitations sent</h2>
      {invitations.length ? (
        <ScrollingTable caption="Invitations sent" hideCaption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Invited by</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.name}</td>
                <td>{invitation.email}</td>
                <td>
                  {ROLE_LABELS[invitation.role]}
                  {invitation.jurisdiction ? ` (${invitation.jurisdiction.name})` : ""}
                </td>
                <td>{invitation.invitedBy.name}</td>
                <td>{invitationStatus(invitation, now)}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      ) : (
        <p>
          <EmptyListText page={page} total={total}>
            No invitations yet.
          </EmptyListText>
        </p>
      )}
      <Pager page={page} pages={pages} label="Invitation pages" />
    </>
  );
}
