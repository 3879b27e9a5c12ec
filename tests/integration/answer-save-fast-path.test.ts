// The lean answer save (server/answer-save.ts) against the Remix route it stands in front of. Every
// case runs twice over real HTTP on the test database: once through Remix alone (the answer route in
// a Remix request handler, as in production before the lean route existed) and once through the lean
// route mounted before that same handler, as server/index.ts mounts it. Both must answer alike, as
// a plain post and as a fetcher's data request (`?_data=<route id>`), and the lean route must serve
// a valid save without reaching Remix.
import type { AddressInfo } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncContent } from "~/models/content.server";
import { attemptForCandidate, startAttempt, submitAttempt } from "~/models/exam-attempt.server";
import * as answerRoute from "~/routes/attempts.$attemptId.answer";
import { NUL_IN_FORM } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { saveAsSignedIn } from "~/models/answer-save.server";
import { ANSWER_SAVE_PATH, answerSave } from "../../server/answer-save";
import { csrf, sessionCookie, userWithRole } from "./helpers";
import { EXAM_CODE, PR_TRAINING_HOURS, grantTrainingHours } from "./route-table.exams-candidate";

const ROUTE_ID = "routes/attempts.$attemptId.answer";
const DAY_MS = 24 * 60 * 60 * 1000;

/** The smallest Remix build that serves the answer route: a root without data and the route itself. */
const build = {
  mode: "production",
  entry: { module: { default: () => new Response("no documents here", { status: 500 }) } },
  routes: {
    root: { id: "root", path: "", module: { default: () => null } },
    [ROUTE_ID]: { id: ROUTE_ID, parentId: "root", path: "attempts/:attemptId/answer", module: answerRoute },
  },
  assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" },
  publicPath: "/build/",
  assetsBuildDirectory: "public/build",
  future: {},
  isSpaMode: false,
} as unknown as ServerBuild;

type Server = { url: string; reachedRemix: number; close(): Promise<void> };

async function serve(withLeanRoute: boolean): Promise<Server> {
  const app = express();
  const server: Server = { url: "", reachedRemix: 0, close: async () => {} };
  if (withLeanRoute) app.post(ANSWER_SAVE_PATH, answerSave);
  app.use((_req, _res, next) => {
    server.reachedRemix += 1;
    next();
  });
  app.all("*", createRequestHandler({ build, mode: "production" }));
  const listener = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => listener.once("listening", resolve));
  server.url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  server.close = () => new Promise((resolve) => listener.close(() => resolve()));
  return server;
}

const servers: Record<"remix" | "lean", Server> = {} as never;

