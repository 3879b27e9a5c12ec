import { describe, expect, it } from "vitest";
import { MISSING_GLYPH, printableText, wrapText } from "./pdf-text";

// A font with Latin (up to Extended-A), Greek, Cyrillic, punctuation, the ligature ﬁ and □, but no CJK,
// no emoji, no full-width forms and no combining marks.
const covered = /[\u0020-\u007e\u00a0-\u017f\u0370-\u03ff\u0400-\u04ff\u2000-\u206f\ufb01\u25a1]/u;
const hasGlyph = (codePoint: number) => covered.test(String.fromCodePoint(codePoint));

describe("printableText", () => {
  it("keeps every letter the font has", () => {
    expect(printableText("Łukasz Żółć — Ωμέγα, Жанна", hasGlyph)).toBe("Łukasz Żółć — Ωμέγα, Жанна");
  });

  it("composes a letter and its mark where the font has the composed letter", () => {
    expect(printableText("Zoe\u0308", hasGlyph)).toBe("Zoë");
  });

  it("draws □ once for each character the font lacks, an emoji with its modifiers as one", () => {
    expect(printableText("Ran group 🙂 日本 👍🏽 👨‍👩‍👧 ok", hasGlyph)).toBe(`Ran group ${MISSING_GLYPH} ${MISSING_GLYPH}${MISSING_GLYPH} ${MISSING_GLYPH} ${MISSING_GLYPH} ok`);
    // A letter whose mark the font lacks is not passed off as the bare letter.
    expect(printableText("q\u0303", hasGlyph)).toBe(MISSING_GLYPH);
  });

  it("takes a compatibility form the font has", () => {
    expect(printableText("Ｐｅｅｒ ﬁne", hasGlyph)).toBe("Peer ﬁne");
  });

  it("turns line breaks into spaces and drops characters that draw nothing", () => {
    expect(printableText("a\nb\r\nc\td\u200be\u00adf\u200fg\u0007h\ufe0f", hasGlyph)).toBe("a b  c defgh");
  });

  it("falls back to ? when the font has no □ either", () => {
    expect(printableText("日本", (codePoint) => codePoint < 0x80)).toBe("??");
  });
});

describe("wrapText", () => {
  // Every character one point wide.
  const font = { widthOfTextAtSize: (text: string, size: number) => [...text].length * size };

  it("breaks between words so each line fits", () => {
    expect(wrapText("one two three four", font, 1, 9)).toEqual(["one two", "three", "four"]);
  });

  it("cuts a word longer than a line between characters, never inside one", () => {
    expect(wrapText("abcdefgh", font, 1, 3)).toEqual(["abc", "def", "gh"]);
    expect(wrapText("e\u0301e\u0301e\u0301", { widthOfTextAtSize: (text) => text.normalize("NFC").length }, 1, 2)).toEqual([
      "e\u0301e\u0301",
      "e\u0301",
    ]);
  });

  it("has no lines for empty text", () => {
    expect(wrapText("  ", font, 1, 10)).toEqual([]);
  });
});
