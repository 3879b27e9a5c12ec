// The board's standing report: a row per trainee and credential they pursue, in the order of the
// trainee's name (a trainee's credentials as on their progress page), with where they stand. Every read is SQL on the shared pool. Each goal's row is
// stored (models/goal-standings.server.ts) and reused while nothing it depends on has changed; a
// missing or stale one is judged by standingsForGoals, i.e. by evaluateEligibility, like the
// trainee's own progress page.
import { createHash } from "node:crypto";
import { escapeLiteral } from "pg";
import { lastCountedDay } from "~/domain/ledger-summary";
import { matchesStatus, type StandingReportRow, type StandingStatus } from "~/domain/transcript";
import { databasePool } from "~/utils/db.server";
import { currentStanding, evaluateAndStore, reportRows, withStoredStandings, type ReportGoal } from "./goal-standings.server";
import { requirementsInForce, type RequirementInForce } from "./requirements-in-force.server";

export { standingScope } from "./standing-scope.server";

export type StandingReportQuery = {
  /** The credentials in scope (from standingScope): never wider than the user may see. */
  credentialTypeIds: readonly string[];
  /** Part of the trainee's name or email, any case. */
  search?: string;
  status?: StandingStatus;
  /** The requirements in force of those credentials (from standingScope), when the caller has them: not read again. */
  requirements?: ReadonlyMap<string, RequirementInForce>;
};

/** Goals are evaluated this many at a time when the whole scope is brought up to date. */
const STANDING_BATCH = 500;

/** How often a status filter brings the scope up to date before paging (writes may land meanwhile). */
const REFRESH_ROUNDS = 3;

/**
 * The search as typed, or null for none. The statements compare it through the SQL function
 * search_pattern with "User"."searchText": both folded alike (case in every script, accents), matched
 * anywhere, its own % and _ taken literally (migration user_search_text).
 */
const searchTerm = (search: string | undefined) => search || null;

// The statements below, but pageOfWholeScope's, are sent unnamed, so PostgreSQL plans each with its
// actual values: a generic plan would not know whether there is a search, a status, nor how small the
// LIMIT is. Their first four parameters are always the credentials in scope with a requirement in
// force (in report order), the search as typed, the ids of those requirement versions and the report's
// day; a stored row is current (currentStanding) only for those.
const CURRENT = currentStanding("$3", "$4");

/**
 * What every report statement filters on: goals toward the credentials in scope that have a
 * requirement in force (`$1`, in report order), matching the search (`$2`).
 */
const IN_SCOPE = `g."credentialTypeId" = ANY($1::text[]) AND ($2::text IS NULL OR u."searchText" LIKE search_pattern($2::text))`;

/** Report order: trainee name, email, then jurisdiction and credential name (the order of `$1`). */
const REPORT_ORDER = `u.name, u.email, array_position($1::text[], g."credentialTypeId")`;

type Scope = { query: StandingReportQuery; requirements: ReadonlyMap<string, RequirementInForce>; asOf: Date };

/** The query with its requirements in force: those standingScope read, or read now. */
const scopeOf = async (query: StandingReportQuery, asOf: Date): Promise<Scope> => ({
  query,
  requirements: query.requirements ?? (await requirementsInForce(query.credentialTypeIds)),
  asOf,
});

/** Plain string order, as the database's C collation sorts names. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The credentials in scope with a requirement in force (those the report has rows for), by jurisdiction
 * name, then credential name, as the progress page lists them: the report's `$1`. Credentials without
 * one never reach a statement, so none checks for a version.
 */
const credentialsInOrder = (scope: Scope) =>
  [...scope.requirements.values()]
    .sort(
      (a, b) =>
        byCodeUnits(a.credentialType.jurisdiction.name, b.credentialType.jurisdiction.name) ||
        byCodeUnits(a.credentialType.name, b.credentialType.name) ||
        byCodeUnits(a.credentialTypeId, b.credentialTypeId),
    )
    .map((requirement) => requirement.credentialTypeId);

const requirementIds = (scope: Scope) => [...scope.requirements.values()].map((requirement) => requirement.id);
const scopeValues = (scope: Scope) => [credentialsInOrder(scope), searchTerm(scope.query.search), requirementIds(scope), lastCountedDay(scope.asOf)];

/** How many goals match the search among those toward a credential in scope with a requirement in force. */
async function goalCount(scope: Scope): Promise<number> {
  const search = searchTerm(scope.query.search);
  const { rows } = await databasePool.query<{ total: number }>(
    `SELECT count(*)::int AS total
     FROM "TraineeGoal" g
     WHERE g."credentialTypeId" = ANY($1::text[])
       AND EXISTS (SELECT 1 FROM "User" u WHERE u.id = g."traineeId" AND u."searchText" LIKE search_pattern($2::text))`,
    [credentialsInOrder(scope), search],
  );
  return rows[0]!.total;
}

