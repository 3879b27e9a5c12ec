import type { LoaderFunctionArgs } from "@remix-run/node";
import { downloadFilename } from "~/domain/transcript";
import { transcriptFor } from "~/models/progress.server";
import { transcriptPdf } from "~/models/transcript-pdf.server";
import { requirePermission } from "~/utils/permissions.server";

/** The signed-in trainee's transcript as a PDF: standing toward each goal, then every entry. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:progress:own");
  const transcript = await transcriptFor(user.id);
  const pdf = await transcriptPdf(transcript);
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${downloadFilename(["transcript", transcript.trainee.name], transcript.asOf, "pdf")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
