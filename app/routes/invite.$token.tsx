import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, Field, FormError } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { PasswordSchema } from "~/domain/password-policy";
import { ROLE_LABELS, homePath } from "~/domain/roles";
import {
  ExistingAccountPasswordError,
  INVITATION_PROBLEMS,
  InvitationUnavailableError,
  acceptInvitation,
  invitationState,
} from "~/models/invitation.server";
import { signInAndRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { fieldError, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Accept invitation · PeerPath" }];

const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);

const NewAccountSchema = z
  .object({ password: PasswordSchema, confirmPassword: z.string({ error: "Type the password again" }) })
  .refine((form) => form.password === form.confirmPassword, {
    message: "The two passwords do not match",
    path: ["confirmPassword"],
  });
const ExistingAccountSchema = z.object({
  password: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200),
});

async function openInvitation(token: string | undefined) {
  const parsed = TokenSchema.safeParse(token);
  const state = parsed.success ? await invitationState(parsed.data) : ({ status: "unknown" } as const);
  if (state.status !== "open") {
    throw new Response(INVITATION_PROBLEMS[state.status], { status: state.status === "unknown" ? 404 : 410 });
  }
  const existingAccount = Boolean(
    await prisma.user.findUnique({ where: { email: state.invitation.email }, select: { id: true } }),
  );
  return { token: parsed.data!, invitation: state.invitation, existingAccount };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { invitation, existingAccount } = await openInvitation(params.token);
  return json({
    name: invitation.name,
    email: invitation.email,
    role: ROLE_LABELS[invitation.role],
    jurisdiction: invitation.jurisdiction?.name ?? null,
    invitedBy: invitation.invitedBy.name,
    existingAccount,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const { token, existingAccount } = await openInvitation(params.token);
  const parsed = parseForm(existingAccount ? ExistingAccountSchema : NewAccountSchema, formData);
  if (!parsed.success) return json({ errors: parsed.errors, formError: null }, { status: 400 });
  try {
    const { userId } = await acceptInvitation(token, parsed.data.password);
    const grants = await prisma.roleAssignment.findMany({ where: { userId }, select: { role: true, jurisdictionId: true } });
    return await signInAndRedirect(request, userId, homePath(grants));
  } catch (error) {
    if (error instanceof ExistingAccountPasswordError) {
      return json({ errors: fieldError("password", error.message), formError: null }, { status: 400 });
    }
    if (error instanceof InvitationUnavailableError) {
      return json({ errors: null, formError: error.message }, { status: 410 });
    }
    throw error;
  }
}

export default function AcceptInvitation() {
  const invitation = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <h1>Join PeerPath as {invitation.role.toLowerCase()}</h1>
      <p>
        {invitation.invitedBy} invited <strong>{invitation.name}</strong> ({invitation.email}) to PeerPath as{" "}
        {invitation.role.toLowerCase()}
        {invitation.jurisdiction ? ` for ${invitation.jurisdiction}` : ""}.
      </p>
      <Form method="post" noValidate>
        <CsrfInput />
        <FormError message={actionData?.formError} />
        {invitation.existingAccount ? (
          <>
            <p>You already have an account with this email. Enter its password to add the new role to it.</p>
            <Field label="Current password" name="password" type="password" autoComplete="current-password" errors={errors?.password} />
          </>
        ) : (
          <>
            <Field
              label="Choose a password"
              name="password"
              type="password"
              autoComplete="new-password"
              hint="At least 10 characters."
              errors={errors?.password}
            />
            <Field label="Confirm password" name="confirmPassword" type="password" autoComplete="new-password" errors={errors?.confirmPassword} />
          </>
        )}
        <SubmitButton>Accept invitation</SubmitButton>
      </Form>
    </div>
  );
}
