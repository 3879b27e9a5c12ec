// Scoring an exam attempt, setting the cut, and checking that an item can be scored at all. Pure: the
// caller loads the form, the keys and the saved responses, and stores the result.

import { ITEM_TYPES, type FormEntry, type ItemType } from "./exam-assembly";

/** Correct option ids per item version. */
export type AnswerKeys = Readonly<Record<string, readonly string[]>>;

/** Selected option ids per item version; a missing or empty entry is an unanswered item. */
export type Responses = Readonly<Record<string, readonly string[]>>;

/**
 * How the pass mark is set. `raw`: a number of scored items to reach. `angoff`: each judge's rating,
 * per scored item in form order, of the chance a minimally competent candidate answers it right, and
 * the judges' names in the same order (null for a judge entered without one) so the board can say who
 * rated what; rules saved before names were kept have none.
 */
export type PassRule =
  | { kind: "raw"; cut: number }
  | { kind: "angoff"; ratings: readonly (readonly number[])[]; judgeNames?: readonly (string | null)[] };

/** The rule an attempt keeps: what scoring needs. The study's judges' names stay with the exam, not in every attempt. */
export const ruleForAttempt = (rule: PassRule): PassRule => (rule.kind === "angoff" ? { kind: "angoff", ratings: rule.ratings } : rule);

/** A reporting scale such as IC&RC's: 200 to 800, with 500 at the cut. */
export type Scaling = { reportedMin: number; reportedMax: number; cutReported: number };

export type DomainScore = { correct: number; total: number };

export type ItemResult = { itemVersionId: string; domain: string; scored: boolean; answered: boolean; correct: boolean };

export type AttemptScore = {
  raw: number;
  max: number;
  /** raw / max × 100, unrounded; the page decides how to show it. */
  percent: number;
  byDomain: Record<string, DomainScore>;
  /** Every entry, pretest items included, for item analysis; only scored ones count above. */
  items: ItemResult[];
  unanswered: number;
  /** The raw cut that decided the result; an Angoff cut is usually fractional and is not rounded. */
  cut: number;
  passed: boolean;
  /** Whole number on the reporting scale, or null when no scaling was given. */
  scaled: number | null;
};

/**
 * Every item type is scored as "the selected set equals the key set": for single-answer and
 * true-false items that is the one right option, for multiple-answer items it is all-or-nothing
 * (a missing key or an extra selection earns nothing). Pretest items are marked right or wrong for
 * item analysis but never count toward the score, the domains or the pass decision.
 */
export function scoreAttempt({
  form,
  keys,
  responses,
  passRule,
  scaling,
}: {
  form: readonly FormEntry[];
  keys: AnswerKeys;
  responses: Responses;
  /** The rule the attempt was drawn under (stored on it), not the exam's current one. */
  passRule: PassRule;
  scaling?: Scaling;
}): AttemptScore {
  const items = markItems({ form, keys, responses });
  const scored = items.filter((item) => item.scored);
  if (scored.length === 0) throw new Error("The form has no scored items, so there is nothing to score.");
  const byDomain: Record<string, DomainScore> = {};
  for (const item of scored) {
    const domain = (byDomain[item.domain] ??= { correct: 0, total: 0 });
    domain.total += 1;
    if (item.correct) domain.correct += 1;
  }
  const raw = scored.filter((item) => item.correct).length;
  const max = scored.length;
  const cut = cutFor(passRule, max);
  const passed = raw >= cut;

  return {
    raw,
    max,
    percent: (raw / max) * 100,
    byDomain,
    items,
    unanswered: scored.filter((item) => !item.answered).length,
    cut,
    passed,
    scaled: scaling ? scaledScore(raw, { max, cut, passed }, scaling) : null,
  };
}

/**
 * Each entry of the form marked right or wrong against its key, in form order: what a result's item
 * review shows. It needs no pass rule, so reviewing a scored attempt never depends on the rules.
 */
