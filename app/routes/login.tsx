import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, Field, FormError } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { homePath } from "~/domain/roles";
import { attemptSignIn } from "~/models/sign-in.server";
import { currentUser, signInAndRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { parseForm } from "~/utils/forms.server";
import { clientAddress, safeRedirect } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Sign in · PeerPath" }];

const SignInSchema = z.object({
  email: z.email({ error: "Enter the email address you signed up with" }).max(254),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await currentUser(request);
  if (user) throw redirect(homePath(user.grants));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(SignInSchema, formData);
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return json({ errors: parsed.errors, formError: null, email }, { status: 400 });
  const result = await attemptSignIn({ ...parsed.data, ipAddress: clientAddress(context) });
  if (!result.ok) {
    const formError =
      result.reason === "throttled"
        ? `Too many failed sign-in attempts${result.verdict.reason === "account" ? " for this account" : " from your network"}. ` +
          `Try again in ${result.verdict.retryAfterMinutes} minute${result.verdict.retryAfterMinutes === 1 ? "" : "s"}.`
        : "The email or password is not right. Check both and try again.";
    return json({ errors: null, formError, email }, { status: result.reason === "throttled" ? 429 : 400 });
  }
  const grants = await prisma.roleAssignment.findMany({
    where: { userId: result.userId },
    select: { role: true, jurisdictionId: true },
  });
  return signInAndRedirect(request, result.userId, safeRedirect(parsed.data.redirectTo, homePath(grants)));
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <FormError message={actionData?.formError ?? (actionData?.errors ? "Please correct the highlighted fields." : null)} />
        <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={actionData?.email} errors={actionData?.errors?.email} />
        <Field label="Password" name="password" type="password" autoComplete="current-password" errors={actionData?.errors?.password} />
        <SubmitButton>Sign in</SubmitButton>
      </Form>
      <p>
        New here? <Link to="/signup">Sign up as a trainee</Link>.
      </p>
    </div>
  );
}
