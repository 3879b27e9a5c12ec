// The requirement version in force for each credential type (the newest), with the credential's and
// jurisdiction's names: what progress, the standing report, applications, renewals and reminders
// evaluate against. One statement prepared once per connection on the shared pool.
import type { Requirement } from "~/domain/requirements";
import type { Prisma } from "~/generated/prisma/client";
import { runStatement } from "~/utils/db.server";
import { asRequirement } from "./requirement.server";

export type RequirementInForce = {
  /** The RequirementVersion row's id: stored standings name the version they were judged against. */
  id: string;
  credentialTypeId: string;
  version: number;
  requirement: Requirement;
  credentialType: { name: string; jurisdiction: { id: string; name: string } };
};

/**
 * The credential types `c` with their jurisdictions `j` and, as `r`, the requirement version in force
 * (the newest; `optional`: null without one), and the columns requirementFromRow reads: the FROM and
 * SELECT parts of a statement that reads credentials together with what they require.
 */
export const credentialTypesWithRequirement = (optional: boolean) => `
    FROM "CredentialType" c
    JOIN "Jurisdiction" j ON j.id = c."jurisdictionId"
    ${optional ? "LEFT JOIN" : "JOIN"} LATERAL (
      SELECT id, version, requirement FROM "RequirementVersion" WHERE "credentialTypeId" = c.id ORDER BY version DESC LIMIT 1
    ) r ON true`;
export const REQUIREMENT_ROW_COLUMNS = `c.id AS "credentialTypeId", c.name AS "credentialName", j.id AS "jurisdictionId", j.name AS "jurisdictionName",
           r.id, r.version, r.requirement::text AS requirement`;

const REQUIREMENTS_IN_FORCE = {
  name: "requirements-in-force-v5",
  text: `
    SELECT ${REQUIREMENT_ROW_COLUMNS}
    ${credentialTypesWithRequirement(false)}
    WHERE $1::text[] IS NULL OR c.id = ANY($1::text[])
    ORDER BY c.id`,
};

// The requirement arrives as JSON text: it is parsed only the first time its version is seen.
export type RequirementRow = { id: string; credentialTypeId: string; version: number; requirement: string; credentialName: string; jurisdictionId: string; jurisdictionName: string };

// A requirement version is never changed once saved (a change is a new version), so each is parsed and
// checked against the schema once per process, not on every page that reads it.
const checkedRequirements = new Map<string, Requirement>();

function checkedRequirement(versionId: string, json: string): Requirement {
  let requirement = checkedRequirements.get(versionId);
  if (!requirement) {
    requirement = asRequirement(JSON.parse(json));
    checkedRequirements.set(versionId, requirement);
  }
  return requirement;
}

/** A row of RequirementVersion (requirement as JSON text) with its credential's and jurisdiction's names. */
export const requirementFromRow = (row: RequirementRow): RequirementInForce => ({
  id: row.id,
  credentialTypeId: row.credentialTypeId,
  version: row.version,
  requirement: checkedRequirement(row.id, row.requirement),
  credentialType: { name: row.credentialName, jurisdiction: { id: row.jurisdictionId, name: row.jurisdictionName } },
});

/**
 * The requirement in force of each credential type given (every credential type when none are given)
 * that has one, keyed by credential type id.
 */
export async function requirementsInForce(credentialTypeIds?: readonly string[], tx?: Prisma.TransactionClient): Promise<Map<string, RequirementInForce>> {
  if (credentialTypeIds && !credentialTypeIds.length) return new Map();
  const rows = await runStatement<RequirementRow>(REQUIREMENTS_IN_FORCE, [credentialTypeIds ?? null], tx);
  return new Map(rows.map((row) => [row.credentialTypeId, requirementFromRow(row)]));
}
