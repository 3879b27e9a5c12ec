// CSRF protection for every form post: a signed double-submit token. The browser holds the token in
// an HttpOnly cookie; each form carries the same token in a hidden field; a post without both, or with
// a mismatch or a bad signature, is refused with 403 and changes nothing.
import crypto from "node:crypto";
import { cookieFromHeader, cookieValue, isHttps } from "./request.server";
import { signingSecret } from "./secret.server";

export const CSRF_COOKIE = "peerpath_csrf";
export const CSRF_FIELD = "csrf";

const sign = (token: string, secret: string) => crypto.createHmac("sha256", secret).update(token).digest("base64url");

async function tokenFromCookie(request: Request): Promise<string | null> {
  return tokenFromCookieValue(cookieValue(request, CSRF_COOKIE));
}

async function tokenFromCookieValue(value: string | null): Promise<string | null> {
  if (!value) return null;
  const [token, signature] = value.split(".");
  if (!token || !signature) return null;
  const expected = sign(token, await signingSecret());
  const ok = expected.length === signature.length && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  return ok ? token : null;
}

/** The token to put in forms, and a Set-Cookie header when the visitor had none yet. */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await tokenFromCookie(request);
  if (existing) return { token: existing, setCookie: null };
  const token = crypto.randomBytes(24).toString("base64url");
  const value = `${token}.${sign(token, await signingSecret())}`;
  const secure = isHttps(request) ? "; Secure" : "";
  return { token, setCookie: `${CSRF_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax${secure}` };
}

export class CsrfError extends Error {}

/**
 * Whether the posted token matches the signed cookie in the Cookie header. For the exam answer save's
 * lean path, which has a raw header and body rather than a Request (validateCsrf below is the rule).
 */
export async function csrfTokenMatches(cookieHeader: string | null | undefined, formToken: unknown): Promise<boolean> {
  const cookieToken = await tokenFromCookieValue(cookieFromHeader(cookieHeader, CSRF_COOKIE));
  return (
    cookieToken !== null &&
    typeof formToken === "string" &&
    formToken.length === cookieToken.length &&
    crypto.timingSafeEqual(Buffer.from(formToken), Buffer.from(cookieToken))
  );
}

export async function validateCsrf(request: Request, formData: FormData): Promise<void> {
  if (!(await csrfTokenMatches(request.headers.get("Cookie"), formData.get(CSRF_FIELD)))) {
    throw new Response("This form could not be verified. Reload the page and submit it again.", {
      status: 403,
      statusText: "Forbidden",
    });
  }
}

export const NUL_IN_FORM = "The form contains a null character, which cannot be saved. Remove it and send the form again.";

/** Refuses a form with a NUL byte in any field or file name: PostgreSQL cannot store one in text. */
export function refuseNulCharacters(formData: FormData) {
  for (const [, value] of formData) {
    if ((typeof value === "string" ? value : value.name).includes("\0")) throw new Response(NUL_IN_FORM, { status: 400 });
  }
}

/** Reads a posted form and checks its CSRF token: every action starts here. */
export async function readForm(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400 });
  }
  await validateCsrf(request, formData);
  refuseNulCharacters(formData);
  return formData;
}
