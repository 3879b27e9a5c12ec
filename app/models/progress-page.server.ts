// What the trainee's progress page shows: every credential with a requirement in force (the list of
// choices), which of them the trainee works toward, and where they stand toward each of those. One
// statement, prepared once per connection, reads it all, with the stored verdicts that are still
// current (models/goal-standings.server.ts); the rest are evaluated live and stored.
import type { EligibilityVerdict } from "~/domain/eligibility";
import { lastCountedDay } from "~/domain/ledger-summary";
import { databasePool } from "~/utils/db.server";
import { currentStanding, evaluateAndStore, goalKey, type ReportGoal } from "./goal-standings.server";
import { credentialStanding, type CredentialStanding } from "./progress.server";
import { REQUIREMENT_ROW_COLUMNS, credentialTypesWithRequirement, requirementFromRow, type RequirementInForce, type RequirementRow } from "./requirements-in-force.server";

/**
 * `$1` the trainee, `$2` the day. The data version is read here, before any of the trainee's data, so
 * a verdict evaluated from this read is stored with it (a write meanwhile makes it stale, not wrong).
 */
const PROGRESS = {
  name: "trainee-progress-v1",
  text: `
    SELECT ${REQUIREMENT_ROW_COLUMNS},
           g."traineeId" IS NOT NULL AS chosen, coalesce(v.version, 0)::text AS "dataVersion",
           CASE WHEN g."traineeId" IS NOT NULL AND ${currentStanding("ARRAY[r.id]", "$2")} THEN s.verdict END AS stored
    ${credentialTypesWithRequirement(false)}
    LEFT JOIN "TraineeGoal" g ON g."traineeId" = $1 AND g."credentialTypeId" = c.id
    LEFT JOIN "TraineeDataVersion" v ON v."traineeId" = $1
    LEFT JOIN "GoalStanding" s ON s."traineeId" = $1 AND s."credentialTypeId" = c.id
    ORDER BY j.name, c.name`,
};

type Row = RequirementRow & { chosen: boolean; dataVersion: string; stored: EligibilityVerdict | null };

export type ProgressPage = {
  /** Every credential with a requirement in force, by jurisdiction and name, and whether the trainee chose it. */
  options: { id: string; label: string; chosen: boolean }[];
  /** The trainee's standing toward each chosen credential, in the same order. */
  standings: CredentialStanding[];
};

/**
 * The trainee's progress page: from stored verdicts while they are current (the usual case: one
 * statement and no ledger read), otherwise evaluated live and stored, exactly as for the board's report.
 */
export async function progressPage(trainee: { id: string; name: string; email: string }, asOf = new Date()): Promise<ProgressPage> {
  const { rows } = await databasePool.query<Row>({ ...PROGRESS, values: [trainee.id, lastCountedDay(asOf)] });
  const chosen = rows.filter((row) => row.chosen);
  const requirements = new Map<string, RequirementInForce>(chosen.map((row) => [row.credentialTypeId, requirementFromRow(row)]));
  const stale: ReportGoal[] = chosen
    .filter((row) => row.stored === null)
    .map((row) => ({ traineeId: trainee.id, credentialTypeId: row.credentialTypeId, name: trainee.name, email: trainee.email, dataVersion: row.dataVersion, stored: null }));
  const evaluated = await evaluateAndStore(stale, asOf, requirements);
  return {
    options: rows.map((row) => ({ id: row.credentialTypeId, label: `${row.jurisdictionName}: ${row.credentialName}`, chosen: row.chosen })),
    standings: chosen.flatMap((row) => {
      const verdict = row.stored ?? evaluated.get(goalKey({ traineeId: trainee.id, credentialTypeId: row.credentialTypeId }))?.verdict;
      return verdict ? [credentialStanding(requirements.get(row.credentialTypeId)!, verdict)] : [];
    }),
  };
}
