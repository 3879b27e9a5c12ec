// What a PDF the app sends shows, for assertions: the text drawn on its pages, the fonts it embeds and
// how many images it holds. pdf-lib draws text as hex strings in compressed content streams: with an
// embedded font they hold glyph numbers, which the font's ToUnicode map turns back into text.
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFObject } from "pdf-lib";

const decoded = (stream: PDFObject | undefined) => (stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1") : "");

/** Glyph number (as hex) to the text it stands for; bfchar entries, as pdf-lib writes them. */
function toUnicodeMap(cmap: string): Map<string, string> {
  const glyphs = new Map<string, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, glyph, utf16] of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      glyphs.set(glyph!.toLowerCase(), Buffer.from(utf16!, "hex").swap16().toString("utf16le"));
    }
  }
  return glyphs;
}

type PageFont = { baseFont: string; decode: (hex: string) => string };

function pageFonts(doc: PDFDocument, resources: PDFDict | undefined): Map<string, PageFont> {
  const fonts = new Map<string, PageFont>();
  const dict = resources?.lookup(PDFName.of("Font"));
  if (!(dict instanceof PDFDict)) return fonts;
  for (const [name, ref] of dict.entries()) {
    const font = doc.context.lookup(ref, PDFDict);
    const baseFont = font.get(PDFName.of("BaseFont"))?.toString() ?? "";
    const toUnicode = font.get(PDFName.of("ToUnicode"));
    const glyphs = toUnicode ? toUnicodeMap(decoded(doc.context.lookup(toUnicode))) : null;
    const decode = glyphs
      ? (hex: string) => (hex.toLowerCase().match(/.{4}/g) ?? []).map((glyph) => glyphs.get(glyph) ?? "\ufffd").join("")
      : (hex: string) => Buffer.from(hex, "hex").toString("latin1"); // a standard font: one byte a character
    fonts.set(name.asString(), { baseFont, decode });
  }
  return fonts;
}

export async function pdfContents(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  const lines: string[] = [];
  const fontNames = new Set<string>();
  for (const page of doc.getPages()) {
    const fonts = pageFonts(doc, page.node.Resources());
    for (const font of fonts.values()) fontNames.add(font.baseFont);
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray() : [contents];
    const content = streams.map((stream) => decoded(stream instanceof PDFRef ? doc.context.lookup(stream) : stream)).join("\n");
    let font: PageFont | undefined;
    for (const match of content.matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (match[1]) font = fonts.get(match[1]);
      else lines.push(font!.decode(match[2]!));
    }
  }
  let images = 0;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream && object.dict.get(PDFName.of("Subtype")) === PDFName.of("Image")) images++;
  }
  return { doc, text: lines.join("\n"), fonts: [...fontNames], images };
}
