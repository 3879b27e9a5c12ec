// The board's standing report: a row per trainee and credential they pursue, in the order of the
// trainee's name, with where they stand. Every read is SQL on the shared pool; each goal is judged
// by standingsForGoals, i.e. by evaluateEligibility, like the trainee's own progress page.
import { can, type RoleGrant } from "~/domain/roles";
import { matchesStatus, standingReportRow, type StandingReportRow, type StandingStatus } from "~/domain/transcript";
import { databasePool } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/permissions.server";
import { standingsForGoals } from "./progress.server";
import { requirementsInForce, type RequirementInForce } from "./requirements-in-force.server";

const CREDENTIAL_TYPES = {
  name: "standing-credential-types-v1",
  text: `
    SELECT c.id, c.name, j.id AS "jurisdictionId", j.name AS "jurisdictionName"
    FROM "CredentialType" c JOIN "Jurisdiction" j ON j.id = c."jurisdictionId"
    ORDER BY j.name, c.name`,
};

/**
 * The credentials whose standing the user may see (a board member: their jurisdictions'; an
 * administrator: all), decided by the same `can` as every permission. Asking for one credential by
 * id narrows the report to it: 404 if there is no such credential, 403 if it is another jurisdiction's.
 */
export async function standingScope(grants: readonly RoleGrant[], credentialTypeId?: string) {
  const { rows } = await databasePool.query<{ id: string; name: string; jurisdictionId: string; jurisdictionName: string }>(CREDENTIAL_TYPES);
  const credentialTypes = rows.map((row) => ({ id: row.id, name: row.name, jurisdiction: { id: row.jurisdictionId, name: row.jurisdictionName } }));
  const visible = credentialTypes.filter((credentialType) =>
    can(grants, "view:standing:own-jurisdiction", { jurisdictionId: credentialType.jurisdiction.id }),
  );
  if (credentialTypeId !== undefined) {
    const chosen = credentialTypes.find((credentialType) => credentialType.id === credentialTypeId);
    if (!chosen) throw notFound("We could not find that credential. Choose one from the list.");
    if (!visible.includes(chosen)) throw forbidden("You can see standing only toward your own jurisdiction's credentials.");
  }
  return {
    credentialTypes: visible,
    credentialTypeIds: credentialTypeId !== undefined ? [credentialTypeId] : visible.map((credentialType) => credentialType.id),
  };
}

export type StandingReportQuery = {
  /** The credentials in scope (from standingScope): never wider than the user may see. */
  credentialTypeIds: readonly string[];
  /** Part of the trainee's name or email, any case. */
  search?: string;
  status?: StandingStatus;
};

const STANDING_BATCH = 500;

/** The search as an ILIKE pattern that matches it anywhere, with its own % and _ taken literally. */
const searchPattern = (search: string | undefined) => (search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null);

// The two statements below are sent unnamed, so PostgreSQL plans each with its actual values: a
// generic plan would not know whether there is a search, nor how small the LIMIT is.

/** How many goals the report has: those toward a credential in scope with a requirement version. */
async function goalCount(query: StandingReportQuery): Promise<number> {
  const { rows } = await databasePool.query<{ total: number }>(
    `SELECT count(*)::int AS total
     FROM "TraineeGoal" g
     WHERE g."credentialTypeId" = ANY($1::text[])
       AND EXISTS (SELECT 1 FROM "RequirementVersion" r WHERE r."credentialTypeId" = g."credentialTypeId")
       AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM "User" u WHERE u.id = g."traineeId" AND (u.name ILIKE $2 OR u.email ILIKE $2)))`,
    [query.credentialTypeIds, searchPattern(query.search)],
  );
  return rows[0]!.total;
}

type ReportGoal = { traineeId: string; credentialTypeId: string; name: string; email: string };

