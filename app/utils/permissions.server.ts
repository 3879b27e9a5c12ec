// The one permission check every loader and action uses.
import { redirect } from "@remix-run/node";
import { can, type Permission } from "~/domain/roles";
import { currentUser, type CurrentUser } from "./auth.server";

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const { user } = await currentUser(request);
  if (user) return user;
  const url = new URL(request.url);
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

export function forbidden(message = "You do not have permission to open this page.") {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "We could not find what you asked for.") {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

/** The signed-in user if they hold the permission (in the jurisdiction, when scoped); 403 otherwise. */
export async function requirePermission(
  request: Request,
  permission: Permission,
  scope?: { jurisdictionId: string },
): Promise<CurrentUser> {
  const user = await requireUser(request);
  if (!can(user.grants, permission, scope)) throw forbidden();
  return user;
}

/** Asserts a row exists (404 otherwise): loaders read "must exist" in one line. */
export function invariantFound<T>(value: T | null | undefined, message?: string): T {
  if (value === null || value === undefined) throw notFound(message);
  return value;
}