/**
 * With a status filter: how many goals have a current stored row of that status, and how many have
 * none current (nonzero only when a write landed after the scope was brought up to date).
 */
async function statusCount(scope: Scope, status: StandingStatus): Promise<{ total: number; stale: number }> {
  const { rows } = await databasePool.query<{ total: number; stale: number }>(
    `SELECT count(*) FILTER (WHERE ${CURRENT} AND s.status = $5)::int AS total, count(*) FILTER (WHERE NOT coalesce(${CURRENT}, false))::int AS stale
     FROM "TraineeGoal" g
     JOIN "User" u ON u.id = g."traineeId"
     LEFT JOIN "TraineeDataVersion" v ON v."traineeId" = g."traineeId"
     LEFT JOIN "GoalStanding" s ON s."traineeId" = g."traineeId" AND s."credentialTypeId" = g."credentialTypeId"
     WHERE ${IN_SCOPE}`,
    [...scopeValues(scope), status],
  );
  return rows[0]!;
}

/**
 * The goals in report order, from `skip`, at most `take` of them (all with null). Only the trainee is
 * joined, so PostgreSQL walks the index on the trainee's name and stops after the slice; this short
 * statement is cheap to plan with its actual values (docs/standing-report-plan.md has the plans).
 */
async function goalsInReportOrder(scope: Scope, skip: number, take: number | null): Promise<ReportGoal[]> {
  const [credentials, search] = scopeValues(scope);
  const { rows } = await databasePool.query<Omit<ReportGoal, "dataVersion" | "stored">>(
    `SELECT g."traineeId", g."credentialTypeId", u.name, u.email
     FROM "User" u
     JOIN "TraineeGoal" g ON g."traineeId" = u.id
     WHERE ${IN_SCOPE}
     ORDER BY ${REPORT_ORDER}
     LIMIT $3 OFFSET $4`,
    [credentials, search, take, skip],
  );
  return withStoredStandings(rows, requirementIds(scope), lastCountedDay(scope.asOf));
}

/** Pages up to this one are prepared once per connection and scope; deeper ones are rarer. */
const PREPARED_PAGES = 10;

/**
 * A page of the whole scope (no search, no status) and the scope's total, in one statement: the goals
 * in report order with their trainees' data versions and stored rows, and the goals toward those
 * credentials (CredentialGoalCount, kept by triggers: a row per credential, not a count of every goal).
 * The credentials, LIMIT and OFFSET are written into its text, so PostgreSQL plans it for the actual
 * scope and page (walking the name index for a large scope, reading the goals first for a credential
 * few pursue) and, for the first pages, keeps that plan for the connection. Sent with them as
 * parameters, a cached generic plan either sorted every goal or was planned afresh on each page
 * (docs/standing-report-plan.md). A page past the end is one row with the total and no goal.
 */
async function pageOfWholeScope(scope: Scope, skip: number, take: number): Promise<{ total: number; goals: ReportGoal[] }> {
  if (!Number.isSafeInteger(skip) || !Number.isSafeInteger(take) || skip < 0 || take < 1) throw new Error(`Not a page: skip ${skip}, take ${take}`);
  const credentials = `ARRAY[${credentialsInOrder(scope).map(escapeLiteral).join(", ")}]::text[]`;
  const text = `
    WITH page AS MATERIALIZED (
      SELECT g."traineeId", g."credentialTypeId", u.name, u.email, array_position(${credentials}, g."credentialTypeId") AS "credentialOrder"
      FROM "User" u
      JOIN "TraineeGoal" g ON g."traineeId" = u.id
      WHERE g."credentialTypeId" = ANY(${credentials})
      ORDER BY u.name, u.email, "credentialOrder"
      LIMIT ${take} OFFSET ${skip}),
    goals AS (SELECT coalesce(sum(n.goals), 0)::int AS total FROM "CredentialGoalCount" n WHERE n."credentialTypeId" = ANY(${credentials}))
    SELECT goals.total, p."traineeId", p."credentialTypeId", p.name, p.email, p."dataVersion", p.stored
    FROM goals
    LEFT JOIN (
      SELECT g."traineeId", g."credentialTypeId", g.name, g.email, g."credentialOrder", coalesce(v.version, 0)::text AS "dataVersion",
             CASE WHEN ${currentStanding("$1", "$2")} THEN s.row END AS stored
      FROM page g
      LEFT JOIN "TraineeDataVersion" v ON v."traineeId" = g."traineeId"
      LEFT JOIN "GoalStanding" s ON s."traineeId" = g."traineeId" AND s."credentialTypeId" = g."credentialTypeId") p ON true
    ORDER BY p.name, p.email, p."credentialOrder"`;
  const name = skip < take * PREPARED_PAGES ? `standing-page-${createHash("sha1").update(text).digest("base64url")}` : undefined;
  // Every column but the total is null on the one row of a page past the end.
  const { rows } = await databasePool.query<ReportGoal & { total: number }>({ name, text, values: [requirementIds(scope), lastCountedDay(scope.asOf)] });
  return { total: rows[0]!.total, goals: rows.filter((row) => row.traineeId !== null) };
}