export function markItems({ form, keys, responses }: { form: readonly FormEntry[]; keys: AnswerKeys; responses: Responses }): ItemResult[] {
  return form.map((entry): ItemResult => {
    const key = keys[entry.itemVersionId];
    if (!key || key.length === 0) {
      throw new Error(`Item version "${entry.itemVersionId}" is on the form but has no answer key, so the attempt cannot be scored.`);
    }
    const selected = responses[entry.itemVersionId] ?? [];
    return {
      itemVersionId: entry.itemVersionId,
      domain: entry.domain,
      scored: entry.scored,
      answered: selected.length > 0,
      correct: sameSet(selected, key),
    };
  });
}

/**
 * Why a pass rule cannot decide a form with `scoredCount` scored items, or null when it can: a raw
 * cut above the items there are, or Angoff judges who rated a different number of items than the form
 * scores. Checked when an attempt is drawn, so an attempt never carries a rule it cannot be scored by.
 */
export function passRuleProblem(passRule: PassRule, scoredCount: number): string | null {
  if (passRule.kind === "raw") {
    if (!Number.isFinite(passRule.cut) || passRule.cut < 0 || passRule.cut > scoredCount) {
      return `The raw cut must be between 0 and the form's ${scoredCount} scored items; it is ${passRule.cut}.`;
    }
    return null;
  }
  const index = passRule.ratings.findIndex((judge) => judge.length !== scoredCount);
  if (index < 0) return null;
  return `Angoff judge ${index + 1} rated ${passRule.ratings[index]!.length} items, but the form has ${scoredCount} scored items.`;
}

/** How many items of a form count toward its score. */
export const scoredCountOf = (form: readonly FormEntry[]) => form.filter((entry) => entry.scored).length;

function cutFor(passRule: PassRule, max: number): number {
  const problem = passRuleProblem(passRule, max);
  if (problem) throw new Error(problem);
  return passRule.kind === "raw" ? passRule.cut : angoffCut(passRule.ratings);
}

/**
 * Modified Angoff cut: each judge's ratings (probabilities 0 to 1, one per item) are summed into that
 * judge's expected score for a minimally competent candidate, and the cut is the mean over judges.
 */
export function angoffCut(ratings: readonly (readonly number[])[]): number {
  if (ratings.length === 0) throw new Error("An Angoff cut needs at least one judge's ratings.");
  const itemCount = ratings[0]!.length;
  const sums = ratings.map((judge, index) => {
    if (judge.length !== itemCount) {
      throw new Error(`Angoff judge ${index + 1} rated ${judge.length} items but judge 1 rated ${itemCount}; every judge rates every item.`);
    }
    return judge.reduce((sum, rating, item) => {
      if (!Number.isFinite(rating) || rating < 0 || rating > 1) {
        throw new Error(`Angoff judge ${index + 1} gave item ${item + 1} a rating of ${rating}; ratings are chances from 0 to 1.`);
      }
      return sum + rating;
    }, 0);
  });
  return sums.reduce((sum, judgeSum) => sum + judgeSum, 0) / sums.length;
}

/**
 * Piecewise-linear map onto the reporting scale: 0 → reportedMin, the cut → cutReported, max →
 * reportedMax, so every form reports its own cut as the same number (500 on IC&RC's scale) whatever
 * its difficulty. The result is rounded to a whole number but never across the cut: a failing score
 * cannot round up to the passing number. When the cut is the maximum, only a perfect score reaches
 * cutReported (the cut wins over reportedMax).
 */
export function scaledScore(
  raw: number,
  { max, cut, passed }: { max: number; cut: number; passed: boolean },
  { reportedMin, reportedMax, cutReported }: Scaling,
): number {
  if (!(reportedMin < cutReported && cutReported <= reportedMax)) {
    throw new Error(
      `The reporting scale must run from a minimum up to a maximum with the cut between them; got ${reportedMin} to ${reportedMax} with the cut at ${cutReported}.`,
    );
  }
  let exact: number;
  if (raw < cut) exact = reportedMin + (raw / cut) * (cutReported - reportedMin);
  else if (max === cut) exact = cutReported;
  else exact = cutReported + ((raw - cut) / (max - cut)) * (reportedMax - cutReported);
  const rounded = Math.round(exact);
  return passed ? Math.max(rounded, cutReported) : Math.min(rounded, cutReported - 1);
}

