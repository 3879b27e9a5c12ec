// The credential catalogue: every jurisdiction's credential types, each with its requirement in force.
// Boards change it rarely; the standing report reads it on every page. So each process keeps one copy,
// tagged with the catalogue's version (CatalogueVersion, set by triggers on every change: see the
// catalogue_version migration) and used while the version read with the request's session is the same.
// A signed-in request then reads the catalogue with no statement of its own.
import { currentUser } from "~/utils/auth.server";
import { databasePool } from "~/utils/db.server";
import { REQUIREMENT_ROW_COLUMNS, credentialTypesWithRequirement, requirementFromRow, type RequirementInForce, type RequirementRow } from "./requirements-in-force.server";

export type CatalogueEntry = {
  credentialTypeId: string;
  credentialName: string;
  jurisdictionId: string;
  jurisdictionName: string;
  /** The requirement version in force; null while the credential has none. */
  requirement: RequirementInForce | null;
};

/** Every credential type by jurisdiction and credential name, with its requirement in force, if any. */
const CATALOGUE = {
  name: "credential-catalogue-v1",
  text: `
    SELECT ${REQUIREMENT_ROW_COLUMNS}
    ${credentialTypesWithRequirement(true)}
    ORDER BY j.name, c.name`,
};

type Row = Omit<RequirementRow, "id" | "version" | "requirement"> & { id: string | null; version: number | null; requirement: string | null };

let copy: { version: string; entries: readonly CatalogueEntry[] } | null = null;

/** The catalogue read now, whatever the process has: for scripts and requests that cannot know the version. */
export async function readCredentialCatalogue(): Promise<CatalogueEntry[]> {
  const { rows } = await databasePool.query<Row>(CATALOGUE);
  return rows.map((row) => ({
    credentialTypeId: row.credentialTypeId,
    credentialName: row.credentialName,
    jurisdictionId: row.jurisdictionId,
    jurisdictionName: row.jurisdictionName,
    requirement: row.id === null ? null : requirementFromRow(row as RequirementRow),
  }));
}

/**
 * The catalogue as of this request: the process's copy when the catalogue has not changed since it was
 * read, else read now (and kept, when the request is signed in and so knows the version).
 */
export async function credentialCatalogue(request: Request): Promise<readonly CatalogueEntry[]> {
  const { catalogueVersion } = await currentUser(request);
  if (catalogueVersion !== null && copy?.version === catalogueVersion) return copy.entries;
  const entries = await readCredentialCatalogue();
  // Read after the version was, so it is at least that version: any request that reads this version
  // may use it. (A slower, older read may replace a newer copy; the next request then reads again.)
  if (catalogueVersion !== null) copy = { version: catalogueVersion, entries };
  return entries;
}
