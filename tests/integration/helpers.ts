// Helpers for integration tests: real database rows, real sessions and CSRF tokens, and calls into
// route loaders and actions the way Remix makes them.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { RequirementInput } from "~/domain/requirements";
import type { Role } from "~/domain/roles";
import type { Prisma } from "~/generated/prisma/client";
import { createUser } from "~/models/user.server";
import { lucia } from "~/utils/auth.server";
import { CSRF_COOKIE, csrfToken } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";

export const BASE = "http://localhost";

let counter = 0;
export const uniqueEmail = (prefix = "user") => `${prefix}-${process.pid}-${Date.now()}-${++counter}@example.org`;

export async function jurisdiction(code: string, name = code) {
  return prisma.jurisdiction.upsert({ where: { code }, create: { code, name }, update: {} });
}

/** A requirement for tests: training hours only unless `fields` add more; no exam, no renewal. */
export function testRequirement(jurisdictionCode: string, credentialCode: string, fields: Partial<RequirementInput> = {}): RequirementInput {
  return {
    jurisdictionCode,
    credentialCode,
    version: 1,
    source: "Integration test",
    training: { totalHours: 0 },
    crosswalk: { advocacy: null, "mentoring-education": null, "recovery-wellness-support": null, "ethical-responsibility": null },
    experience: { hours: 0, supervisedHours: 0 },
    exam: { required: false, name: "No exam", examId: null },
    renewal: null,
    ...fields,
  };
}

/** A credential of the jurisdiction with its first requirement version (any JSON: tests check what the app makes of it). */
export async function credentialWithRequirement(jurisdictionId: string, code: string, name: string, requirement: unknown) {
  return prisma.credentialType.create({
    data: {
      jurisdictionId,
      code,
      name,
      authority: "Test rule",
      summary: "A credential for tests.",
      requirements: { create: { version: 1, requirement: requirement as Prisma.InputJsonValue } },
    },
  });
}

/** A user with the role; board members sit on the jurisdiction given (created if needed). */
export async function userWithRole(role: Role, jurisdictionCode = "TESTJ") {
  const jurisdictionId = role === "BOARD_MEMBER" ? (await jurisdiction(jurisdictionCode)).id : null;
  return createUser({
    email: uniqueEmail(role.toLowerCase()),
    name: `Test ${role.toLowerCase()}`,
    password: "correct horse battery",
    roles: [{ role, jurisdictionId }],
  });
}

/** A trainee (no password sign-in: tests use a session cookie) working toward the credentials given. */
export async function traineeWithGoals(name: string, credentialTypeIds: string[], email = uniqueEmail("trainee")) {
  return prisma.user.create({
    data: {
      name,
      email,
      passwordHash: "not-used",
      roles: { create: { role: "TRAINEE" } },
      goals: { create: credentialTypeIds.map((credentialTypeId) => ({ credentialTypeId })) },
    },
  });
}

/** A ledger entry's data: approved module training in advocacy on 15 January 2025, unless `fields` say otherwise. */
export const moduleHours = (traineeId: string, minutes: number, fields: Partial<Prisma.LedgerEntryCreateManyInput> = {}) => ({
  traineeId,
  kind: "TRAINING" as const,
  status: "APPROVED" as const,
  source: "MODULE_COMPLETION" as const,
  occurredOn: new Date("2025-01-15T00:00:00Z"),
  description: "Module hours",
  courseDomain: "advocacy",
  minutes,
  ...fields,
});

export async function sessionCookie(userId: string) {
  const session = await lucia.createSession(userId, {});
  return `${lucia.sessionCookieName}=${session.id}`;
}

/** A valid CSRF token and the cookie that goes with it. */
export async function csrf() {
  const { token, setCookie } = await csrfToken(new Request(BASE));
  const cookie = setCookie!.split(";")[0]!;
  expectCookieName(cookie, CSRF_COOKIE);
  return { token, cookie };
}

function expectCookieName(cookie: string, name: string) {
  if (!cookie.startsWith(`${name}=`)) throw new Error(`expected a ${name} cookie, got ${cookie}`);
}

export function getRequest(path: string, cookies: string[] = []) {
  return new Request(BASE + path, { headers: { Cookie: cookies.join("; ") } });
}

/** A form post with a valid CSRF token unless one is given in fields. */
export async function postRequest(path: string, fields: Record<string, string>, cookies: string[] = []) {
  const token = await csrf();
  const body = new URLSearchParams({ csrf: token.token, ...fields });
  return new Request(BASE + path, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: [token.cookie, ...cookies].join("; ") },
  });
}

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown;

/** Calls a loader or action; a thrown Response (redirect, 403, 404) is returned, not raised. */
export async function call(
  handler: Handler | undefined,
  request: Request,
  params: Record<string, string> = {},
  clientAddress = "127.0.0.1",
): Promise<Response> {
  if (!handler) throw new Error("route has no such handler");
  try {
    const result = await handler({ request, params, context: { clientAddress } });
    return result instanceof Response ? result : Response.json(result);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

export const setCookies = (response: Response) => response.headers.getSetCookie();

/** A file part of chromiumMultipart: its name exactly as on the person's disk. */
export type RawFile = { filename: string; type: string; content: string | Uint8Array };

/**
 * A multipart/form-data body byte for byte as Chromium builds it (not as a FormData object would be
 * serialised here): a WebKitFormBoundary, each name and file name in double quotes as raw UTF-8, with
 * only `"`, CR and LF escaped (%22, %0D, %0A). So `;` and `=` appear inside the quotes as they are.
 */
export function chromiumMultipart(parts: [string, string | RawFile][]): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
  const escape = (text: string) => text.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const [name, value] of parts) {
    const head =
      typeof value === "string"
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"; filename="${escape(value.filename)}"\r\nContent-Type: ${value.type}\r\n\r\n`;
    chunks.push(encoder.encode(head));
    const content = typeof value === "string" ? value : value.content;
    chunks.push(typeof content === "string" ? encoder.encode(content) : content, encoder.encode("\r\n"));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A post of `parts` (see chromiumMultipart) with a valid CSRF token first, as a browser sends the form. */
export async function chromiumUpload(path: string, parts: [string, string | RawFile][], cookies: string[] = []) {
  const token = await csrf();
  const { body, contentType } = chromiumMultipart([["csrf", token.token], ...parts]);
  return new Request(BASE + path, { method: "POST", body, headers: { "Content-Type": contentType, Cookie: [token.cookie, ...cookies].join("; ") } });
}
