// Stored standings: each goal's evaluated report row, kept in GoalStanding and reused while it is
// current, i.e. computed at the trainee's present data version (bumped by triggers on everything a
// verdict reads: the stored_standings migration), against the requirement version in force and for the
// report's day. Missing or stale rows are evaluated with the live path (standingsForGoals, so verdicts
// are the progress page's) and stored with the data version read BEFORE their data: a write that lands
// in between bumps the version, and the row is seen as stale on the next read rather than served wrong.
import { lastCountedDay } from "~/domain/ledger-summary";
import { reportRowFromStored, standingStatus, storedStanding, type StoredStanding } from "~/domain/standing-store";
import type { EligibilityVerdict } from "~/domain/eligibility";
import { standingReportRow, type StandingReportRow } from "~/domain/transcript";
import { databasePool } from "~/utils/db.server";
import { standingsForGoals } from "./progress.server";
import type { RequirementInForce } from "./requirements-in-force.server";

/** A goal of the report as read with its stored row: `stored` is null unless the row is current. */
export type ReportGoal = {
  traineeId: string;
  credentialTypeId: string;
  name: string;
  email: string;
  /** The trainee's data version, read in the same statement as the goal (before any of their data). */
  dataVersion: string;
  stored: StoredStanding | null;
};

/**
 * Whether the stored row `s` of a goal is current, given the trainee's version row `v`, the in-force
 * requirement version ids as `requirementIds` and the report's day as `day` (SQL placeholders). Null
 * when there is no stored row.
 */
export const currentStanding = (requirementIds: string, day: string) =>
  `(s."dataVersion" = coalesce(v.version, 0) AND s."requirementVersionId" = ANY(${requirementIds}::text[]) AND s."asOfDay" = ${day}::date)`;

/**
 * The goals `$1` × `$2` (trainee and credential ids side by side) with their trainees' data versions
 * and, where current, their stored rows.
 */
const STORED_STANDINGS = {
  name: "stored-goal-standings-v2",
  text: `
    SELECT g."traineeId", g."credentialTypeId", coalesce(v.version, 0)::text AS "dataVersion", CASE WHEN ${currentStanding("$3", "$4")} THEN s.row END AS stored
    FROM unnest($1::text[], $2::text[]) AS g("traineeId", "credentialTypeId")
    LEFT JOIN "TraineeDataVersion" v ON v."traineeId" = g."traineeId"
    LEFT JOIN "GoalStanding" s ON s."traineeId" = g."traineeId" AND s."credentialTypeId" = g."credentialTypeId"`,
};

/**
 * The goals given with their trainees' data versions and their stored rows where current, in one
 * statement prepared once per connection (the page's goal query stays small to plan: planning it with
 * these joins cost more than running it).
 */
export async function withStoredStandings(
  goals: readonly Omit<ReportGoal, "dataVersion" | "stored">[],
  requirementIds: readonly string[],
  day: string,
): Promise<ReportGoal[]> {
  if (!goals.length) return [];
  const { rows } = await databasePool.query<Pick<ReportGoal, "traineeId" | "credentialTypeId" | "dataVersion" | "stored">>({
    ...STORED_STANDINGS,
    values: [goals.map((goal) => goal.traineeId), goals.map((goal) => goal.credentialTypeId), requirementIds, day],
  });
  const found = new Map(rows.map((row) => [goalKey(row), row]));
  return goals.map((goal) => {
    const row = found.get(goalKey(goal))!;
    return { ...goal, dataVersion: row.dataVersion, stored: row.stored };
  });
}

const STORE_STANDINGS = {
  name: "store-goal-standings-v2",
  text: `
    INSERT INTO "GoalStanding" ("traineeId", "credentialTypeId", "requirementVersionId", "dataVersion", "asOfDay", status, row, verdict, "computedAt")
    SELECT s."traineeId", s."credentialTypeId", s."requirementVersionId", s."dataVersion", $2::date, s.status, s.row, s.verdict, now()
    FROM jsonb_to_recordset($1::jsonb) AS s("traineeId" text, "credentialTypeId" text, "requirementVersionId" text, "dataVersion" bigint, status text, row jsonb, verdict jsonb)
    ON CONFLICT ("traineeId", "credentialTypeId") DO UPDATE SET
      "requirementVersionId" = EXCLUDED."requirementVersionId", "dataVersion" = EXCLUDED."dataVersion", "asOfDay" = EXCLUDED."asOfDay",
      status = EXCLUDED.status, row = EXCLUDED.row, verdict = EXCLUDED.verdict, "computedAt" = EXCLUDED."computedAt"`,
};

/** A goal evaluated live: its report row and the whole verdict. */
export type EvaluatedGoal = { row: StandingReportRow; verdict: EligibilityVerdict };

/**
 * Evaluates goals live and stores their rows and verdicts, each with the data version it was read
 * with. Returns them keyed by goal (goalKey); goals whose credential has no requirement in force are
 * left out.
 */
export async function evaluateAndStore(
  goals: readonly ReportGoal[],
  asOf: Date,
  requirements: ReadonlyMap<string, RequirementInForce>,
): Promise<Map<string, EvaluatedGoal>> {
  const evaluated = new Map<string, EvaluatedGoal>();
  if (!goals.length) return evaluated;
  const byKey = new Map(goals.map((goal) => [goalKey(goal), goal]));
  const standings = await standingsForGoals(goals, asOf, requirements);
  const stored = standings.map((standing) => {
    const goal = byKey.get(goalKey(standing))!;
    const row = standingReportRow({ id: goal.traineeId, name: goal.name, email: goal.email }, standing);
    evaluated.set(goalKey(goal), { row, verdict: standing.verdict });
    return {
      traineeId: goal.traineeId,
      credentialTypeId: goal.credentialTypeId,
      requirementVersionId: requirements.get(goal.credentialTypeId)!.id,
      dataVersion: goal.dataVersion,
      status: standingStatus(row.eligible),
      row: storedStanding(row),
      verdict: standing.verdict,
    };
  });
  if (stored.length) await databasePool.query({ ...STORE_STANDINGS, values: [JSON.stringify(stored), lastCountedDay(asOf)] });
  return evaluated;
}

export const goalKey = (goal: { traineeId: string; credentialTypeId: string }) => `${goal.traineeId}:${goal.credentialTypeId}`;

/**
 * Report rows for goals in the order given: current stored rows as they are, the others evaluated
 * and stored. Goals whose credential has no requirement in force are left out.
 */
export async function reportRows(
  goals: readonly ReportGoal[],
  asOf: Date,
  requirements: ReadonlyMap<string, RequirementInForce>,
): Promise<StandingReportRow[]> {
  const evaluated = await evaluateAndStore(
    goals.filter((goal) => goal.stored === null),
    asOf,
    requirements,
  );
  return goals.flatMap((goal) => {
    if (goal.stored === null) {
      const fresh = evaluated.get(goalKey(goal));
      return fresh ? [fresh.row] : [];
    }
    const inForce = requirements.get(goal.credentialTypeId);
    if (!inForce) return [];
    return [
      reportRowFromStored(
        { id: goal.traineeId, name: goal.name, email: goal.email },
        { credentialTypeId: goal.credentialTypeId, credentialName: inForce.credentialType.name, jurisdictionName: inForce.credentialType.jurisdiction.name },
        goal.stored,
      ),
    ];
  });
}