function sameSet(selected: readonly string[], key: readonly string[]) {
  const chosen = new Set(selected);
  const correct = new Set(key);
  return chosen.size === correct.size && [...correct].every((optionId) => chosen.has(optionId));
}

/** What an author writes: the fields validateItem checks before an item can be saved or delivered. */
export type ItemDraft = {
  type: ItemType;
  stem: string;
  options: readonly { id: string; text: string }[];
  key: readonly string[];
};

/**
 * Error sentences for an item that cannot be delivered and scored fairly; an empty list means it
 * can. The checks run on data typed in by authors or read from files, so they do not trust the types.
 */
export function validateItem(item: ItemDraft): string[] {
  const errors: string[] = [];
  const typeLabel = { single: "A single-answer item", multiple: "A multiple-answer item", "true-false": "A true-false item" };
  if (!ITEM_TYPES.includes(item.type)) {
    errors.push(`The item type "${String(item.type)}" is not one we can score; choose single, multiple or true-false.`);
  }
  if (typeof item.stem !== "string" || item.stem.trim() === "") {
    errors.push("The stem is empty; write the question the candidate has to answer.");
  }
  const options = Array.isArray(item.options) ? item.options : [];
  const optionIds = options.map((option) => option.id);
  if (options.length < 2) {
    errors.push(`The item has ${options.length} option${options.length === 1 ? "" : "s"}; add options until it has at least two.`);
  }
  if (item.type === "true-false" && options.length !== 2) {
    errors.push(`A true-false item needs exactly two options (True and False); it has ${options.length}.`);
  }
  const duplicates = [...new Set(optionIds.filter((id, index) => optionIds.indexOf(id) !== index))];
  for (const id of duplicates) errors.push(`Option id "${id}" is used more than once; give each option its own id.`);
  for (const option of options) {
    if (typeof option.text !== "string" || option.text.trim() === "") {
      errors.push(`Option "${option.id}" has no text; write the option or remove it.`);
    }
  }
  errors.push(...sameWordingProblems(options));
  if (item.type === "true-false" && options.length === 2 && !readsTrueThenFalse(options)) {
    const texts = options.map((option) => `"${String(option.text ?? "").trim()}"`).join(" and ");
    errors.push(`A true-false item's options must read True and False, in that order; it has ${texts}. For other options, make it a single-answer item.`);
  }

  const key = [...new Set(Array.isArray(item.key) ? item.key : [])];
  if (key.length === 0) errors.push("No option is marked as the key; mark the correct answer.");
  for (const id of key) {
    if (!optionIds.includes(id)) errors.push(`The key names option "${id}", which is not one of the item's options.`);
  }
  if ((item.type === "single" || item.type === "true-false") && key.length > 1) {
    errors.push(`${typeLabel[item.type]} has ${key.length} keys (${key.join(", ")}); mark exactly one option as correct, or make it a multiple-answer item.`);
  }
  return errors;
}

// Options are compared as a candidate reads them: case, surrounding spaces and runs of spaces aside.
function wording(text: unknown) {
  return typeof text === "string" ? text.trim().replace(/\s+/g, " ").toLowerCase() : "";
}

/** One sentence per wording that two or more options share: a candidate could not tell them apart. */
function sameWordingProblems(options: readonly { id: string; text: string }[]): string[] {
  const idsByWording = new Map<string, string[]>();
  for (const option of options) {
    const key = wording(option.text);
    if (key !== "") idsByWording.set(key, [...(idsByWording.get(key) ?? []), option.id]);
  }
  return [...idsByWording.values()]
    .filter((ids) => ids.length > 1)
    .map((ids) => {
      const text = options.find((option) => option.id === ids[0])!.text.trim().replace(/\s+/g, " ");
      const named = `${ids.slice(0, -1).map((id) => `"${id}"`).join(", ")} and "${ids.at(-1)}"`;
      return `Options ${named} ${ids.length === 2 ? "both" : "all"} read "${text}"; give each option its own wording so candidates can tell them apart.`;
    });
}

/** True before False, as the bank's true-false items are written and candidates expect them. */
function readsTrueThenFalse(options: readonly { text: string }[]) {
  return wording(options[0]?.text) === "true" && wording(options[1]?.text) === "false";
}
