// The benchmark scenarios: what each one requests, as whom, and whether it can run in this tree.
// Each scenario prepares its request (users, sessions, path); an optional `available()` probe sends one
// request first, and a scenario that cannot run (its route is not there yet, say) is reported as "not
// available" with the reason instead of failing the run.
import crypto from "node:crypto";
import type pg from "pg";
import { BENCH_EMAIL_DOMAIN } from "./generate";
import type { LoadTarget } from "./load";

export type BenchContext = {
  /** The app under test, e.g. http://127.0.0.1:45123 (loopback only). */
  appUrl: string;
  /** The bare node:http server (ceiling 1); null when not started (scale mode). */
  nodeCeilingUrl: string | null;
  db: pg.Pool;
  sessions: Sessions;
  /** A CSRF cookie the app signed and the matching form token, for form posts. */
  csrf: CsrfPair;
  /** How many distinct users to spread the connections over. */
  users: number;
};

export type Unavailable = { unavailable: string };
export const unavailable = (reason: string): Unavailable => ({ unavailable: reason });
export const isUnavailable = (value: unknown): value is Unavailable => typeof value === "object" && value !== null && "unavailable" in value;

export type Scenario = {
  id: string;
  name: string;
  /** One sentence for the report and docs/performance.md. */
  measures: string;
  /** The two ceilings every other scenario is compared with. */
  ceiling?: "node" | "no-database";
  /** Part of --scale (how latency grows with the data) and --two-instances. */
  inScale: boolean;
  inTwoInstances: boolean;
  prepare(ctx: BenchContext): Promise<LoadTarget | Unavailable>;
  /** One request before the load: null when the scenario can run, else why not. Default: `probe`. */
  available?(ctx: BenchContext, target: LoadTarget): Promise<string | null>;
};

// ---------------------------------------------------------------------------------------------
// Sessions and CSRF, made directly in the database the way lucia and app/utils/csrf.server.ts would.

export const SESSION_COOKIE = "peerpath_session";
export const CSRF_COOKIE = "peerpath_csrf";
export const CSRF_FIELD = "csrf";

/** Sessions inserted straight into "Session" (30 days, like lucia's), deleted again at the end of the run. */
export class Sessions {
  private readonly created: string[] = [];
  constructor(private readonly db: pg.Pool) {}

  async create(userIds: readonly string[]): Promise<string[]> {
    if (!userIds.length) return [];
    const ids = userIds.map(() => crypto.randomBytes(20).toString("hex"));
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await this.db.query(
      `INSERT INTO "Session" (id, "userId", "expiresAt") SELECT id, "userId", $3::timestamp FROM unnest($1::text[], $2::text[]) AS t(id, "userId")`,
      [ids, userIds, expiresAt],
    );
    this.created.push(...ids);
    return ids;
  }

  async cleanup() {
    if (!this.created.length) return;
    await this.db.query(`DELETE FROM "Session" WHERE id = ANY($1::text[])`, [this.created]).catch(() => {});
    this.created.length = 0;
  }
}

export type CsrfPair = { cookie: string; token: string };

