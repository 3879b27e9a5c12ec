// Which credentials a standing report covers: those the user may see, narrowed to one if asked, with
// the requirement in force of each and how many goals are toward it, all read in one statement.
import { can, type RoleGrant } from "~/domain/roles";
import { databasePool } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/permissions.server";
import { REQUIREMENT_ROW_COLUMNS, credentialTypesWithRequirement, requirementFromRow, type RequirementInForce, type RequirementRow } from "./requirements-in-force.server";

/**
 * Every credential type by jurisdiction and credential name, with its requirement in force (null
 * without one) and its goals (CredentialGoalCount, kept by triggers).
 */
const CREDENTIAL_TYPES = {
  name: "standing-scope-v1",
  text: `
    SELECT ${REQUIREMENT_ROW_COLUMNS}, coalesce(n.goals, 0) AS goals
    ${credentialTypesWithRequirement(true)}
    LEFT JOIN "CredentialGoalCount" n ON n."credentialTypeId" = c.id
    ORDER BY j.name, c.name`,
};

type Row = Omit<RequirementRow, "id" | "version" | "requirement"> & {
  id: string | null;
  version: number | null;
  requirement: string | null;
  goals: number;
};

/** What standingScope knows of the credentials in scope, so the report does not read it again. */
export type ScopeFacts = {
  /** The requirement in force of each credential in scope that has one: the report's rows are toward these. */
  requirements: ReadonlyMap<string, RequirementInForce>;
  /** Goals toward those credentials: the report's total without a search or status filter. */
  goals: number;
};

/**
 * The credentials whose standing the user may see (a board member: their jurisdictions'; an
 * administrator: all), decided by the same `can` as every permission. Asking for one credential by
 * id narrows the report to it: 404 if there is no such credential, 403 if it is another jurisdiction's.
 */
export async function standingScope(grants: readonly RoleGrant[], credentialTypeId?: string) {
  const { rows } = await databasePool.query<Row>(CREDENTIAL_TYPES);
  const visible = rows.filter((row) => can(grants, "view:standing:own-jurisdiction", { jurisdictionId: row.jurisdictionId }));
  if (credentialTypeId !== undefined) {
    const chosen = rows.find((row) => row.credentialTypeId === credentialTypeId);
    if (!chosen) throw notFound("We could not find that credential. Choose one from the list.");
    if (!visible.includes(chosen)) throw forbidden("You can see standing only toward your own jurisdiction's credentials.");
  }
  const inScope = credentialTypeId !== undefined ? visible.filter((row) => row.credentialTypeId === credentialTypeId) : visible;
  const withRequirement = inScope.filter((row): row is Row & RequirementRow => row.id !== null);
  const facts: ScopeFacts = {
    requirements: new Map(withRequirement.map((row) => [row.credentialTypeId, requirementFromRow(row)])),
    goals: withRequirement.reduce((sum, row) => sum + row.goals, 0),
  };
  return {
    credentialTypes: visible.map((row) => ({ id: row.credentialTypeId, name: row.credentialName, jurisdiction: { id: row.jurisdictionId, name: row.jurisdictionName } })),
    credentialTypeIds: inScope.map((row) => row.credentialTypeId),
    facts,
  };
}