/**
 * The goals in report order (trainee name, email, credential name), from `skip`, at most `take` of
 * them (all with null). Inner joins let PostgreSQL walk the index on the trainee's name and stop
 * after the slice, instead of joining and sorting every goal of the jurisdiction
 * (docs/standing-report-plan.md has the plans).
 */
async function goalsInReportOrder(query: StandingReportQuery, skip: number, take: number | null): Promise<ReportGoal[]> {
  const { rows } = await databasePool.query<ReportGoal>(
    `SELECT g."traineeId", g."credentialTypeId", u.name, u.email
     FROM "User" u
     JOIN "TraineeGoal" g ON g."traineeId" = u.id
     JOIN "CredentialType" c ON c.id = g."credentialTypeId"
     WHERE g."credentialTypeId" = ANY($1::text[])
       AND EXISTS (SELECT 1 FROM "RequirementVersion" r WHERE r."credentialTypeId" = g."credentialTypeId")
       AND ($2::text IS NULL OR u.name ILIKE $2 OR u.email ILIKE $2)
     ORDER BY u.name, u.email, c.name, g.id
     LIMIT $3 OFFSET $4`,
    [query.credentialTypeIds, searchPattern(query.search), take, skip],
  );
  return rows;
}

/** Report rows for goals in report order: three statements (ledger summaries, applications, exams). */
async function evaluatedGoals(goals: readonly ReportGoal[], asOf: Date, requirements: ReadonlyMap<string, RequirementInForce>): Promise<StandingReportRow[]> {
  const standings = await standingsForGoals(goals, asOf, requirements);
  const trainees = new Map(goals.map((goal) => [goal.traineeId, { id: goal.traineeId, name: goal.name, email: goal.email }]));
  return standings.map((standing) => standingReportRow(trainees.get(standing.traineeId)!, standing));
}

/**
 * One page of the board's standing report: a row per trainee and credential they pursue, with the
 * standing computed for that page's trainees only.
 *
 * Eligibility is computed, not stored, so a status filter cannot be answered by the database. With
 * one, every matching goal in scope is read in one statement and evaluated in batches of 500 (three
 * statements a batch), and only the page's rows are kept. The cost grows with the jurisdiction's
 * trainees rather than the page, but memory stays bounded by the batch and the answer is exact;
 * storing a verdict instead would go stale whenever hours are decided or a requirement version
 * changes. Without a status filter the database pages.
 */
export async function standingReportPage(
  query: StandingReportQuery,
  page: { skip: number; take: number },
  asOf = new Date(),
): Promise<{ total: number; rows: StandingReportRow[] }> {
  const requirements = await requirementsInForce(query.credentialTypeIds);
  if (!query.status) {
    const [total, rows] = await Promise.all([
      goalCount(query),
      goalsInReportOrder(query, page.skip, page.take).then((goals) => evaluatedGoals(goals, asOf, requirements)),
    ]);
    return { total, rows };
  }
  let total = 0;
  const rows: StandingReportRow[] = [];
  for await (const batch of standingReportBatches(query, asOf, requirements)) {
    for (const row of batch) {
      if (total >= page.skip && total < page.skip + page.take) rows.push(row);
      total += 1;
    }
  }
  return { total, rows };
}

/** Every row of the report that matches the status filter (the CSV download), evaluated 500 goals at a time. */
export async function* standingReportBatches(
  query: StandingReportQuery,
  asOf = new Date(),
  requirements?: ReadonlyMap<string, RequirementInForce>,
): AsyncGenerator<StandingReportRow[]> {
  const inForce = requirements ?? (await requirementsInForce(query.credentialTypeIds));
  const goals = await goalsInReportOrder(query, 0, null);
  for (let start = 0; start < goals.length; start += STANDING_BATCH) {
    const rows = await evaluatedGoals(goals.slice(start, start + STANDING_BATCH), asOf, inForce);
    const matching = rows.filter((row) => matchesStatus(row.eligible, query.status));
    if (matching.length) yield matching;
  }
}