/**
 * Like goalsInReportOrder, narrowed in the same statement by stored standings: "stale" (no current
 * stored row) or a status (a current stored row of it), each goal with its trainee's data version.
 */
async function goalsByStoredStanding(scope: Scope, which: "stale" | StandingStatus, skip: number, take: number | null): Promise<ReportGoal[]> {
  const narrowed = which === "stale" ? `NOT coalesce(${CURRENT}, false)` : `${CURRENT} AND s.status = $7`;
  const { rows } = await databasePool.query<ReportGoal>(
    `SELECT g."traineeId", g."credentialTypeId", u.name, u.email, coalesce(v.version, 0)::text AS "dataVersion",
            CASE WHEN ${CURRENT} THEN s.row END AS stored
     FROM "User" u
     JOIN "TraineeGoal" g ON g."traineeId" = u.id
     LEFT JOIN "TraineeDataVersion" v ON v."traineeId" = g."traineeId"
     LEFT JOIN "GoalStanding" s ON s."traineeId" = g."traineeId" AND s."credentialTypeId" = g."credentialTypeId"
     WHERE ${IN_SCOPE} AND ${narrowed}
     ORDER BY ${REPORT_ORDER}
     LIMIT $5 OFFSET $6`,
    [...scopeValues(scope), take, skip, ...(which === "stale" ? [] : [which])],
  );
  return rows;
}

/** Evaluates and stores every goal in scope without a current stored row, 500 at a time. */
async function bringUpToDate(scope: Scope): Promise<void> {
  const stale = await goalsByStoredStanding(scope, "stale", 0, null);
  for (let start = 0; start < stale.length; start += STANDING_BATCH) {
    await evaluateAndStore(stale.slice(start, start + STANDING_BATCH), scope.asOf, scope.requirements);
  }
}

/**
 * One page of the board's standing report: a row per trainee and credential they pursue.
 *
 * Without a status filter the database pages and only the page's goals without a current stored row
 * are evaluated. With one, every goal in scope is first brought up to date (only the stale ones are
 * evaluated, in batches of 500; none when nothing changed), then PostgreSQL counts and pages on the
 * stored status. A write that lands meanwhile leaves its goal stale; the scope is brought up to date
 * again (at most three rounds) so the count covers every goal.
 */
export async function standingReportPage(
  query: StandingReportQuery,
  page: { skip: number; take: number },
  asOf = new Date(),
): Promise<{ total: number; rows: StandingReportRow[] }> {
  const scope = await scopeOf(query, asOf);
  if (!query.status) {
    if (searchTerm(query.search) === null) {
      // The whole scope: its page and total come in one statement.
      const { total, goals } = await pageOfWholeScope(scope, page.skip, page.take);
      return { total, rows: await reportRows(goals, asOf, scope.requirements) };
    }
    const [total, rows] = await Promise.all([
      goalCount(scope),
      goalsInReportOrder(scope, page.skip, page.take).then((goals) => reportRows(goals, asOf, scope.requirements)),
    ]);
    return { total, rows };
  }
  let count = { total: 0, stale: 1 };
  for (let round = 0; round < REFRESH_ROUNDS && count.stale > 0; round += 1) {
    await bringUpToDate(scope);
    count = await statusCount(scope, query.status);
  }
  const goals = await goalsByStoredStanding(scope, query.status, page.skip, page.take);
  return { total: count.total, rows: await reportRows(goals, asOf, scope.requirements) };
}

/**
 * Every row of the report that matches the status filter (the CSV download), in report order and in
 * slices of 500: the scope is brought up to date, then read with its stored rows; a goal a write made
 * stale meanwhile is evaluated again, so no goal is left out.
 */
export async function* standingReportBatches(query: StandingReportQuery, asOf = new Date()): AsyncGenerator<StandingReportRow[]> {
  const scope = await scopeOf(query, asOf);
  await bringUpToDate(scope);
  const goals = await goalsInReportOrder(scope, 0, null);
  for (let start = 0; start < goals.length; start += STANDING_BATCH) {
    const rows = await reportRows(goals.slice(start, start + STANDING_BATCH), asOf, scope.requirements);
    const matching = rows.filter((row) => matchesStatus(row.eligible, query.status));
    if (matching.length) yield matching;
  }
}
