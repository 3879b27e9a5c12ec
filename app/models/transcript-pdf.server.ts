// A trainee's transcript as a PDF: header, the standing toward each credential goal, the approved
// hours, then the entries that do not count (waiting, sent back, rejected, void). Drawn with the
// embedded DejaVu Sans, so every string passes through `printable` before it is measured or drawn.
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { minutesToHours } from "~/domain/course-domains";
import type { EligibilityItem } from "~/domain/eligibility";
import {
  KIND_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  courseDomainLabel,
  isoDay,
  sortedEntries,
  type TranscriptEntry,
} from "~/domain/transcript";
import { embedPdfFonts, type PdfFonts } from "~/utils/pdf-fonts.server";
import { wrapText } from "~/utils/pdf-text";
import type { CredentialStanding } from "./progress.server";

export type TranscriptPdfInput = {
  trainee: { name: string; email: string };
  asOf: Date;
  standings: readonly Pick<CredentialStanding, "credentialName" | "jurisdictionName" | "requirementVersion" | "verdict">[];
  entries: readonly TranscriptEntry[];
};

// US Letter: the jurisdictions PeerPath serves print on it.
const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN = 50;
const FOOTER_SPACE = 30;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const TEXT = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.75, 0.75, 0.75);

type Column<Row> = { header: string; width: number; cell: (row: Row) => string; align?: "right" };

/** Lays text out top to bottom, starting a new page whenever the next block would not fit. */
class Layout {
  page!: PDFPage;
  y = 0;
  private readonly pages: PDFPage[] = [];
  readonly font: PDFFont;
  readonly bold: PDFFont;
  private readonly printable: (text: string) => string;

  constructor(
    private readonly doc: PDFDocument,
    fonts: PdfFonts,
  ) {
    this.font = fonts.regular;
    this.bold = fonts.bold;
    this.printable = fonts.printable;
    this.newPage();
  }

  newPage() {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = PAGE_HEIGHT - MARGIN;
  }

  /** Makes room for `height` points, on a new page if this one is too full. Returns true on a new page. */
  ensure(height: number): boolean {
    if (this.y - height >= MARGIN + FOOTER_SPACE) return false;
    this.newPage();
    return true;
  }

  /** Lines of at most `width` points; a word longer than a line is cut. */
  wrap(text: string, width: number, size: number, font = this.font): string[] {
    return wrapText(this.printable(text), font, size, width);
  }

  text(text: string, { size = 10, font = this.font, color = TEXT, indent = 0, gap = 2 } = {}) {
    const lineHeight = size * 1.3;
    for (const line of this.wrap(text, CONTENT_WIDTH - indent, size, font)) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x: MARGIN + indent, y: this.y + size * 0.25, size, font, color });
    }
    this.y -= gap;
  }

  heading(text: string, size = 13) {
    // Keep a heading with at least three lines of what follows it.
    this.ensure(size * 1.4 + 40);
    this.y -= 8;
    this.text(text, { size, font: this.bold, gap: 4 });
  }

  rule() {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE_WIDTH - MARGIN, y: this.y }, thickness: 0.5, color: RULE });
  }

  /** A table whose header row repeats on every page it runs onto. */
  table<Row>(columns: readonly Column<Row>[], rows: readonly Row[], size = 8.5) {
    const lineHeight = size * 1.3;
    const padding = 3;
    const drawHeader = () => {
      this.y -= lineHeight + padding;
      let x = MARGIN;
      for (const column of columns) {
        const header = this.printable(column.header);
        const left = column.align === "right" ? x + column.width - 8 - this.bold.widthOfTextAtSize(header, size) : x;
        this.page.drawText(header, { x: left, y: this.y + size * 0.25, size, font: this.bold, color: TEXT });
        x += column.width;
      }
      this.y -= padding;
      this.rule();
    };
    this.ensure(3 * lineHeight + padding * 2);
    drawHeader();
    for (const row of rows) {
      const cells = columns.map((column) => this.wrap(column.cell(row), column.width - 6, size));
      const height = Math.max(...cells.map((lines) => lines.length)) * lineHeight + padding * 2;
      if (this.ensure(height)) drawHeader();
      let x = MARGIN;
      cells.forEach((lines, index) => {
        const column = columns[index]!;
        lines.forEach((line, lineIndex) => {
          const left = column.align === "right" ? x + column.width - 8 - this.font.widthOfTextAtSize(line, size) : x;
          this.page.drawText(line, { x: left, y: this.y - padding - (lineIndex + 1) * lineHeight + size * 0.25, size, font: this.font, color: TEXT });
        });
        x += column.width;
      });
      this.y -= height;
      this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: PAGE_WIDTH - MARGIN, y: this.y }, thickness: 0.25, color: RULE });
    }
    this.y -= 6;
  }

  /** "Transcript of … · page 2 of 3" at the foot of every page, once the page count is known. */
  footers(label: string) {
    this.pages.forEach((page, index) => {
      const text = this.printable(`${label} - page ${index + 1} of ${this.pages.length}`);
      page.drawText(text, { x: MARGIN, y: MARGIN - 10, size: 8, font: this.font, color: MUTED });
    });
  }
}

