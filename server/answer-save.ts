// POST /attempts/:attemptId/answer, answered before Remix. The exam pages save every answer and flag
// as it is given, so this post is the app's busiest write; through Remix (request conversion, route
// matching, the action's separate session, role and save queries) a save cost ~7 ms of the server's
// CPU and ~2 ms of PostgreSQL's (docs/performance.md). Here it is: read the urlencoded body, check
// the CSRF token and the fields in memory, then one statement that checks session, role and every
// rule of the save and upserts (models/answer-save.server.ts). Anything else (no session cookie, a
// failed check, a refused save, a session lucia must renew) goes the full way, the same action the
// Remix route runs, so every refusal, status and body is the route's own. Responses are written as
// Remix writes them: a fetcher's data request (`?_data=<route id>`) gets its headers, and a redirect
// becomes Remix's 204 with X-Remix-Redirect; a plain post gets the action's response as it is.
//
// What this path leaves to Remix, untouched (it calls next() before reading the body): a body that is
// not application/x-www-form-urlencoded (what fetchers send) and a `?_data` naming another route.
import type { NextFunction, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { answerSaveAction, readAnswerPost, saveAsSignedIn } from "../app/models/answer-save.server";
import { AttemptIdParam } from "../app/models/exam-attempt.server";
import { lucia } from "../app/utils/auth.server";
import { CSRF_FIELD, csrfTokenMatches } from "../app/utils/csrf.server";

export const ANSWER_SAVE_PATH = "/attempts/:attemptId/answer";
const ROUTE_ID = "routes/attempts.$attemptId.answer";
/** An answer post is well under 1 KiB; a larger body is unusual enough to take the full way. */
const LEAN_BODY_LIMIT = 16 * 1024;
/** Remix's redirect statuses (server-runtime's isRedirectResponse). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type Mode = "data" | "resource";

/** The lean answer save; mount before the Remix handler: `app.post(ANSWER_SAVE_PATH, answerSave)`. */
export const answerSave: RequestHandler = (req, res, next) => {
  serve(req, res, next).catch((error: unknown) => failed(res, modeOf(req), error));
};

async function serve(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  const mode = modeOf(req);
  if (!mode || !isUrlencoded(req)) return next();
  const body = await readBody(req);
  const savedAt = await leanSave(req, body);
  if (savedAt) return sendJson(res, mode, { savedAt: savedAt.toISOString() });
  await sendResponse(res, mode, await fullWay(req, body));
}

/** How Remix would serve this post: a fetcher's data request, a plain post to the resource route, or neither. */
function modeOf(req: ExpressRequest): Mode | null {
  const query = req.originalUrl.indexOf("?");
  if (query < 0) return "resource";
  const search = new URLSearchParams(req.originalUrl.slice(query + 1));
  if (!search.has("_data")) return "resource";
  return search.get("_data") === ROUTE_ID ? "data" : null;
}

const isUrlencoded = (req: ExpressRequest) =>
  (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase() === "application/x-www-form-urlencoded";

function readBody(req: ExpressRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The one-statement save when every check made in memory passes; null to take the full way. */
async function leanSave(req: ExpressRequest, body: Buffer): Promise<Date | null> {
  const sessionId = lucia.readSessionCookie(req.headers.cookie ?? "");
  const attemptId = AttemptIdParam.safeParse(req.params.attemptId);
  if (!sessionId || !attemptId.success || body.length > LEAN_BODY_LIMIT) return null;
  // A urlencoded body parsed as request.formData() parses it, so the checks see what Remix's would;
  // no Request or FormData is built here: ~0.1 ms of CPU a save (docs/performance.md).
  const fields = new URLSearchParams(body.toString("utf8"));
  const csrfValid = await csrfTokenMatches(req.headers.cookie, fields.get(CSRF_FIELD));
  const post = readAnswerPost(fields);
  if (!csrfValid || !post.success) return null;
  return saveAsSignedIn({ sessionId, attemptId: attemptId.data, post: post.data });
}

/** The Remix route's own action, on a Request made the way Remix's Express adapter makes it. */
async function fullWay(req: ExpressRequest, body: Buffer): Promise<Response> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
  // Remix hands actions the URL without its own parameters: `_data`, and `index` when empty.
  url.searchParams.delete("_data");
  const index = url.searchParams.getAll("index").filter(Boolean);
  url.searchParams.delete("index");
  for (const value of index) url.searchParams.append("index", value);
  const request = new Request(url.href, { method: "POST", headers, body: new Uint8Array(body) });
  try {
    return await answerSaveAction(request, { attemptId: req.params.attemptId });
  } catch (error) {
    if (error instanceof Response) return error; // the redirect to sign in
    throw error;
  }
}

function sendJson(res: ExpressResponse, mode: Mode, value: unknown) {
  res.writeHead(200, {
    "Content-Type": "application/json; charset=utf-8",
    ...(mode === "data" ? { "X-Remix-Response": "yes" } : {}),
  });
  res.end(JSON.stringify(value));
}

/** Writes the action's response as Remix would (server-runtime's handleDataRequest / handleResourceRequest). */
async function sendResponse(res: ExpressResponse, mode: Mode, response: Response) {
  const headers = new Headers(response.headers);
  let status = response.status;
  let body: Buffer | null = Buffer.from(await response.arrayBuffer());
  if (mode === "data" && REDIRECT_STATUSES.has(status)) {
    // fetch() cannot be stopped from following a redirect, so a data request gets it as headers.
    headers.set("X-Remix-Redirect", headers.get("Location") ?? "/");
    headers.set("X-Remix-Status", String(status));
    headers.delete("Location");
    if (headers.has("Set-Cookie")) headers.set("X-Remix-Revalidate", "yes");
    status = 204;
    body = null;
  } else if (mode === "data") {
    headers.set("X-Remix-Response", "yes");
  }
  res.statusMessage = status === response.status ? response.statusText : "";
  res.status(status);
  for (const [name, value] of headers) res.append(name, value);
  res.end(body);
}

/** An unexpected error: logged, and a 500 like Remix's in production (no details to the visitor). */
function failed(res: ExpressResponse, mode: Mode | null, error: unknown) {
  console.error(error);
  if (res.headersSent) return void res.end();
  if (mode === "data") {
    res.writeHead(500, { "Content-Type": "application/json; charset=utf-8", "X-Remix-Error": "yes" });
    res.end(JSON.stringify({ message: "Unexpected Server Error" }));
  } else {
    res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("Unexpected Server Error");
  }
}
