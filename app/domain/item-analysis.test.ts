import { describe, expect, it } from "vitest";
import { itemAnalysis, type AnalysedItem, type Measure } from "./item-analysis";

/*
 * Hand-worked example: 10 candidates × 5 scored items (1 = right, 0 = wrong).
 *
 *            I1 I2 I3 I4 I5 | total
 *   C1        1  1  1  1  1 |  5
 *   C2        1  1  1  0  1 |  4
 *   C3        1  1  1  1  0 |  4
 *   C4        1  1  0  1  0 |  3
 *   C5        1  0  1  1  0 |  3
 *   C6        1  1  0  0  0 |  2
 *   C7        0  1  1  0  0 |  2
 *   C8        0  0  0  1  0 |  1
 *   C9        0  0  0  1  0 |  1
 *   C10       0  0  0  0  0 |  0
 *   right     6  6  5  6  2 | 25
 *
 * Totals: mean = 25 / 10 = 2.5. Deviations ±2.5, ±1.5, ±1.5, ±0.5, ±0.5 (each pair once above and once
 * below), squares 6.25 + 2.25 + 2.25 + 0.25 + 0.25 = 11.25 per side, 22.5 in all.
 * Population variance = 22.5 / 10 = 2.25, s = 1.5.
 *
 * Difficulty p = right / 10: I1 0.6, I2 0.6, I3 0.5, I4 0.6, I5 0.2.
 *
 * Discrimination: 27% of 10 = 2.7 → 3 per group. Top = C1, C2, C3 (5, 4, 4; next is 3, so no tie at
 * the edge). Bottom = C8, C9, C10 (1, 1, 0; next up is 2).
 *   I1: top 3/3 − bottom 0/3 = 1.000
 *   I2: 3/3 − 0/3 = 1.000
 *   I3: 3/3 − 0/3 = 1.000
 *   I4: top C1, C3 = 2/3; bottom C8, C9 = 2/3; D = 0.000
 *   I5: top C1, C2 = 2/3; bottom 0/3; D = 0.667
 *
 * Point-biserial r = (M1 − M0) / s × √(p(1 − p)):
 *   I1: M1 = (5+4+4+3+3+2)/6 = 21/6 = 3.5;   M0 = (2+1+1+0)/4 = 1.0;   2.5/1.5 × √0.24 = 1.6667 × 0.4899 = 0.816
 *   I2: M1 = (5+4+4+3+2+2)/6 = 20/6 = 3.3333; M0 = (3+1+1+0)/4 = 1.25; 2.0833/1.5 × √0.24 = 1.3889 × 0.4899 = 0.680
 *   I3: M1 = (5+4+4+3+2)/5 = 3.6;             M0 = (3+2+1+1+0)/5 = 1.4;  2.2/1.5 × √0.25 = 1.4667 × 0.5 = 0.733
 *   I4: M1 = (5+4+3+3+1+1)/6 = 17/6 = 2.8333; M0 = (4+2+2+0)/4 = 2.0;  0.8333/1.5 × √0.24 = 0.5556 × 0.4899 = 0.272
 *   I5: M1 = (5+4)/2 = 4.5;                    M0 = 16/8 = 2.0;         2.5/1.5 × √0.16 = 1.6667 × 0.4 = 0.667
 *
 * KR-20: Σpq = 0.24 + 0.24 + 0.25 + 0.24 + 0.16 = 1.13;
 *   5/4 × (1 − 1.13 / 2.25) = 1.25 × (1 − 0.50222) = 1.25 × 0.49778 = 0.622.
 *
 * Flags: I5 p = 0.2 < 0.30 → review difficulty. I4 D = 0 < 0.20 → poor discrimination.
 * No r is below 0.15.
 */
const matrix: (0 | 1)[][] = [
  [1, 1, 1, 1, 1],
  [1, 1, 1, 0, 1],
  [1, 1, 1, 1, 0],
  [1, 1, 0, 1, 0],
  [1, 0, 1, 1, 0],
  [1, 1, 0, 0, 0],
  [0, 1, 1, 0, 0],
  [0, 0, 0, 1, 0],
  [0, 0, 0, 1, 0],
  [0, 0, 0, 0, 0],
];
const items: AnalysedItem[] = ["I1", "I2", "I3", "I4", "I5"].map((itemVersionId) => ({ itemVersionId, scored: true }));

