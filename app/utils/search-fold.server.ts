// Searches by name that ignore case and accents compare text folded alike on both sides: the columns
// (User."searchText", Credential."searchText") are folded by the SQL function search_fold, and so is
// what is typed, by the same function in the same database. A copy of the fold in JavaScript would
// use Node's Unicode data instead of the database's, and they differ: the embedded PostgreSQL's ICU 60
// leaves Georgian Mtavruli and Vithkuqi capitals as they are, Node's lower-cases them, so a search
// folded in JavaScript would never find a name written in them (docs/standing-report-plan.md).
import { prisma } from "./db.server";
import { likeLiteral } from "./like-pattern";

/**
 * A search as typed, for Prisma's `contains` on a folded "searchText" column: folded by search_fold,
 * then its `\`, `%` and `_` escaped (after folding, which could make them), as search_pattern does for
 * the standing report. "ÉMILE" finds Émile, "strasse" Straße, "_" only names with an underscore.
 */
export async function foldedSearch(search: string): Promise<string> {
  const [row] = await prisma.$queryRaw<{ folded: string }[]>`SELECT search_fold(${search}::text) AS folded`;
  return likeLiteral(row!.folded);
}