function itemProgress(item: EligibilityItem): string {
  if (item.unit === "check") return item.met ? "done" : "not yet";
  return `${item.earned} of ${item.required} ${item.unit}`;
}

function drawStandings(layout: Layout, standings: TranscriptPdfInput["standings"]) {
  layout.heading("Standing toward your credential goals");
  if (!standings.length) {
    layout.text("No credential goals chosen yet. Choose them on your progress page to see where you stand.");
    return;
  }
  for (const standing of standings) {
    const { verdict } = standing;
    layout.heading(`${standing.jurisdictionName}: ${standing.credentialName}`, 11);
    layout.text(`Requirement version ${standing.requirementVersion}. Eligible: ${verdict.eligible ? "yes" : "no"}.`, { font: layout.bold });
    for (const item of verdict.items) {
      layout.text(`${item.label}: ${itemProgress(item)}${item.met ? " (met)" : ""}`, { indent: 12, gap: 0 });
    }
    layout.y -= 4;
    if (verdict.unmet.length) {
      layout.text("Still missing:", { gap: 0 });
      for (const sentence of verdict.unmet) layout.text(`- ${sentence}`, { indent: 12, gap: 0 });
    } else {
      layout.text("Nothing is missing: every requirement is met.");
    }
    if (verdict.reviewerChecks.length) {
      layout.y -= 2;
      layout.text("A reviewer also confirms:", { gap: 0, color: MUTED });
      for (const check of verdict.reviewerChecks) layout.text(`- ${check}`, { indent: 12, gap: 0, color: MUTED });
    }
    layout.y -= 6;
  }
}

const hours = (entry: TranscriptEntry) => String(minutesToHours(entry.minutes));

const APPROVED_COLUMNS: Column<TranscriptEntry>[] = [
  { header: "Date", width: 62, cell: (entry) => isoDay(entry.occurredOn) },
  { header: "Kind", width: 72, cell: (entry) => KIND_LABELS[entry.kind] },
  { header: "Source", width: 78, cell: (entry) => SOURCE_LABELS[entry.source] },
  { header: "Course domain", width: 86, cell: (entry) => courseDomainLabel(entry.courseDomain) },
  { header: "Hours", width: 40, cell: hours, align: "right" },
  { header: "Description", width: CONTENT_WIDTH - 338, cell: (entry) => entry.description },
];

const NOT_COUNTED_COLUMNS: Column<TranscriptEntry>[] = [
  { header: "Date", width: 62, cell: (entry) => isoDay(entry.occurredOn) },
  { header: "Kind", width: 72, cell: (entry) => KIND_LABELS[entry.kind] },
  { header: "Status", width: 92, cell: (entry) => STATUS_LABELS[entry.status] },
  { header: "Hours", width: 40, cell: hours, align: "right" },
  { header: "Description", width: CONTENT_WIDTH - 266, cell: (entry) => entry.description },
];

function drawEntries(layout: Layout, entries: readonly TranscriptEntry[]) {
  const sorted = sortedEntries(entries);
  const approved = sorted.filter((entry) => entry.status === "APPROVED");
  const notCounted = sorted.filter((entry) => entry.status !== "APPROVED");

  layout.heading("Approved hours");
  if (approved.length) {
    const totals = (Object.keys(KIND_LABELS) as (keyof typeof KIND_LABELS)[])
      .map((kind) => ({ kind, minutes: approved.filter((entry) => entry.kind === kind).reduce((sum, entry) => sum + entry.minutes, 0) }))
      .filter((total) => total.minutes > 0)
      // Rounded down, as the eligibility verdict shows earned hours, so the two never disagree.
      .map((total) => `${KIND_LABELS[total.kind]} ${Math.floor((total.minutes * 100) / 60) / 100} h`);
    layout.text(`Totals: ${totals.join(", ")}.`);
    layout.table(APPROVED_COLUMNS, approved);
  } else {
    layout.text("No approved hours yet.");
  }

  layout.heading("Entries that do not count");
  if (notCounted.length) {
    layout.text("Hours waiting for review, sent back for changes, rejected or void. They do not count toward any credential.", { color: MUTED });
    layout.table(NOT_COUNTED_COLUMNS, notCounted);
  } else {
    layout.text("None.");
  }
}

export async function transcriptPdf(input: TranscriptPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const title = `Transcript of ${input.trainee.name}`;
  doc.setTitle(title);
  doc.setAuthor("PeerPath");
  doc.setSubject(`Training transcript as of ${isoDay(input.asOf)}`);
  doc.setCreationDate(input.asOf);
  doc.setModificationDate(input.asOf);
  const layout = new Layout(doc, await embedPdfFonts(doc));

  layout.text("PeerPath training transcript", { size: 18, font: layout.bold, gap: 6 });
  layout.text(input.trainee.name, { size: 13, font: layout.bold, gap: 0 });
  layout.text(input.trainee.email, { color: MUTED, gap: 0 });
  layout.text(`As of ${isoDay(input.asOf)}`, { color: MUTED, gap: 8 });
  layout.rule();

  drawStandings(layout, input.standings);
  drawEntries(layout, input.entries);
  layout.footers(title);
  return doc.save();
}