function value(measure: Measure | undefined) {
  expect(measure?.reason ?? null).toBeNull();
  return measure!.value!;
}

describe("itemAnalysis on the hand-worked example", () => {
  const analysis = itemAnalysis({ items, responses: matrix, binWidth: 2 });
  const byId = (id: string) => analysis.items.find((item) => item.itemVersionId === id)!;

  it("computes difficulty, discrimination and point-biserial as worked by hand", () => {
    const expected = {
      I1: { p: 0.6, d: 1, r: 0.816 },
      I2: { p: 0.6, d: 1, r: 0.68 },
      I3: { p: 0.5, d: 1, r: 0.733 },
      I4: { p: 0.6, d: 0, r: 0.272 },
      I5: { p: 0.2, d: 0.667, r: 0.667 },
    };
    for (const [id, { p, d, r }] of Object.entries(expected)) {
      const item = byId(id);
      expect(value(item.difficulty)).toBeCloseTo(p, 3);
      expect(value(item.discrimination)).toBeCloseTo(d, 3);
      expect(value(item.pointBiserial)).toBeCloseTo(r, 3);
    }
  });

  it("computes KR-20, the mean and the population SD of totals", () => {
    expect(value(analysis.reliability)).toBeCloseTo(0.622, 3);
    expect(analysis.reliability).toMatchObject({ method: "KR-20", candidates: 10, itemsPerForm: 5, forms: 1, leftOut: 0 });
    expect(value(analysis.meanScore)).toBeCloseTo(2.5, 3);
    expect(value(analysis.scoreSd)).toBeCloseTo(1.5, 3);
  });

  it("flags the hard item for difficulty and the item that does not separate groups", () => {
    expect(byId("I5").flags).toEqual(["review difficulty"]);
    expect(byId("I4").flags).toEqual(["poor discrimination"]);
    expect(analysis.items.filter((item) => item.flags.length === 0).map((item) => item.itemVersionId)).toEqual(["I1", "I2", "I3"]);
  });

  it("bins totals into a histogram: 0-1, 2-3 and 4-5", () => {
    expect(analysis.histogram).toEqual([
      { from: 0, to: 2, count: 3 },
      { from: 2, to: 4, count: 4 },
      { from: 4, to: 6, count: 3 },
    ]);
  });
});

describe("itemAnalysis with pretest items, options, results and times", () => {
  // A pretest item that weaker candidates get right more often: right for C3, C5, C7, C8, C10.
  // Totals stay those of the scored items. p = 0.5; top C1-C3 = 1/3, bottom C8-C10 = 2/3, D = −0.333;
  // M1 = (4+3+2+1+0)/5 = 2, M0 = (5+4+3+2+1)/5 = 3, r = (2 − 3)/1.5 × 0.5 = −0.333.
  const pretest: (0 | 1)[] = [0, 0, 1, 0, 1, 0, 1, 1, 0, 1];
  const analysis = itemAnalysis({
    items: [...items, { itemVersionId: "P1", scored: false, optionIds: ["a", "b", "c", "d"] }],
    responses: matrix.map((row, candidate) => [...row, pretest[candidate]!]),
    selections: pretest.map((right) => [null, null, null, null, null, right ? ["b"] : ["c"]]),
    passed: [true, true, true, true, true, false, false, false, false, false],
    secondsTaken: [3000, 2400, null, 3600, 3000, 1800, 2700, 1500, 1200, 600],
    binWidth: 2,
  });
  const pretestItem = analysis.items.find((item) => item.itemVersionId === "P1")!;

  it("analyses the pretest item but keeps it out of totals and KR-20", () => {
    expect(value(analysis.reliability)).toBeCloseTo(0.622, 3);
    expect(analysis.reliability.itemsPerForm).toBe(5);
    expect(value(pretestItem.difficulty)).toBeCloseTo(0.5, 3);
    expect(value(pretestItem.discrimination)).toBeCloseTo(-0.333, 3);
    expect(value(pretestItem.pointBiserial)).toBeCloseTo(-0.333, 3);
    expect(pretestItem.flags).toEqual(["poor discrimination", "weak point-biserial"]);
  });

  it("counts every option, including distractors nobody chose", () => {
    expect(pretestItem.optionCounts).toEqual({ a: 0, b: 5, c: 5, d: 0 });
  });

  it("reports the pass rate and the mean time over recorded attempts", () => {
    expect(value(analysis.passRate)).toBeCloseTo(0.5, 3);
    // (3000+2400+3600+3000+1800+2700+1500+1200+600) / 9 = 19800 / 9 = 2200
    expect(value(analysis.meanSeconds)).toBeCloseTo(2200, 3);
  });
});

