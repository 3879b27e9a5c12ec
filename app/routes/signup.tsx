import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, Field, FormError } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { PasswordSchema } from "~/domain/password-policy";
import { homePath } from "~/domain/roles";
import { EmailTakenError, createUser } from "~/models/user.server";
import { currentUser, signInAndRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { fieldError, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Sign up · PeerPath" }];

export const SignUpSchema = z
  .object({
    name: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
    email: z.email({ error: "Enter a valid email address, like name@example.org" }).max(254),
    password: PasswordSchema,
    confirmPassword: z.string({ error: "Type the password again" }),
  })
  .refine((form) => form.password === form.confirmPassword, {
    message: "The two passwords do not match",
    path: ["confirmPassword"],
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await currentUser(request);
  if (user) throw redirect(homePath(user.grants));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await readForm(request);
  const parsed = parseForm(SignUpSchema, formData);
  const values = { name: String(formData.get("name") ?? ""), email: String(formData.get("email") ?? "") };
  if (!parsed.success) return json({ errors: parsed.errors, formError: null, values }, { status: 400 });
  try {
    const user = await createUser({ ...parsed.data, roles: [{ role: "TRAINEE" }] });
    return await signInAndRedirect(request, user.id, "/trainee");
  } catch (error) {
    if (error instanceof EmailTakenError) {
      return json({ errors: fieldError("email", error.message), formError: null, values }, { status: 400 });
    }
    throw error;
  }
}

export default function SignUp() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <h1>Sign up as a trainee</h1>
      <p>
        Create your account to take the course and track your hours. Instructors, supervisors and board members join
        by invitation. Already have an account? <Link to="/login">Sign in</Link>.
      </p>
      <Form method="post" noValidate>
        <CsrfInput />
        <FormError message={errors ? "Please correct the highlighted fields." : null} />
        <Field label="Full name" name="name" autoComplete="name" defaultValue={actionData?.values.name} errors={errors?.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={actionData?.values.email} errors={errors?.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. A short sentence is easy to remember and hard to guess."
          errors={errors?.password}
        />
        <Field label="Confirm password" name="confirmPassword" type="password" autoComplete="new-password" errors={errors?.confirmPassword} />
        <SubmitButton>Create account</SubmitButton>
      </Form>
    </div>
  );
}
