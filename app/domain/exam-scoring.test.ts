import { describe, expect, it } from "vitest";
import type { FormEntry } from "./exam-assembly";
import {
  angoffCut,
  markItems,
  passRuleProblem,
  ruleForAttempt,
  scaledScore,
  scoreAttempt,
  scoredCountOf,
  validateItem,
  type AnswerKeys,
  type ItemDraft,
  type Scaling,
} from "./exam-scoring";

const entry = (itemVersionId: string, domain: string, scored = true): FormEntry => ({
  itemVersionId,
  domain,
  scored,
  optionOrder: ["a", "b", "c", "d", "e"],
});

const form: FormEntry[] = [
  entry("single-1", "advocacy"),
  entry("single-2", "advocacy"),
  entry("multi-1", "ethical-responsibility"),
  entry("multi-2", "ethical-responsibility"),
  entry("tf-1", "mentoring-education"),
  entry("pretest-1", "advocacy", false),
];
const keys: AnswerKeys = {
  "single-1": ["b"],
  "single-2": ["d"],
  "multi-1": ["a", "c", "e"],
  "multi-2": ["b", "d"],
  "tf-1": ["a"],
  "pretest-1": ["c"],
};
const icrcScale: Scaling = { reportedMin: 200, reportedMax: 800, cutReported: 500 };

