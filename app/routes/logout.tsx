import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOutAndRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";

export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  return signOutAndRedirect(request, "/");
}
