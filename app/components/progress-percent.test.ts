import { describe, expect, it } from "vitest";
import { progressPercent } from "./progress-percent";

describe("progressPercent", () => {
  it("stays below 100 until the value reaches the maximum", () => {
    expect(progressPercent(499.75, 500)).toBe(99);
    expect(progressPercent(499.99, 500)).toBe(99);
    expect(progressPercent(500, 500)).toBe(100);
    expect(progressPercent(620, 500)).toBe(100);
  });

  it("shows 0 only at nothing, and at least 1 for any progress", () => {
    expect(progressPercent(0, 500)).toBe(0);
    expect(progressPercent(0.25, 500)).toBe(1);
    expect(progressPercent(0, 0)).toBe(0);
  });

  it("rounds down to whole percents without floating-point slips", () => {
    expect(progressPercent(57, 100)).toBe(57);
    expect(progressPercent(29, 100)).toBe(29);
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(2, 3)).toBe(66);
    expect(progressPercent(7, 14)).toBe(50);
  });
});