beforeAll(async () => {
  await syncContent();
  servers.remix = await serve(false);
  servers.lean = await serve(true);
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

/** A trainee sitting the exam: their session and CSRF cookies, the attempt and its form. */
async function sitting() {
  const user = await userWithRole("TRAINEE");
  await grantTrainingHours(user.id, PR_TRAINING_HOURS);
  const { attemptId } = await startAttempt(user.id, EXAM_CODE);
  const { form } = await attemptForCandidate(attemptId, user.id);
  const token = await csrf();
  return { user, attemptId, form, session: await sessionCookie(user.id), csrf: token };
}

type Sitting = Awaited<ReturnType<typeof sitting>>;
type Post = { fields: Record<string, string | string[]>; cookies: string[]; path?: string; contentType?: "urlencoded" | "multipart" };

/** The fields and cookies the exam page's fetcher sends for this sitting, with a valid CSRF token. */
function answerPost(sat: Sitting, fields: Record<string, string | string[]>): Post {
  return { fields: { csrf: sat.csrf.token, intent: "answer", ...fields }, cookies: [sat.session, sat.csrf.cookie] };
}

type Answer = { status: number; body: unknown; location: string | null; remix: Record<string, string> };

async function send(server: Server, dataRequest: boolean, attemptId: string, post: Post): Promise<Answer> {
  const path = post.path ?? `/attempts/${attemptId}/answer`;
  const url = `${server.url}${path}${dataRequest ? `?_data=${encodeURIComponent(ROUTE_ID)}` : ""}`;
  const entries = Object.entries(post.fields).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((item) => [name, item]));
  let body: URLSearchParams | FormData = new URLSearchParams(entries);
  if (post.contentType === "multipart") {
    body = new FormData();
    for (const [name, value] of entries) body.append(name!, value!);
  }
  const response = await fetch(url, { method: "POST", body, headers: { cookie: post.cookies.join("; ") }, redirect: "manual" });
  const text = await response.text();
  const remix = Object.fromEntries([...response.headers].filter(([name]) => name.startsWith("x-remix-")));
  const json = (response.headers.get("content-type") ?? "").startsWith("application/json");
  return { status: response.status, body: json ? JSON.parse(text) : text, location: response.headers.get("location"), remix };
}

const answerOf = (attemptId: string, itemVersionId: string) =>
  prisma.examAnswer.findUnique({ where: { attemptId_itemVersionId: { attemptId, itemVersionId } } });

const NOT_FOUND = "We could not find that exam attempt. Open your exams to see your attempts.";
const CSRF_FAILED = "This form could not be verified. Reload the page and submit it again.";

describe.each([
  { way: "Remix alone", key: "remix" as const, dataRequest: false },
  { way: "Remix alone, fetcher data request", key: "remix" as const, dataRequest: true },
  { way: "lean route", key: "lean" as const, dataRequest: false },
  { way: "lean route, fetcher data request", key: "lean" as const, dataRequest: true },
])("answer save through $way", ({ key, dataRequest }) => {
  const post = (attemptId: string, request: Post) => send(servers[key], dataRequest, attemptId, request);
  /** The X-Remix-Response header Remix puts on a data request's JSON, and nothing on a plain post. */
  const jsonHeaders = dataRequest ? { "x-remix-response": "yes" } : {};

  it("saves an answer, then a changed one, and flags and unflags the item", async () => {
    const sat = await sitting();
    const [first] = sat.form;
    const before = servers[key].reachedRemix;
    const saved = await post(sat.attemptId, answerPost(sat, { itemVersionId: first!.itemVersionId, selected: first!.optionOrder[0]! }));
    expect(saved).toMatchObject({ status: 200, remix: jsonHeaders, body: { savedAt: expect.any(String) } });
    const row = await answerOf(sat.attemptId, first!.itemVersionId);
    expect(row).toMatchObject({ selected: [first!.optionOrder[0]], flagged: false });
    expect(row!.updatedAt.toISOString()).toBe((saved.body as { savedAt: string }).savedAt);

    expect(await post(sat.attemptId, answerPost(sat, { itemVersionId: first!.itemVersionId, selected: first!.optionOrder[1]! }))).toMatchObject({ status: 200 });
    expect(await answerOf(sat.attemptId, first!.itemVersionId)).toMatchObject({ selected: [first!.optionOrder[1]] });
    expect(await post(sat.attemptId, answerPost(sat, { itemVersionId: first!.itemVersionId, intent: "flag" }))).toMatchObject({ status: 200 });
    expect(await answerOf(sat.attemptId, first!.itemVersionId)).toMatchObject({ selected: [first!.optionOrder[1]], flagged: true });
    expect(await post(sat.attemptId, answerPost(sat, { itemVersionId: first!.itemVersionId, intent: "unflag" }))).toMatchObject({ status: 200 });
    expect(await answerOf(sat.attemptId, first!.itemVersionId)).toMatchObject({ flagged: false });
    // The lean route answers valid saves itself; Remix alone sees every one.
    expect(servers[key].reachedRemix - before).toBe(key === "lean" ? 0 : 4);
  });

  it("refuses a post without a valid CSRF token with 403 and saves nothing", async () => {
    const sat = await sitting();
    const itemVersionId = sat.form[0]!.itemVersionId;
    const valid = answerPost(sat, { itemVersionId, selected: sat.form[0]!.optionOrder[0]! });
    const { csrf: _token, ...withoutToken } = valid.fields;
    const other = await csrf();
    for (const request of [
      { ...valid, fields: withoutToken },
      { ...valid, fields: { ...valid.fields, csrf: other.token } },
      { ...valid, cookies: [sat.session] },
    ]) {
      expect(await post(sat.attemptId, request)).toEqual({ status: 403, body: { error: CSRF_FAILED }, location: null, remix: jsonHeaders });
    }
    expect(await answerOf(sat.attemptId, itemVersionId)).toBeNull();
  });

  it("answers 404 for another trainee's attempt, and for an id that cannot be an attempt", async () => {
    const sat = await sitting();
    const other = await sitting();
    const entry = other.form[0]!;
    const refused = await post(other.attemptId, answerPost(sat, { itemVersionId: entry.itemVersionId, selected: entry.optionOrder[0]! }));
    expect(refused).toEqual({ status: 404, body: { error: NOT_FOUND, finished: false }, location: null, remix: jsonHeaders });
    expect(await answerOf(other.attemptId, entry.itemVersionId)).toBeNull();
    expect(await post("x", { ...answerPost(sat, { itemVersionId: entry.itemVersionId }), path: "/attempts/not.an.id/answer" })).toMatchObject({
      status: 404,
      body: { error: "We could not find that exam attempt." },
    });
  });

  it("refuses an answer after the deadline and submits the attempt as of the deadline", async () => {
    const sat = await sitting();
    const deadline = new Date(Date.now() - 1_000);
    await prisma.examAttempt.update({ where: { id: sat.attemptId }, data: { deadline } });
    const entry = sat.form[0]!;
    const late = await post(sat.attemptId, answerPost(sat, { itemVersionId: entry.itemVersionId, selected: entry.optionOrder[0]! }));
    expect(late).toMatchObject({ status: 409, remix: jsonHeaders, body: { finished: true, error: expect.stringMatching(/^Time is up/) } });
    expect(await prisma.examAttempt.findUniqueOrThrow({ where: { id: sat.attemptId } })).toMatchObject({ status: "SUBMITTED", submittedBy: "deadline", submittedAt: deadline });
    expect(await answerOf(sat.attemptId, entry.itemVersionId)).toBeNull();
    // Submitted: later saves are refused as finished too.
    expect(await post(sat.attemptId, answerPost(sat, { itemVersionId: entry.itemVersionId, intent: "flag" }))).toMatchObject({
      status: 409,
      body: { finished: true, error: "This attempt has already been submitted, so its answers can no longer change." },
    });
  });

  it("refuses an item that is not on the form, options it does not have, two options for a one-answer item, and an unreadable post with 400", async () => {
    const sat = await sitting();
    const onForm = new Set(sat.form.map((entry) => entry.itemVersionId));
    const offForm = await prisma.examItemVersion.findFirstOrThrow({ where: { id: { notIn: [...onForm] }, item: { exam: { code: EXAM_CODE } } } });
    const offOption = (offForm.options as { id: string }[])[0]!.id;
    const single = await prisma.examItemVersion.findFirstOrThrow({ where: { id: { in: [...onForm] }, type: "SINGLE" } });
    const singleEntry = sat.form.find((entry) => entry.itemVersionId === single.id)!;
    const cases: [Record<string, string | string[]>, string][] = [
      [{ itemVersionId: offForm.id, selected: offOption }, "That question is not on your exam. Reload the page and answer the questions shown."],
      [{ itemVersionId: offForm.id, intent: "flag" }, "That question is not on your exam. Reload the page and answer the questions shown."],
      [{ itemVersionId: single.id, selected: "z" }, "That option is not one of this question's options. Choose from the options shown."],
      [{ itemVersionId: single.id, selected: singleEntry.optionOrder.slice(0, 2) }, "This question takes one answer. Choose a single option."],
    ];
    for (const [fields, error] of cases) {
      expect(await post(sat.attemptId, answerPost(sat, fields))).toEqual({ status: 400, body: { error, finished: false }, location: null, remix: jsonHeaders });
    }
    const unreadable: Record<string, string | string[]>[] = [
      { selected: "a" },
      { itemVersionId: single.id, intent: "erase" },
      { itemVersionId: single.id, selected: Array<string>(11).fill("a") },
    ];
    for (const fields of unreadable) {
      expect(await post(sat.attemptId, answerPost(sat, fields))).toEqual({
        status: 400,
        body: { error: "This answer could not be read. Reload the page and answer again." },
        location: null,
        remix: jsonHeaders,
      });
    }
    // A NUL byte, which PostgreSQL cannot store, in an option or in the question's id.
    for (const fields of [{ itemVersionId: single.id, selected: "a\0" }, { itemVersionId: `${single.id}\0`, selected: singleEntry.optionOrder[0]! }]) {
      expect(await post(sat.attemptId, answerPost(sat, fields))).toEqual({ status: 400, body: { error: NUL_IN_FORM }, location: null, remix: jsonHeaders });
    }
    expect(await prisma.examAnswer.count({ where: { attemptId: sat.attemptId } })).toBe(0);
  });

  it("sends a signed-out visitor, or one whose session has expired, to sign in", async () => {
    const sat = await sitting();
    const entry = sat.form[0]!;
    // Remix takes its own `_data` parameter off the URL before the action sees it.
    const signIn = `/login?redirectTo=${encodeURIComponent(`/attempts/${sat.attemptId}/answer`)}`;
    const expected = dataRequest
      ? { status: 204, body: "", location: null, remix: { "x-remix-redirect": signIn, "x-remix-status": "302" } }
      : { status: 302, body: "", location: signIn, remix: {} };
    const signedOut = { ...answerPost(sat, { itemVersionId: entry.itemVersionId, selected: entry.optionOrder[0]! }), cookies: [sat.csrf.cookie] };
    expect(await post(sat.attemptId, signedOut)).toEqual(expected);

    const sessionId = sat.session.split("=")[1]!;
    await prisma.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await post(sat.attemptId, answerPost(sat, { itemVersionId: entry.itemVersionId, selected: entry.optionOrder[0]! }))).toEqual(expected);
    expect(await prisma.session.findUnique({ where: { id: sessionId } })).toBeNull(); // lucia deletes it on the way
    expect(await answerOf(sat.attemptId, entry.itemVersionId)).toBeNull();
  });

  it("renews a session with less than half its time left, as lucia does on any request, and saves", async () => {
    const sat = await sitting();
    const sessionId = sat.session.split("=")[1]!;
    await prisma.session.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() + 10 * DAY_MS) } });
    const entry = sat.form[0]!;
    expect(await post(sat.attemptId, answerPost(sat, { itemVersionId: entry.itemVersionId, selected: entry.optionOrder[0]! }))).toMatchObject({ status: 200 });
    const { expiresAt } = await prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * DAY_MS);
    expect(await answerOf(sat.attemptId, entry.itemVersionId)).toMatchObject({ selected: [entry.optionOrder[0]] });
  });

  it("refuses a signed-in user without the trainee role with 403, even on a trainee's attempt", async () => {
    const sat = await sitting();
    const instructor = await userWithRole("INSTRUCTOR");
    const entry = sat.form[0]!;
    const request = { ...answerPost(sat, { itemVersionId: entry.itemVersionId, selected: entry.optionOrder[0]! }), cookies: [await sessionCookie(instructor.id), sat.csrf.cookie] };
    expect(await post(sat.attemptId, request)).toEqual({ status: 403, body: { error: "You do not have permission to open this page." }, location: null, remix: jsonHeaders });
    // A trainee role taken away mid-exam counts at once: nothing about it is cached.
    await prisma.roleAssignment.deleteMany({ where: { userId: sat.user.id } });
    expect(await post(sat.attemptId, answerPost(sat, { itemVersionId: entry.itemVersionId, selected: entry.optionOrder[0]! }))).toMatchObject({ status: 403 });
    expect(await answerOf(sat.attemptId, entry.itemVersionId)).toBeNull();
  });

  it("saves a multipart post too (left to Remix by the lean route)", async () => {
    const sat = await sitting();
    const entry = sat.form[1]!;
    const request: Post = { ...answerPost(sat, { itemVersionId: entry.itemVersionId, selected: entry.optionOrder[0]! }), contentType: "multipart" };
    expect(await post(sat.attemptId, request)).toMatchObject({ status: 200, body: { savedAt: expect.any(String) } });
    expect(await answerOf(sat.attemptId, entry.itemVersionId)).toMatchObject({ selected: [entry.optionOrder[0]] });
  });
});

