// The font the transcript and certificate PDFs draw with: DejaVu Sans, regular and bold, from fonts/
// (with its licence), embedded and subset to the glyphs a document uses. pdf-lib's standard Helvetica
// needs no file but encodes WinAnsi only, which printed "Łukasz Żółć" as "?ukasz Zó?c". DejaVu Sans
// covers Latin, Greek, Cyrillic and more; what it lacks (CJK, emoji) prints as □ (see pdf-text.ts).
// (The demo holder's stand-in exam letter keeps Helvetica: its text is fixed and plain ASCII.)
import fontkit, { type Font } from "@pdf-lib/fontkit";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { PDFDocument, PDFFont } from "pdf-lib";
import { printableText } from "./pdf-text";

/** Resolved from the working directory, like content/: the server and the tests run from the project root. */
export const FONT_FILES = {
  regular: path.resolve("fonts", "DejaVuSans.ttf"),
  bold: path.resolve("fonts", "DejaVuSans-Bold.ttf"),
} as const;

type LoadedFonts = { regular: Uint8Array; bold: Uint8Array; printable: (text: string) => string; fontkit: Pick<typeof fontkit, "create"> };

async function loadFonts(): Promise<LoadedFonts> {
  const [regular, bold] = await Promise.all([readFile(FONT_FILES.regular), readFile(FONT_FILES.bold)]);
  // pdf-lib parses the file again for every document, and a parsed font reads its layout tables on
  // the first line drawn: a few hundred milliseconds a PDF. Parsed fonts are only read from after that (each
  // document keeps its own subset), so the ones parsed here serve every document.
  const parsed = new Map<Uint8Array, Font>([regular, bold].map((bytes) => [bytes, fontkit.create(bytes)]));
  const caching = { create: (bytes: Uint8Array) => parsed.get(bytes) ?? fontkit.create(bytes) };
  // Text is made printable once, whichever of the two draws it, so only what both have counts.
  const inBold = new Set(parsed.get(bold)!.characterSet);
  const drawable = new Set(parsed.get(regular)!.characterSet.filter((codePoint) => inBold.has(codePoint)));
  return { regular, bold, printable: (text) => printableText(text, (codePoint) => drawable.has(codePoint)), fontkit: caching };
}

// Read once per process; a failed read (a missing file) is tried again on the next PDF.
let loaded: Promise<LoadedFonts> | undefined;

export type PdfFonts = {
  regular: PDFFont;
  bold: PDFFont;
  /** The text with what the fonts cannot draw replaced: pass every string through it before measuring or drawing. */
  printable: (text: string) => string;
};

export async function embedPdfFonts(doc: PDFDocument): Promise<PdfFonts> {
  loaded ??= loadFonts().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  const { regular, bold, printable, fontkit: parsedFontkit } = await loaded;
  doc.registerFontkit(parsedFontkit);
  const [regularFont, boldFont] = await Promise.all([doc.embedFont(regular, { subset: true }), doc.embedFont(bold, { subset: true })]);
  return { regular: regularFont, bold: boldFont, printable };
}
