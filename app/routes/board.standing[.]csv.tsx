import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadFilename, parseStandingFilters, standingReportCsv, type StandingReportRow } from "~/domain/transcript";
import { credentialCatalogue } from "~/models/catalogue.server";
import { standingReportBatches, standingScope } from "~/models/standing-report.server";
import { requirePermission } from "~/utils/permissions.server";

/** The standing report with the page's filters, every page, as a spreadsheet file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:standing:own-jurisdiction");
  const parsed = parseStandingFilters(new URL(request.url).searchParams);
  if (!parsed.success) throw new Response(parsed.message, { status: 400 });
  const { filters } = parsed;
  const scope = standingScope(await credentialCatalogue(request), user.grants, filters.credential);
  const asOf = new Date();
  const rows: StandingReportRow[] = [];
  for await (const batch of standingReportBatches({ credentialTypeIds: scope.credentialTypeIds, requirements: scope.requirements, search: filters.q, status: filters.status }, asOf)) {
    rows.push(...batch);
  }
  // The byte-order mark lets spreadsheet programs read the file as UTF-8, so accented names survive.
  return new Response(`\uFEFF${standingReportCsv(rows)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadFilename(["standing report"], asOf, "csv")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
