// Which credentials a standing report covers: those the user may see, narrowed to one if asked, with
// the requirement in force of each, taken from the credential catalogue.
import { can, type RoleGrant } from "~/domain/roles";
import { forbidden, notFound } from "~/utils/permissions.server";
import type { CatalogueEntry } from "./catalogue.server";
import type { RequirementInForce } from "./requirements-in-force.server";

/**
 * The credentials whose standing the user may see (a board member: their jurisdictions'; an
 * administrator: all), decided by the same `can` as every permission. Asking for one credential by
 * id narrows the report to it: 404 if there is no such credential, 403 if it is another jurisdiction's.
 */
export function standingScope(catalogue: readonly CatalogueEntry[], grants: readonly RoleGrant[], credentialTypeId?: string) {
  const visible = catalogue.filter((entry) => can(grants, "view:standing:own-jurisdiction", { jurisdictionId: entry.jurisdictionId }));
  if (credentialTypeId !== undefined) {
    const chosen = catalogue.find((entry) => entry.credentialTypeId === credentialTypeId);
    if (!chosen) throw notFound("We could not find that credential. Choose one from the list.");
    if (!visible.includes(chosen)) throw forbidden("You can see standing only toward your own jurisdiction's credentials.");
  }
  const inScope = credentialTypeId !== undefined ? visible.filter((entry) => entry.credentialTypeId === credentialTypeId) : visible;
  // The requirement in force of each credential in scope that has one: the report's rows are toward these.
  const requirements = new Map<string, RequirementInForce>();
  for (const entry of inScope) if (entry.requirement) requirements.set(entry.credentialTypeId, entry.requirement);
  return {
    credentialTypes: visible.map((entry) => ({ id: entry.credentialTypeId, name: entry.credentialName, jurisdiction: { id: entry.jurisdictionId, name: entry.jurisdictionName } })),
    credentialTypeIds: inScope.map((entry) => entry.credentialTypeId),
    requirements,
  };
}
