// Text as a PDF draws it: only characters the embedded font has a glyph for, and lines that fit a
// width. Pure: the font's coverage and widths come in as arguments (utils/pdf-fonts.server.ts).
import type { PDFFont } from "pdf-lib";

/** Drawn in place of a character the font lacks, so the gap shows instead of a wrong or blank letter. */
export const MISSING_GLYPH = "\u25a1"; // □

// Line breaks and tabs become spaces (a drawn line is one line); other control and format characters
// (zero-width spaces, soft hyphens, direction marks, variation selectors) draw nothing, so they go.
const BREAKS = /[\t\n\r\v\f\u0085\u2028\u2029]/g;
const INVISIBLE = /[\p{Cc}\p{Cf}\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * `text` with every character the font cannot draw replaced: one with a compatibility form the font
 * has takes that form (full-width "Ａ" → "A", mathematical "𝐁" → "B"); anything else (a CJK character,
 * an emoji with its modifiers, a letter with a mark the font lacks) becomes one □.
 */
export function printableText(text: string, hasGlyph: (codePoint: number) => boolean): string {
  const drawable = (segment: string) => [...segment].every((char) => hasGlyph(char.codePointAt(0)!));
  const replacement = drawable(MISSING_GLYPH) ? MISSING_GLYPH : "?";
  const composed = text.normalize("NFC").replace(BREAKS, " ");
  if (composed.search(INVISIBLE) === -1 && drawable(composed)) return composed;
  let result = "";
  for (const grapheme of graphemes.segment(composed)) {
    // Taken out of each character as a reader sees it, so a joined emoji stays one character.
    const segment = grapheme.segment.replace(INVISIBLE, "");
    if (drawable(segment)) {
      result += segment;
      continue;
    }
    const compatible = segment.normalize("NFKC");
    result += compatible && drawable(compatible) ? compatible : replacement;
  }
  return result;
}

type MeasuredFont = Pick<PDFFont, "widthOfTextAtSize">;

// A font's width of each word at size 1, for the document's life: measuring lays the text out
// (ligatures and all), which costs far more than a sum, and words repeat from row to row.
const wordWidths = new WeakMap<MeasuredFont, Map<string, number>>();

function widthAtSizeOne(font: MeasuredFont, text: string): number {
  let widths = wordWidths.get(font);
  if (!widths) wordWidths.set(font, (widths = new Map()));
  let width = widths.get(text);
  if (width === undefined) widths.set(text, (width = font.widthOfTextAtSize(text, 1)));
  return width;
}

/**
 * Lines of at most `width` points; a word longer than a line is cut. Empty text has no lines. A line
 * is as wide as its words and the spaces between them: no ligature or letter form joins across a space.
 */
export function wrapText(text: string, font: MeasuredFont, size: number, width: number): string[] {
  const measure = (part: string) => widthAtSizeOne(font, part) * size;
  const space = measure(" ");
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  for (const word of text.split(/ +/).filter(Boolean)) {
    const wordWidth = measure(word);
    if (line && lineWidth + space + wordWidth <= width) {
      line += ` ${word}`;
      lineWidth += space + wordWidth;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    lineWidth = wordWidth;
    if (wordWidth <= width) continue;
    // Cut between characters as a reader sees them, never inside a surrogate pair or before a mark.
    let characters = [...graphemes.segment(word)].map(({ segment }) => segment);
    while (lineWidth > width && characters.length > 1) {
      let cut = characters.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(characters.slice(0, cut).join(""), size) > width) cut--;
      lines.push(characters.slice(0, cut).join(""));
      characters = characters.slice(cut);
      line = characters.join("");
      lineWidth = font.widthOfTextAtSize(line, size);
    }
  }
  if (line) lines.push(line);
  return lines;
}
