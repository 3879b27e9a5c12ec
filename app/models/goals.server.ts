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