describe("the lean route and a submission", () => {
  it("scores exactly the answers it saved when its saves race the submission", async () => {
    const sat = await sitting();
    const scored = sat.form.filter((entry) => entry.scored);
    const keys = new Map(
      (await prisma.examItemVersion.findMany({ where: { id: { in: scored.map((entry) => entry.itemVersionId) } }, select: { id: true, key: true } })).map(
        (version) => [version.id, version.key],
      ),
    );
    const saves = scored.map((entry) => send(servers.lean, true, sat.attemptId, answerPost(sat, { itemVersionId: entry.itemVersionId, selected: keys.get(entry.itemVersionId)! })));
    const [outcome, ...answers] = await Promise.all([submitAttempt(sat.attemptId, sat.user.id), ...saves]);
    expect(outcome).toBe("submitted");
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const stored = await prisma.examAnswer.count({ where: { attemptId: sat.attemptId } });
    expect(stored).toBe(answers.filter((answer) => answer.status === 200).length);
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: sat.attemptId } })).rawScore).toBe(stored);
  });
});

describe("answers that arrive together", () => {
  it("saves each candidate's answer, and refuses only those that break a rule, when many arrive at once", async () => {
    const sittings = await Promise.all(Array.from({ length: 8 }, () => sitting()));
    const [late, wrongOption, ...onTime] = sittings;
    await prisma.examAttempt.update({ where: { id: late!.attemptId }, data: { deadline: new Date(Date.now() - 1_000) } });
    const answerOfFirst = (sat: Sitting, selected: string) => answerPost(sat, { itemVersionId: sat.form[0]!.itemVersionId, selected });
    const [lateAnswer, wrongAnswer, ...saved] = await Promise.all([
      send(servers.lean, true, late!.attemptId, answerOfFirst(late!, late!.form[0]!.optionOrder[0]!)),
      send(servers.lean, true, wrongOption!.attemptId, answerOfFirst(wrongOption!, "z")),
      ...onTime.map((sat) => send(servers.lean, true, sat.attemptId, answerOfFirst(sat, sat.form[0]!.optionOrder[1]!))),
    ]);
    expect(lateAnswer).toMatchObject({ status: 409, body: { finished: true } });
    expect(wrongAnswer).toMatchObject({ status: 400, body: { error: "That option is not one of this question's options. Choose from the options shown." } });
    for (const [index, sat] of onTime.entries()) {
      expect(saved[index]).toMatchObject({ status: 200 });
      expect(await answerOf(sat.attemptId, sat.form[0]!.itemVersionId)).toMatchObject({ selected: [sat.form[0]!.optionOrder[1]] });
    }
    expect(await prisma.examAnswer.count({ where: { attemptId: { in: [late!.attemptId, wrongOption!.attemptId] } } })).toBe(0);
  });

  it("keeps the last answer a candidate gives when they change it while the earlier ones are being saved", async () => {
    const [sat, other] = await Promise.all([sitting(), sitting()]);
    // Three different answers need an item with three options or more: the form is drawn at random,
    // and a true-false item has two.
    const entry = sat!.form.find((item) => item.optionOrder.length >= 3)!;
    const sessionId = (cookie: string) => cookie.split("=")[1]!;
    const answer = (who: Sitting, itemVersionId: string, selected: string) =>
      saveAsSignedIn({
        sessionId: sessionId(who.session),
        attemptId: who.attemptId,
        post: { itemVersionId, intent: "answer", selected: [selected] },
      });
    // Given in this order, without waiting: the other candidate's answer and the changes all overlap.
    const changes = [entry.optionOrder[0]!, entry.optionOrder[1]!, entry.optionOrder[2]!, entry.optionOrder[1]!];
    const theirs = other!.form[0]!;
    const results = await Promise.all([
      answer(other!, theirs.itemVersionId, theirs.optionOrder[0]!),
      ...changes.map((selected) => answer(sat!, entry.itemVersionId, selected)),
    ]);
    expect(results.every((savedAt) => savedAt instanceof Date)).toBe(true);
    expect(await answerOf(sat!.attemptId, entry.itemVersionId)).toMatchObject({ selected: [entry.optionOrder[1]] });
    // Each change was saved after the one before it.
    const times = results.slice(1).map((savedAt) => savedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
