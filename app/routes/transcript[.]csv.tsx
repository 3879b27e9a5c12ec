import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadFilename, transcriptCsv } from "~/domain/transcript";
import { transcriptFor } from "~/models/progress.server";
import { requirePermission } from "~/utils/permissions.server";

/** The signed-in trainee's whole ledger as a spreadsheet file. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:progress:own");
  const transcript = await transcriptFor(user.id);
  // The byte-order mark lets spreadsheet programs read the file as UTF-8, so accented names survive.
  return new Response(`\uFEFF${transcriptCsv(transcript.entries)}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${downloadFilename(["transcript", transcript.trainee.name], transcript.asOf, "csv")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