describe("itemAnalysis edge cases", () => {
  it("leaves unanswered cells out of p, so p = right / answered", () => {
    const analysis = itemAnalysis({
      items: items.slice(0, 1),
      responses: [[1], [0], [null], [1]],
      totals: [3, 1, 2, 2],
      binWidth: 1,
    });
    const [item] = analysis.items;
    expect(item).toMatchObject({ answered: 3, correct: 2, unanswered: 1 });
    expect(value(item!.difficulty)).toBeCloseTo(0.667, 3);
  });

  it("returns null with a reason, never NaN, for a single candidate", () => {
    const analysis = itemAnalysis({ items, responses: [matrix[0]!], binWidth: 1 });
    const [item] = analysis.items;
    expect(value(item!.difficulty)).toBe(1);
    expect(item!.discrimination).toEqual({ value: null, reason: "Discrimination needs at least two candidates who answered the item." });
    expect(item!.pointBiserial.value).toBeNull();
    expect(analysis.reliability).toMatchObject({ value: null, reason: "KR-20 needs at least two candidates.", candidates: 1 });
    expect(value(analysis.scoreSd)).toBe(0);
  });

  it("returns null with a reason when every candidate has the same total", () => {
    const analysis = itemAnalysis({ items: items.slice(0, 2), responses: [[1, 0], [0, 1], [1, 0]], binWidth: 1 });
    expect(analysis.reliability.reason).toMatch(/same total score/);
    for (const item of analysis.items) {
      expect(item.discrimination.reason).toMatch(/same total score/);
      expect(item.pointBiserial.reason).toMatch(/same total score/);
      expect(item.flags).toEqual([]);
    }
  });

  it("explains why an item everyone got right has no point-biserial", () => {
    const analysis = itemAnalysis({ items: items.slice(0, 2), responses: [[1, 1], [1, 0], [1, 0]], binWidth: 1 });
    const [easy] = analysis.items;
    expect(easy!.pointBiserial.reason).toMatch(/got this item right/);
    expect(easy!.flags).toEqual(["review difficulty", "poor discrimination"]);
  });

  it("explains what is missing when nobody has taken the exam", () => {
    const analysis = itemAnalysis({ items, responses: [], binWidth: 5 });
    expect(analysis.candidates).toBe(0);
    expect(analysis.items[0]!.difficulty.reason).toMatch(/No candidate has answered/);
    expect(analysis.meanScore.value).toBeNull();
    expect(analysis.passRate.value).toBeNull();
    expect(analysis.meanSeconds.value).toBeNull();
    expect(analysis.histogram).toEqual([
      { from: 0, to: 5, count: 0 },
      { from: 5, to: 10, count: 0 },
    ]);
    const serialised = JSON.stringify(analysis);
    expect(serialised).not.toMatch(/NaN|null,"reason":null/);
  });

  it("rejects a matrix whose rows or per-candidate lists do not line up", () => {
    expect(() => itemAnalysis({ items, responses: [[1, 0]], binWidth: 1 })).toThrow(/Candidate 1 has 2 responses but there are 5 items/);
    expect(() => itemAnalysis({ items, responses: matrix, totals: [1, 2], binWidth: 1 })).toThrow(/totals has 2 entries but there are 10/);
    expect(() => itemAnalysis({ items, responses: matrix, binWidth: 0 })).toThrow(/bin width/);
  });
});