/** Asks the app for a CSRF cookie (any page sets one for a new visitor); the form token is its first half. */
export async function fetchCsrfPair(appUrl: string): Promise<CsrfPair> {
  const response = await fetch(`${appUrl}/login`, { redirect: "manual", signal: AbortSignal.timeout(15_000) });
  await response.arrayBuffer();
  const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${CSRF_COOKIE}=`));
  if (!setCookie) throw new Error(`GET /login set no ${CSRF_COOKIE} cookie (status ${response.status}); has the CSRF scheme changed?`);
  const value = setCookie.split(";")[0]!.slice(CSRF_COOKIE.length + 1);
  return { cookie: `${CSRF_COOKIE}=${value}`, token: value.split(".")[0]! };
}

/** Headers for connection i, signed in as sessions[i % n] (no session: signed out), with the CSRF cookie. */
function headersFor(ctx: BenchContext, sessions: readonly string[]) {
  return (connection: number) => {
    const cookies = [ctx.csrf.cookie];
    if (sessions.length) cookies.unshift(`${SESSION_COOKIE}=${sessions[connection % sessions.length]}`);
    return { cookie: cookies.join("; "), accept: "text/html" };
  };
}

async function benchTrainees(ctx: BenchContext, options: { withGoalsAndLedger: boolean; offset: number }): Promise<string[]> {
  const { rows } = await ctx.db.query<{ id: string }>(
    `SELECT u.id FROM "User" u
     WHERE u.email LIKE $1
       ${options.withGoalsAndLedger ? `AND EXISTS (SELECT 1 FROM "TraineeGoal" g WHERE g."traineeId" = u.id)
       AND EXISTS (SELECT 1 FROM "LedgerEntry" l WHERE l."traineeId" = u.id)` : ""}
     ORDER BY u.email LIMIT $2 OFFSET $3`,
    [`%@${BENCH_EMAIL_DOMAIN}`, ctx.users, options.offset],
  );
  // A small data set may not reach the offset (used to keep scenarios on different trainees): start over.
  if (!rows.length && options.offset > 0) return benchTrainees(ctx, { ...options, offset: 0 });
  return rows.map((row) => row.id);
}

async function userIdByEmail(ctx: BenchContext, email: string) {
  const { rows } = await ctx.db.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  return rows[0]?.id ?? null;
}

/** The default probe: one request must answer 2xx. A 404 means the route is not in this tree yet. */
export async function probe(target: LoadTarget): Promise<string | null> {
  try {
    const response = await fetch(target.url, {
      method: target.method,
      headers: target.headersFor(0),
      body: target.bodyFor?.(0),
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    if (response.status >= 200 && response.status < 300) return null;
    if (response.status === 404) return `${target.method} ${new URL(target.url).pathname} answers 404: the route is not in this tree yet`;
    const location = response.headers.get("location");
    return `${target.method} ${new URL(target.url).pathname} answers ${response.status}${location ? ` (to ${location})` : ""}, not 2xx`;
  } catch (error) {
    return `probe failed: ${(error as Error).message}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The scenarios, in report order.

export const SCENARIOS: Scenario[] = [
  {
    id: "node-ceiling",
    name: "Ceiling: bare node:http",
    measures: "A node:http server answering a fixed string: the most this machine and load generator can do.",
    ceiling: "node",
    inScale: false,
    inTwoInstances: false,
    async prepare(ctx) {
      if (!ctx.nodeCeilingUrl) return unavailable("the bare node:http server was not started");
      return { url: `${ctx.nodeCeilingUrl}/`, method: "GET", headersFor: () => ({}) };
    },
  },
  {
    id: "no-db-page",
    name: "Ceiling: app page without database (GET /login)",
    measures: "The sign-in page signed out: Remix rendering with no database query (the CSRF signing secret is cached).",
    ceiling: "no-database",
    inScale: true,
    inTwoInstances: true,
    async prepare(ctx) {
      return { url: `${ctx.appUrl}/login`, method: "GET", headersFor: headersFor(ctx, []) };
    },
  },
  {
    id: "module-page",
    name: "Trainee module page (GET /modules/active-listening)",
    measures: "A module's overview for a signed-in trainee: session, roles, module, enrolment and version queries.",
    inScale: true,
    inTwoInstances: true,
    async prepare(ctx) {
      const trainees = await benchTrainees(ctx, { withGoalsAndLedger: false, offset: 0 });
      if (!trainees.length) return unavailable("no bench trainees in the database");
      return { url: `${ctx.appUrl}/modules/active-listening`, method: "GET", headersFor: headersFor(ctx, await ctx.sessions.create(trainees)) };
    },
  },
  {
    id: "progress-page",
    name: "Trainee progress page (GET /progress)",
    measures: "A trainee's standing toward each goal: their whole ledger read and every eligibility rule evaluated.",
    inScale: true,
    inTwoInstances: false,
    async prepare(ctx) {
      const trainees = await benchTrainees(ctx, { withGoalsAndLedger: true, offset: ctx.users });
      if (!trainees.length) return unavailable("no bench trainee with both goals and ledger entries");
      return { url: `${ctx.appUrl}/progress`, method: "GET", headersFor: headersFor(ctx, await ctx.sessions.create(trainees)) };
    },
  },
  {
    id: "board-standing",
    name: "Board standing report, whole jurisdiction (GET /board/standing)",
    measures: "The IC&RC board's first page of every trainee's standing: count, one page of goals, their ledgers, evaluated.",
    inScale: true,
    inTwoInstances: false,
    async prepare(ctx) {
      const boardId = await userIdByEmail(ctx, "board@peerpath.example");
      if (!boardId) return unavailable("no board@peerpath.example account (demo data not seeded?)");
      return { url: `${ctx.appUrl}/board/standing`, method: "GET", headersFor: headersFor(ctx, await ctx.sessions.create([boardId])) };
    },
  },
  {
    id: "verify-page",
    name: "Public credential verification (GET /verify/<number>)",
    measures: "Anyone checking a credential number, signed out: one lookup by number among one credential per trainee.",
    inScale: true,
    inTwoInstances: false,
    async prepare(ctx) {
      await ensureBenchCredentials(ctx.db);
      const number = process.env.BENCH_VERIFY_NUMBER || (await findCredentialNumber(ctx.db));
      if (!number) {
        return unavailable("no issued credential number to look up (no credential table with a number column, or no rows); set BENCH_VERIFY_NUMBER to force one");
      }
      return { url: `${ctx.appUrl}/verify/${encodeURIComponent(number)}`, method: "GET", headersFor: headersFor(ctx, []) };
    },
  },
  {
    id: "exam-answer-save",
    name: "Exam answer save (POST)",
    measures: "A trainee saving one answer during an exam: the write path, under the target of 1,000 saves a second.",
    inScale: true,
    inTwoInstances: true,
    prepare: examAnswerSave,
  },
];

/**
 * One issued IC&RC credential per generated trainee (approved application and credential rows, as
 * issuing writes them), so the lookup runs against a table the size of a real board's. Idempotent: the
 * ids are derived from the trainee's position. Status-list positions start at 1,000,001, far above
 * what the app's own counter hands out.
 */
async function ensureBenchCredentials(db: pg.Pool) {
  const { rows } = await db.query<{ table: string | null }>(`SELECT to_regclass('"Credential"')::text AS table`);
  if (!rows[0]?.table) return;
  await db.query(
    `WITH trainees AS (
       SELECT id, name, row_number() OVER (ORDER BY email) AS n FROM "User" WHERE email LIKE $1
     ), kind AS (
       SELECT c.id, c."jurisdictionId" FROM "CredentialType" c JOIN "Jurisdiction" j ON j.id = c."jurisdictionId"
       WHERE j.code = 'ICRC' AND c.code = 'PR'
     ), applications AS (
       INSERT INTO "CredentialApplication" (id, "traineeId", "credentialTypeId", kind, status, "submittedAt", "decidedAt", "createdAt", "updatedAt")
       SELECT 'bench-application-' || t.n, t.id, kind.id, 'INITIAL', 'APPROVED', now(), now(), now(), now() FROM trainees t, kind
       ON CONFLICT (id) DO NOTHING
     )
     INSERT INTO "Credential" (id, number, "holderId", "holderName", "credentialTypeId", "jurisdictionId", "applicationId",
                               "issuedOn", "expiresOn", state, "statusListIndex", "createdAt", "updatedAt")
     SELECT 'bench-credential-' || t.n, 'ICRC-PR-2025-' || lpad(t.n::text, 6, '0'), t.id, t.name, kind.id, kind."jurisdictionId",
            'bench-application-' || t.n, current_date - 100, current_date + 630,
            (CASE WHEN t.n % 50 = 0 THEN 'REVOKED' ELSE 'ACTIVE' END)::"CredentialState", 1000000 + t.n, now(), now()
     FROM trainees t, kind
     ON CONFLICT DO NOTHING`,
    [`%@${BENCH_EMAIL_DOMAIN}`],
  );
}

/** A credential number from whatever table holds issued credentials (found by name, as the schema evolves). */
async function findCredentialNumber(db: pg.Pool): Promise<string | null> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name ILIKE '%credential%' AND table_name <> 'CredentialType'
       AND column_name ILIKE '%number%'
     ORDER BY table_name, column_name LIMIT 1`,
  );
  const column = columns[0];
  if (!column) return null;
  const { rows } = await db.query<{ value: string }>(
    `SELECT "${column.column_name}"::text AS value FROM "${column.table_name}" WHERE "${column.column_name}" IS NOT NULL LIMIT 1`,
  );
  return rows[0]?.value ?? null;
}

// ---------------------------------------------------------------------------------------------
// EXAM ANSWER SAVE: the POST a candidate's browser sends for each answer (app/routes/attempts.$attemptId.answer.tsx).
// Each connection is another generated trainee with an attempt of its own in progress, so saves do not
// all contend on one attempt row. Attempts are created here (a copy of a generated attempt's form,
// deadline two hours ahead) because starting them through the app would hit the attempt limit.
async function examAnswerSave(ctx: BenchContext): Promise<LoadTarget | Unavailable> {
  const { rows: template } = await ctx.db.query<{ examId: string; form: unknown }>(
    `SELECT "examId", form FROM "ExamAttempt" WHERE status = 'SUBMITTED' LIMIT 1`,
  );
  if (!template[0]) return unavailable("no generated exam attempt to copy a form from");
  const form = template[0].form as { itemVersionId: string; optionOrder: string[] }[];
  const { rows: trainees } = await ctx.db.query<{ id: string }>(
    `SELECT id FROM "User" WHERE email LIKE $1 ORDER BY email LIMIT $2`,
    [`%@${BENCH_EMAIL_DOMAIN}`, ctx.users],
  );
  if (!trainees.length) return unavailable("no generated trainees");
  // Earlier runs' attempts (ids "bench-" + 16 hex, made only here) would stay in progress for two hours
  // and pile up per trainee; a real candidate has one attempt in progress, so they go first.
  await ctx.db.query(`DELETE FROM "ExamAnswer" WHERE "attemptId" ~ '^bench-[0-9a-f]{16}$'`);
  await ctx.db.query(`DELETE FROM "ExamAttempt" WHERE id ~ '^bench-[0-9a-f]{16}$'`);
  const attempts: string[] = [];
  for (const trainee of trainees) {
    const id = `bench-${crypto.randomBytes(8).toString("hex")}`;
    await ctx.db.query(
      `INSERT INTO "ExamAttempt" (id, "examId", "candidateId", "formSeed", form, "passRule", scaling, status, "startedAt", deadline)
       SELECT $1, e.id, $3, $1, $4::jsonb, e."passRule", e.scaling, 'IN_PROGRESS', now(), now() + interval '2 hours' FROM "Exam" e WHERE e.id = $2`,
      [id, template[0].examId, trainee.id, JSON.stringify(form)],
    );
    attempts.push(id);
  }
  const sessions = await ctx.sessions.create(trainees.map((trainee) => trainee.id));
  // Each request answers another item of the form, with its first option.
  let counter = 0;
  return {
    url: `${ctx.appUrl}/attempts/${attempts[0]}/answer`,
    method: "POST",
    pathFor: (connection) => `/attempts/${attempts[connection % attempts.length]}/answer`,
    headersFor: (connection) => ({
      cookie: `${SESSION_COOKIE}=${sessions[connection % sessions.length]}; ${ctx.csrf.cookie}`,
      "content-type": "application/x-www-form-urlencoded",
    }),
    bodyFor: () => {
      const entry = form[counter++ % form.length]!;
      return new URLSearchParams({ [CSRF_FIELD]: ctx.csrf.token, itemVersionId: entry.itemVersionId, intent: "answer", selected: entry.optionOrder[0]! }).toString();
    },
  };
}
