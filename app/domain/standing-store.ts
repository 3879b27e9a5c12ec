// What the board's standing report keeps of a goal's evaluated row (models/goal-standings.server.ts):
// the verdict's figures and sentences. Who the trainee is and what the credential and jurisdiction are
// called are read live with every page, so a renamed trainee or credential never shows an old name.
import type { StandingReportRow, StandingStatus } from "./transcript";

export type StoredStanding = Pick<
  StandingReportRow,
  | "requirementVersion"
  | "trainingCounted"
  | "trainingRequired"
  | "experienceHours"
  | "experienceRequired"
  | "supervisedHours"
  | "supervisedRequired"
  | "eligible"
  | "unmet"
>;

/** A row's figures against the requirement: its stored part without the sentences. */
export function standingFigures(row: StoredStanding): Omit<StoredStanding, "unmet"> {
  return {
    requirementVersion: row.requirementVersion,
    trainingCounted: row.trainingCounted,
    trainingRequired: row.trainingRequired,
    experienceHours: row.experienceHours,
    experienceRequired: row.experienceRequired,
    supervisedHours: row.supervisedHours,
    supervisedRequired: row.supervisedRequired,
    eligible: row.eligible,
  };
}

/** The part of a report row that is stored (and only that part, whatever else `row` has). */
export function storedStanding(row: StoredStanding): StoredStanding {
  return { ...standingFigures(row), unmet: row.unmet };
}

/** The report's status value of a verdict, as the status filter asks for it. */
export const standingStatus = (eligible: boolean): StandingStatus => (eligible ? "eligible" : "not-yet");

/** A report row again from a stored standing and the live names. */
export function reportRowFromStored(
  trainee: { id: string; name: string; email: string },
  credential: { credentialTypeId: string; credentialName: string; jurisdictionName: string },
  stored: StoredStanding,
): StandingReportRow {
  return {
    traineeId: trainee.id,
    name: trainee.name,
    email: trainee.email,
    credentialTypeId: credential.credentialTypeId,
    credentialName: credential.credentialName,
    jurisdictionName: credential.jurisdictionName,
    ...storedStanding(stored),
  };
}
