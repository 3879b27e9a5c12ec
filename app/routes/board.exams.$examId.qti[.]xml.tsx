import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { bankToQti, itemToQti } from "~/domain/qti";
import { itemsForExport, requireExam } from "~/models/exam-bank.server";

const ItemQuery = z.object({
  item: z.string().trim().min(1).max(60),
  version: z.coerce.number().int().min(1).max(100_000).optional(),
});

/**
 * The bank as QTI 3.0. `?item=<id>` (and `&version=<n>`, else the newest) gives that item as a
 * standard qti-assessment-item document; without it, every item's newest version in one file
 * (PeerPath's item-bank root around standard items; see docs/exams-boards.md).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { exam } = await requireExam(request, params.examId, "manage:exams:own-jurisdiction");
  const search = new URL(request.url).searchParams;
  const headers = (filename: string) => ({
    "Content-Type": "application/xml; charset=utf-8",
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "private, no-store",
  });

  if (search.has("item")) {
    const query = ItemQuery.safeParse({ item: search.get("item"), version: search.get("version") ?? undefined });
    if (!query.success) throw new Response("Name the item to export as ?item=<item id>, optionally with &version=<number>.", { status: 400 });
    const [item] = await itemsForExport(exam.id, { externalId: query.data.item, version: query.data.version });
    if (!item) throw new Response("There is no such item (or version) in this exam.", { status: 404 });
    const filename = `${item.identifier.replace(/[^A-Za-z0-9_.-]/g, "-")}${query.data.version ? `-v${query.data.version}` : ""}.qti.xml`;
    return new Response(itemToQti(item), { headers: headers(filename) });
  }

  const items = await itemsForExport(exam.id);
  const xml = bankToQti({ examCode: exam.code, examName: exam.name, exportedAt: new Date(), items });
  return new Response(xml, { headers: headers(`${exam.code}-item-bank.qti.xml`) });
}