describe("reliability", () => {
  /*
   * One form, two scored items; an unanswered item counts as wrong, as it does in the total.
   *   C1  1  1 | 2
   *   C2  1  – | 1
   *   C3  0  – | 0
   * p = 2/3 and 1/3, Σpq = 2/9 + 2/9 = 4/9. Totals 2, 1, 0: mean 1, variance 2/3.
   * KR-20 = 2/1 × (1 − (4/9) / (2/3)) = 2 × (1 − 2/3) = 0.667.
   */
  it("counts an unanswered item as wrong, so one skipped item does not stop KR-20", () => {
    const analysis = itemAnalysis({ items: items.slice(0, 2), responses: [[1, 1], [1, null], [0, null]], binWidth: 1 });
    expect(value(analysis.reliability)).toBeCloseTo(0.667, 3);
    expect(analysis.reliability).toMatchObject({ method: "KR-20", candidates: 3, itemsPerForm: 2, forms: 1 });
  });

  /*
   * An item nobody answered: p = 0 for it, pq = 0. Totals 1, 0, 1: mean 2/3, variance 2/9; item 1
   * p = 2/3, pq = 2/9. KR-20 = 2 × (1 − (2/9) / (2/9)) = 0.
   */
  it("computes KR-20 when nobody answered a delivered item", () => {
    const analysis = itemAnalysis({ items: items.slice(0, 2), responses: [[1, null], [0, null], [1, null]], binWidth: 1 });
    expect(value(analysis.reliability)).toBeCloseTo(0, 9);
  });

  /*
   * Random forms: a pool of four items, three scored items per form, four candidates on four forms
   * (– not delivered, ? delivered but unanswered, counted wrong).
   *          A  B  C  D | total
   *   C1     1  1  1  – | 3
   *   C2     1  0  –  1 | 2
   *   C3     –  0  ?  1 | 1
   *   C4     0  –  0  0 | 0
   * k = 3 (per form, not the pool's 4). Totals: mean M = 1.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
   * KR-21 = 3/2 × (1 − M(k − M) / (k s²)) = 1.5 × (1 − 1.5 × 1.5 / 3.75) = 1.5 × 0.4 = 0.6.
   * A fifth candidate whose form had two scored items (the blueprint changed) is left out.
   */
  const pool: AnalysedItem[] = ["A", "B", "C", "D"].map((itemVersionId) => ({ itemVersionId, scored: true }));
  const responses: (0 | 1 | null)[][] = [
    [1, 1, 1, null],
    [1, 0, null, 1],
    [null, 0, null, 1],
    [0, null, 0, 0],
  ];
  const delivered = [
    [true, true, true, false],
    [true, true, false, true],
    [false, true, true, true],
    [true, false, true, true],
  ];

  it("is KR-21 over each form's k items when candidates sat different random forms", () => {
    const analysis = itemAnalysis({ items: pool, responses, scoredOnForm: delivered, binWidth: 1 });
    expect(value(analysis.reliability)).toBeCloseTo(0.6, 9);
    expect(analysis.reliability).toMatchObject({ method: "KR-21", candidates: 4, itemsPerForm: 3, forms: 4, leftOut: 0 });
  });

  it("leaves out candidates whose forms had another number of scored items", () => {
    const analysis = itemAnalysis({ items: pool, responses: [...responses, [1, 1, null, null]], scoredOnForm: [...delivered, [true, true, false, false]], binWidth: 1 });
    expect(value(analysis.reliability)).toBeCloseTo(0.6, 9);
    expect(analysis.reliability).toMatchObject({ method: "KR-21", candidates: 4, itemsPerForm: 3, leftOut: 1 });
  });

  it("says it needs candidates before any attempt, whatever the items", () => {
    expect(itemAnalysis({ items: pool, responses: [], binWidth: 1 }).reliability).toMatchObject({ value: null, reason: "KR-20 needs at least two candidates.", candidates: 0 });
  });

  it("never counts a pretest item, delivered or not", () => {
    const withPretest = [...pool, { itemVersionId: "P", scored: false }];
    const analysis = itemAnalysis({
      items: withPretest,
      responses: responses.map((row, candidate) => [...row, candidate % 2 ? 1 : 0]),
      scoredOnForm: delivered.map((row) => [...row, false]),
      binWidth: 1,
    });
    expect(value(analysis.reliability)).toBeCloseTo(0.6, 9);
  });
});

