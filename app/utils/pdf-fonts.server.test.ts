import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { FONT_FILES, embedPdfFonts } from "./pdf-fonts.server";

describe("embedPdfFonts", () => {
  it("reads the fonts from fonts/ at the project root, where the production server runs", () => {
    for (const file of Object.values(FONT_FILES)) {
      expect(path.relative(process.cwd(), file)).toMatch(/^fonts\/DejaVuSans(-Bold)?\.ttf$/);
      expect(fs.existsSync(file), file).toBe(true);
    }
  });

  it("draws Latin, Greek and Cyrillic letters as they are and marks what DejaVu Sans lacks", async () => {
    const { printable, regular, bold } = await embedPdfFonts(await PDFDocument.create());
    expect(printable("Łukasz Żółć, Ωμέγα, Жанна — “ok” ✓ → ½")).toBe("Łukasz Żółć, Ωμέγα, Жанна — “ok” ✓ → ½");
    expect(printable("Ran group 🙂 日本")).toBe("Ran group □ □□");
    expect(regular.widthOfTextAtSize("Łukasz", 10)).toBeGreaterThan(0);
    expect(bold.widthOfTextAtSize("Łukasz", 10)).toBeGreaterThan(regular.widthOfTextAtSize("Łukasz", 10));
  });
});
