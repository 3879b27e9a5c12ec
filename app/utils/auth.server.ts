// Sign-in state: lucia 3 sessions stored in PostgreSQL, passwords hashed with argon2id.
import { hash, verify } from "@node-rs/argon2";
import { Lucia, TimeSpan, type Cookie } from "lucia";
import { redirect } from "@remix-run/node";
import type { RoleGrant } from "~/domain/roles";
import { databasePool, prisma } from "./db.server";
import { PrismaSessionAdapter } from "./lucia-adapter.server";
import { isHttps } from "./request.server";

export const lucia = new Lucia(new PrismaSessionAdapter(prisma, databasePool), {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: { name: "peerpath_session", attributes: { sameSite: "lax" } },
  // The grants come with the session lookup, so a request needs no second query for them.
  getUserAttributes: ({ email, name, grants }) => ({ email, name, grants }),
  // Not stored with the session: read with it (see lucia-adapter.server.ts).
  getSessionAttributes: ({ catalogueVersion }) => ({ catalogueVersion: catalogueVersion ?? null }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { email: string; name: string; grants: RoleGrant[] };
    DatabaseSessionAttributes: { catalogueVersion?: string | null };
  }
}

// OWASP's argon2id settings: 19 MiB memory, 2 iterations, 1 lane.
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2ID);
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false);

/** HttpOnly and SameSite=Lax always; Secure whenever the visitor came over HTTPS. */
function withRequestFlags(cookie: Cookie, request: Request) {
  cookie.attributes.httpOnly = true;
  cookie.attributes.secure = isHttps(request);
  return cookie.serialize();
}

export type CurrentUser = { id: string; email: string; name: string; grants: RoleGrant[] };

type SignInState = {
  user: CurrentUser | null;
  setCookie: string | null;
  /** The credential catalogue's version as of the session lookup; null when signed out. */
  catalogueVersion: string | null;
};

// The root loader and the page's loader both ask, with the same Request object for a page load (see
// patches/README.md), so the lookup runs once per request. Nothing outlives the request: the next one
// reads the session and grants afresh.
const lookupsOfRequest = new WeakMap<Request, Promise<SignInState>>();

/** The signed-in user, if any, plus a Set-Cookie header when the session was renewed or is invalid. */
export function currentUser(request: Request): Promise<SignInState> {
  let lookup = lookupsOfRequest.get(request);
  if (!lookup) {
    lookup = lookUpSignIn(request);
    lookupsOfRequest.set(request, lookup);
  }
  return lookup;
}

async function lookUpSignIn(request: Request): Promise<SignInState> {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return { user: null, setCookie: null, catalogueVersion: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return { user: null, setCookie: withRequestFlags(lucia.createBlankSessionCookie(), request), catalogueVersion: null };
  return {
    user: { id: user.id, email: user.email, name: user.name, grants: user.grants },
    setCookie: session.fresh ? withRequestFlags(lucia.createSessionCookie(session.id), request) : null,
    catalogueVersion: session.catalogueVersion,
  };
}

/** Starts a session and redirects; used after sign-up, sign-in and accepting an invitation. */
export async function signInAndRedirect(request: Request, userId: string, to: string) {
  const session = await lucia.createSession(userId, {});
  return redirect(to, { headers: { "Set-Cookie": withRequestFlags(lucia.createSessionCookie(session.id), request) } });
}

export async function signOutAndRedirect(request: Request, to = "/") {
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await lucia.invalidateSession(sessionId);
  return redirect(to, { headers: { "Set-Cookie": withRequestFlags(lucia.createBlankSessionCookie(), request) } });
}
