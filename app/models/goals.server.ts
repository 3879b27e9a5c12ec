// The credentials a trainee works toward (TraineeGoal), read for their progress page by statements
// prepared once per connection on the shared pool.
import { databasePool } from "~/utils/db.server";

const GOALS = {
  name: "trainee-goals-v2",
  // In the order of the progress page's list of choices, so the transcript lists them alike.
  text: `
    SELECT g."credentialTypeId"
    FROM "TraineeGoal" g
    JOIN "CredentialType" c ON c.id = g."credentialTypeId"
    JOIN "Jurisdiction" j ON j.id = c."jurisdictionId"
    WHERE g."traineeId" = $1
    ORDER BY j.name, c.name`,
};

/** The credential type ids of the trainee's goals, by jurisdiction, then credential. */
export async function goalCredentialTypeIds(traineeId: string): Promise<string[]> {
  const { rows } = await databasePool.query<{ credentialTypeId: string }>({ ...GOALS, values: [traineeId] });
  return rows.map((row) => row.credentialTypeId);
}

const GOAL_CHOICES = {
  name: "trainee-goal-choices-v1",
  text: `
    SELECT c.id, j.name AS "jurisdictionName", c.name,
           EXISTS (SELECT 1 FROM "TraineeGoal" g WHERE g."credentialTypeId" = c.id AND g."traineeId" = $1) AS chosen
    FROM "CredentialType" c
    JOIN "Jurisdiction" j ON j.id = c."jurisdictionId"
    WHERE EXISTS (SELECT 1 FROM "RequirementVersion" r WHERE r."credentialTypeId" = c.id)
    ORDER BY j.name, c.name`,
};

/** Every credential with a requirement to stand against, by jurisdiction and name, and whether the trainee chose it. */
export async function goalChoices(traineeId: string): Promise<{ id: string; label: string; chosen: boolean }[]> {
  const { rows } = await databasePool.query<{ id: string; jurisdictionName: string; name: string; chosen: boolean }>({ ...GOAL_CHOICES, values: [traineeId] });
  return rows.map((row) => ({ id: row.id, label: `${row.jurisdictionName}: ${row.name}`, chosen: row.chosen }));
}