describe("scoreAttempt", () => {
  it("scores multiple-answer items all-or-nothing: a missing key or an extra choice earns nothing", () => {
    const score = (selected: string[]) =>
      scoreAttempt({ form, keys, responses: { "multi-1": selected }, passRule: { kind: "raw", cut: 1 } }).raw;
    expect(score(["e", "a", "c"])).toBe(1);
    expect(score(["a", "c"])).toBe(0);
    expect(score(["a", "b", "c", "e"])).toBe(0);
    expect(score(["b", "d"])).toBe(0);
  });

  it("totals right answers by domain, counts unanswered items as wrong and leaves pretest items out", () => {
    const result = scoreAttempt({
      form,
      keys,
      responses: { "single-1": ["b"], "single-2": ["a"], "multi-2": ["d", "b"], "tf-1": ["a"], "pretest-1": ["c"] },
      passRule: { kind: "raw", cut: 3 },
    });
    expect(result).toMatchObject({ raw: 3, max: 5, percent: 60, unanswered: 1, cut: 3, passed: true, scaled: null });
    expect(result.byDomain).toEqual({
      advocacy: { correct: 1, total: 2 },
      "ethical-responsibility": { correct: 1, total: 2 },
      "mentoring-education": { correct: 1, total: 1 },
    });
    // The pretest item is marked for item analysis but changes nothing above.
    expect(result.items.find((item) => item.itemVersionId === "pretest-1")).toEqual({
      itemVersionId: "pretest-1",
      domain: "advocacy",
      scored: false,
      answered: true,
      correct: true,
    });
    expect(result.items.find((item) => item.itemVersionId === "multi-1")).toMatchObject({ answered: false, correct: false });
  });

  it("does not let two choices on a single-answer item count, even if one is the key", () => {
    const result = scoreAttempt({ form, keys, responses: { "single-1": ["a", "b"] }, passRule: { kind: "raw", cut: 1 } });
    expect(result.raw).toBe(0);
    expect(result.passed).toBe(false);
  });

  it("passes at the Angoff cut, which is the mean of the judges' summed ratings, unrounded", () => {
    // Judge 1: 0.6+0.7+0.5+0.4+0.9 = 3.1; judge 2: 0.5+0.6+0.5+0.3+0.8 = 2.7; cut = (3.1 + 2.7) / 2 = 2.9.
    const ratings = [
      [0.6, 0.7, 0.5, 0.4, 0.9],
      [0.5, 0.6, 0.5, 0.3, 0.8],
    ];
    expect(angoffCut(ratings)).toBeCloseTo(2.9, 10);
    const threeRight = { "single-1": ["b"], "single-2": ["d"], "tf-1": ["a"] };
    const twoRight = { "single-1": ["b"], "tf-1": ["a"] };
    const pass = scoreAttempt({ form, keys, responses: threeRight, passRule: { kind: "angoff", ratings } });
    expect(pass.cut).toBeCloseTo(2.9, 10);
    expect(pass.passed).toBe(true);
    expect(scoreAttempt({ form, keys, responses: twoRight, passRule: { kind: "angoff", ratings } }).passed).toBe(false);
  });

  it("refuses Angoff ratings that do not cover every scored item once, or are not chances", () => {
    expect(() => angoffCut([])).toThrow(/at least one judge/);
    expect(() => angoffCut([[0.5, 0.5], [0.5]])).toThrow(/judge 2 rated 1 items but judge 1 rated 2/);
    expect(() => angoffCut([[0.5, 1.5]])).toThrow(/item 2 a rating of 1.5/);
    expect(() => scoreAttempt({ form, keys, responses: {}, passRule: { kind: "angoff", ratings: [[0.5, 0.5]] } })).toThrow(
      /rated 2 items, but the form has 5 scored items/,
    );
  });

  it("refuses to score an item without a key, a form without scored items and a cut beyond the maximum", () => {
    const { "tf-1": _removed, ...withoutTf } = keys;
    expect(() => scoreAttempt({ form, keys: withoutTf, responses: {}, passRule: { kind: "raw", cut: 3 } })).toThrow(/"tf-1".*no answer key/);
    expect(() => scoreAttempt({ form: [entry("pretest-1", "advocacy", false)], keys, responses: {}, passRule: { kind: "raw", cut: 0 } })).toThrow(
      /no scored items/,
    );
    expect(() => scoreAttempt({ form, keys, responses: {}, passRule: { kind: "raw", cut: 6 } })).toThrow(/between 0 and the form's 5/);
  });

  it("reports on the 200-800 scale with the raw cut at exactly 500", () => {
    const fiveItems = { form, keys, passRule: { kind: "raw" as const, cut: 3 }, scaling: icrcScale };
    expect(scoreAttempt({ ...fiveItems, responses: {} }).scaled).toBe(200);
    expect(scoreAttempt({ ...fiveItems, responses: { "single-1": ["b"], "single-2": ["d"], "tf-1": ["a"] } }).scaled).toBe(500);
    const all = { "single-1": ["b"], "single-2": ["d"], "multi-1": ["a", "c", "e"], "multi-2": ["b", "d"], "tf-1": ["a"] };
    expect(scoreAttempt({ ...fiveItems, responses: all }).scaled).toBe(800);
  });

  it("scores a form under the rule given, whatever later rule there is: each attempt carries its own", () => {
    const all = { "single-1": ["b"], "single-2": ["d"], "multi-1": ["a", "c", "e"], "multi-2": ["b", "d"], "tf-1": ["a"] };
    const fourRight = { ...all, "tf-1": ["b"] };
    // The rule the form was drawn under: a raw cut of 4 of its 5 scored items.
    expect(scoreAttempt({ form, keys, responses: fourRight, passRule: { kind: "raw", cut: 4 } })).toMatchObject({ raw: 4, max: 5, cut: 4, passed: true });
    // A later rule written for a 6-item blueprint cannot decide this form, and says why.
    expect(() => scoreAttempt({ form, keys, responses: fourRight, passRule: { kind: "angoff", ratings: [[1, 1, 1, 1, 0.5, 0.5]] } })).toThrow(
      "Angoff judge 1 rated 6 items, but the form has 5 scored items.",
    );
  });
});

describe("ruleForAttempt", () => {
  it("keeps an Angoff study's ratings for scoring and leaves the judges' names with the exam", () => {
    const study = { kind: "angoff" as const, ratings: [[0.5, 0.75]], judgeNames: ["Maria Lopez"] };
    expect(ruleForAttempt(study)).toEqual({ kind: "angoff", ratings: [[0.5, 0.75]] });
    expect(ruleForAttempt({ kind: "raw", cut: 7 })).toEqual({ kind: "raw", cut: 7 });
  });
});

describe("passRuleProblem", () => {
  it("accepts a rule that fits the form's scored items and names the misfit otherwise", () => {
    expect(scoredCountOf(form)).toBe(5);
    expect(passRuleProblem({ kind: "raw", cut: 5 }, 5)).toBeNull();
    expect(passRuleProblem({ kind: "raw", cut: 0 }, 5)).toBeNull();
    expect(passRuleProblem({ kind: "raw", cut: 6 }, 5)).toBe("The raw cut must be between 0 and the form's 5 scored items; it is 6.");
    expect(passRuleProblem({ kind: "raw", cut: -1 }, 5)).toMatch(/between 0 and the form's 5/);
    expect(passRuleProblem({ kind: "angoff", ratings: [[0.5, 0.5], [0.6, 0.6]] }, 2)).toBeNull();
    expect(passRuleProblem({ kind: "angoff", ratings: [[0.5, 0.5], [0.6, 0.6, 0.6]] }, 2)).toBe("Angoff judge 2 rated 3 items, but the form has 2 scored items.");
  });
});

describe("markItems", () => {
  it("marks every entry right or wrong in form order without any pass rule", () => {
    const marked = markItems({ form, keys, responses: { "single-1": ["b"], "multi-2": ["b"], "pretest-1": ["c"] } });
    expect(marked.map((item) => [item.itemVersionId, item.answered, item.correct])).toEqual([
      ["single-1", true, true],
      ["single-2", false, false],
      ["multi-1", false, false],
      ["multi-2", true, false],
      ["tf-1", false, false],
      ["pretest-1", true, true],
    ]);
  });
});

describe("scaledScore", () => {
  // A 50-item form with the cut at 30: below the cut 300 points over 30 raw points, above it 300 over 20.
  const form50 = (raw: number) => scaledScore(raw, { max: 50, cut: 30, passed: raw >= 30 }, icrcScale);

  it("maps 0, the cut and the maximum onto 200, 500 and 800 and is linear between them", () => {
    expect(form50(0)).toBe(200);
    expect(form50(15)).toBe(350);
    expect(form50(30)).toBe(500);
    expect(form50(40)).toBe(650);
    expect(form50(50)).toBe(800);
  });

  it("never rounds a failing score up to the passing number", () => {
    // Cut 99.1 of 150: raw 99 is 200 + 99/99.1 × 300 = 499.70, which plain rounding would make 500.
    expect(scaledScore(99, { max: 150, cut: 99.1, passed: false }, icrcScale)).toBe(499);
    expect(scaledScore(100, { max: 150, cut: 99.1, passed: true }, icrcScale)).toBe(505);
  });

  it("treats a cut at the maximum as 500 for a perfect score, and rejects a scale without room below the cut", () => {
    expect(scaledScore(10, { max: 10, cut: 10, passed: true }, icrcScale)).toBe(500);
    expect(() => scaledScore(5, { max: 10, cut: 5, passed: true }, { reportedMin: 500, reportedMax: 800, cutReported: 500 })).toThrow(
      /reporting scale/,
    );
  });
});

describe("validateItem", () => {
  const good: ItemDraft = {
    type: "single",
    stem: "Which response keeps the peer role clear?",
    options: [
      { id: "a", text: "One" },
      { id: "b", text: "Two" },
      { id: "c", text: "Three" },
    ],
    key: ["b"],
  };

  it("accepts a well-formed item of each type", () => {
    expect(validateItem(good)).toEqual([]);
    expect(validateItem({ ...good, type: "multiple", key: ["a", "c"] })).toEqual([]);
    const trueFalse = { type: "true-false" as const, stem: "A statement.", options: [{ id: "a", text: "True" }, { id: "b", text: "False" }], key: ["b"] };
    expect(validateItem(trueFalse)).toEqual([]);
  });

  it("says what is wrong and what to do, one sentence per problem", () => {
    expect(validateItem({ ...good, key: [] })).toEqual(["No option is marked as the key; mark the correct answer."]);
    expect(validateItem({ ...good, key: ["a", "b"] })).toEqual([
      "A single-answer item has 2 keys (a, b); mark exactly one option as correct, or make it a multiple-answer item.",
    ]);
    expect(validateItem({ ...good, stem: "   " })).toEqual(["The stem is empty; write the question the candidate has to answer."]);
    expect(validateItem({ ...good, options: [{ id: "a", text: "Only" }], key: ["a"] })).toEqual([
      "The item has 1 option; add options until it has at least two.",
    ]);
    expect(validateItem({ ...good, options: [...good.options, { id: "b", text: "Four" }] })).toEqual([
      'Option id "b" is used more than once; give each option its own id.',
    ]);
    expect(validateItem({ ...good, key: ["z"] })).toEqual(['The key names option "z", which is not one of the item\'s options.']);
  });

  it("refuses options a candidate could not tell apart, whatever their case or spacing", () => {
    const yesYes: ItemDraft = { ...good, options: [{ id: "a", text: "Yes" }, { id: "b", text: "Yes" }], key: ["a"] };
    expect(validateItem(yesYes)).toEqual(['Options "a" and "b" both read "Yes"; give each option its own wording so candidates can tell them apart.']);
    const spaced: ItemDraft = {
      ...good,
      options: [
        { id: "a", text: "Call the  supervisor" },
        { id: "b", text: "Wait" },
        { id: "c", text: " call the supervisor " },
        { id: "d", text: "CALL THE SUPERVISOR" },
      ],
    };
    expect(validateItem(spaced)).toEqual([
      'Options "a", "c" and "d" all read "Call the supervisor"; give each option its own wording so candidates can tell them apart.',
    ]);
    expect(validateItem({ ...good, type: "multiple", options: yesYes.options, key: ["a", "b"] })).toHaveLength(1);
  });

  it("holds a true-false item's options to True and False, in that order", () => {
    const trueFalse: ItemDraft = { type: "true-false", stem: "A statement.", options: [{ id: "a", text: "Maybe" }, { id: "b", text: "No" }], key: ["a"] };
    expect(validateItem(trueFalse)).toEqual([
      'A true-false item\'s options must read True and False, in that order; it has "Maybe" and "No". For other options, make it a single-answer item.',
    ]);
    const reversed = { ...trueFalse, options: [{ id: "a", text: "False" }, { id: "b", text: "True" }] };
    expect(validateItem(reversed)).toEqual([
      'A true-false item\'s options must read True and False, in that order; it has "False" and "True". For other options, make it a single-answer item.',
    ]);
    expect(validateItem({ ...trueFalse, options: [{ id: "a", text: " true" }, { id: "b", text: "FALSE " }] })).toEqual([]);
    // The same two options are fine on a single-answer item.
    expect(validateItem({ ...trueFalse, type: "single" })).toEqual([]);
  });

  it("holds true-false items to two options and one key", () => {
    const trueFalse: ItemDraft = { ...good, type: "true-false", key: ["a", "b"] };
    expect(validateItem(trueFalse)).toEqual([
      "A true-false item needs exactly two options (True and False); it has 3.",
      "A true-false item has 2 keys (a, b); mark exactly one option as correct, or make it a multiple-answer item.",
    ]);
  });
});
