// Item analysis for the board's exam report: how hard each item is, whether it separates stronger
// from weaker candidates, which options draw answers, and how reliable the whole form is. Formulas
// and thresholds are the classical-test-theory ones certification boards use. Pure: the caller builds
// the response matrix from scored attempts (see ItemResult in exam-scoring.ts).

/** A statistic, or the reason it cannot be computed (too few candidates, no spread of scores...). */
export type Measure = { value: number; reason: null } | { value: null; reason: string };

export const ITEM_FLAGS = ["review difficulty", "poor discrimination", "weak point-biserial"] as const;
export type ItemFlag = (typeof ITEM_FLAGS)[number];

export const THRESHOLDS = {
  /** Review an item that fewer than 30% or more than 90% of candidates get right. */
  difficultyLow: 0.3,
  difficultyHigh: 0.9,
  /** Upper-lower discrimination below 0.20 is poor; above 0.40 excellent. */
  discrimination: 0.2,
  /** Point-biserial of 0.15 is acceptable; above 0.25 good. */
  pointBiserial: 0.15,
  /** Kelley's classic share for the top and bottom groups. */
  extremeGroupShare: 0.27,
} as const;

export type AnalysedItem = {
  itemVersionId: string;
  /** Pretest items are analysed like the rest but left out of reliability and the default totals. */
  scored: boolean;
  /** The item's options, so an option nobody chose still shows with a count of 0. */
  optionIds?: readonly string[];
};

export type ItemAnalysisInput = {
  items: readonly AnalysedItem[];
  /** Candidates × items: 1 right, 0 wrong, null unanswered or not on that candidate's form. */
  responses: readonly (readonly (0 | 1 | null)[])[];
  /**
   * Candidates × items: whether the item was a scored item of the candidate's form, which tells
   * "unanswered" (wrong, for reliability) from "not on this form". By default every scored item was on
   * every form (one fixed form).
   */
  scoredOnForm?: readonly (readonly boolean[])[];
  /** Each candidate's total score; by default the sum of their scored items. */
  totals?: readonly number[];
  /** Candidates × items: the option ids each candidate selected, for option counts. */
  selections?: readonly (readonly (readonly string[] | null)[])[];
  /** Whether each candidate passed, for the pass rate. */
  passed?: readonly boolean[];
  /** Seconds each candidate took; null when not recorded. */
  secondsTaken?: readonly (number | null)[];
  /** Width of the score histogram's bins, in raw points. */
  binWidth: number;
  /** Top of the histogram; by default the number of scored items. */
  maxScore?: number;
};

export type ItemStatistics = {
  itemVersionId: string;
  scored: boolean;
  answered: number;
  correct: number;
  unanswered: number;
  /** p = correct / answered. */
  difficulty: Measure;
  /** D = p(top 27%) − p(bottom 27%) by total score. */
  discrimination: Measure;
  /** r = (M1 − M0) / s × √(p(1 − p)), with s the population SD of totals. */
  pointBiserial: Measure;
  optionCounts: Record<string, number>;
  flags: ItemFlag[];
};

/**
 * Reliability of the scored totals, with what it was computed over. KR-20 needs every candidate to
 * have sat the same items; forms drawn at random from a pool do not share them, so there it is KR-21,
 * the coefficient of Lord's item-sampling model (see reliability below).
 */
export type Reliability = Measure & {
  method: "KR-20" | "KR-21";
  /** Candidates counted: those whose forms have `itemsPerForm` scored items. */
  candidates: number;
  itemsPerForm: number;
  /** Different sets of scored items among those candidates' forms. */
  forms: number;
  /** Candidates left out because their forms had another number of scored items (the blueprint changed). */
  leftOut: number;
};

/** Candidates with from ≤ total < to; the last bin also holds the top score. */
export type ScoreBin = { from: number; to: number; count: number };

export type ExamAnalysis = {
  candidates: number;
  items: ItemStatistics[];
  meanScore: Measure;
  /** Population standard deviation of totals. */
  scoreSd: Measure;
  /** KR-20 on one common form, KR-21 on random forms: see Reliability. */
  reliability: Reliability;
  histogram: ScoreBin[];
  passRate: Measure;
  meanSeconds: Measure;
};

/**
 * Statistics per item and for the form. Unanswered cells (null) are left out of an item's statistics,
 * as p = correct / answered says, so items on different forms can be analysed from one matrix; with
 * a complete matrix every statistic is the textbook one. The point-biserial uses the uncorrected
 * total (the item's own point included), as the reference formula does. Values are rounded to nine
 * decimals so a boundary case such as D = 0.6 − 0.4 compares as 0.20, not 0.19999….
 */
export function itemAnalysis(input: ItemAnalysisInput): ExamAnalysis {
  const { items, responses } = input;
  checkShape(input);
  const totals = input.totals ?? responses.map((row) => row.reduce<number>((sum, cell, index) => sum + (items[index]!.scored ? (cell ?? 0) : 0), 0));

  const statistics = items.map((item, index) => analyseItem(item, index, input, totals));
  const scoredCount = items.filter((item) => item.scored).length;
  return {
    candidates: responses.length,
    items: statistics,
    meanScore: totals.length === 0 ? missing("No candidate has taken the exam yet.") : known(mean(totals)),
    scoreSd: totals.length === 0 ? missing("No candidate has taken the exam yet.") : known(Math.sqrt(variance(totals))),
    reliability: reliability(input),
    histogram: histogram(totals, input.binWidth, input.maxScore ?? scoredCount),
    passRate: shareOf(input.passed),
    meanSeconds: meanTime(input.secondsTaken),
  };
}

function analyseItem(item: AnalysedItem, index: number, input: ItemAnalysisInput, totals: readonly number[]): ItemStatistics {
  const answers: Answer[] = [];
  input.responses.forEach((row, candidate) => {
    const cell = row[index];
    if (cell === 0 || cell === 1) answers.push({ score: cell, total: totals[candidate]!, order: candidate });
  });
  const correct = answers.filter((answer) => answer.score === 1).length;
  const difficulty = answers.length === 0 ? missing("No candidate has answered this item yet.") : known(correct / answers.length);
  const discrimination = upperLowerDifference(answers);
  const pointBiserial = pointBiserialOf(answers, difficulty);

  const flags: ItemFlag[] = [];
  if (difficulty.value !== null && (difficulty.value < THRESHOLDS.difficultyLow || difficulty.value > THRESHOLDS.difficultyHigh)) {
    flags.push("review difficulty");
  }
  if (discrimination.value !== null && discrimination.value < THRESHOLDS.discrimination) flags.push("poor discrimination");
  if (pointBiserial.value !== null && pointBiserial.value < THRESHOLDS.pointBiserial) flags.push("weak point-biserial");

  return {
    itemVersionId: item.itemVersionId,
    scored: item.scored,
    answered: answers.length,
    correct,
    unanswered: input.responses.length - answers.length,
    difficulty,
    discrimination,
    pointBiserial,
    optionCounts: optionCounts(item, index, input.selections),
    flags,
  };
}

type Answer = { score: 0 | 1; total: number; order: number };

/**
 * Top and bottom groups are the 27% of answering candidates with the highest and lowest totals
 * (rounded, at least one each). Ties at a group's edge are broken by candidate order, which keeps the
 * result repeatable; with many candidates the effect is negligible.
 */
function upperLowerDifference(answers: readonly Answer[]): Measure {
  if (answers.length < 2) return missing("Discrimination needs at least two candidates who answered the item.");
  if (variance(answers.map((answer) => answer.total)) === 0) {
    return missing("Every candidate who answered has the same total score, so there is no top or bottom group.");
  }
  const ranked = [...answers].sort((left, right) => right.total - left.total || left.order - right.order);
  const groupSize = Math.max(1, Math.round(THRESHOLDS.extremeGroupShare * ranked.length));
  const share = (group: readonly Answer[]) => group.filter((answer) => answer.score === 1).length / group.length;
  return known(share(ranked.slice(0, groupSize)) - share(ranked.slice(-groupSize)));
}

function pointBiserialOf(answers: readonly Answer[], difficulty: Measure): Measure {
  if (answers.length < 2 || difficulty.value === null) {
    return missing("The point-biserial needs at least two candidates who answered the item.");
  }
  const p = difficulty.value;
  if (p === 0 || p === 1) {
    return missing(`Every candidate who answered got this item ${p === 1 ? "right" : "wrong"}, so it cannot be related to total scores.`);
  }
  const totals = answers.map((answer) => answer.total);
  const sd = Math.sqrt(variance(totals));
  if (sd === 0) return missing("Every candidate who answered has the same total score, so the point-biserial is undefined.");
  const right = answers.filter((answer) => answer.score === 1).map((answer) => answer.total);
  const wrong = answers.filter((answer) => answer.score === 0).map((answer) => answer.total);
  return known(((mean(right) - mean(wrong)) / sd) * Math.sqrt(p * (1 - p)));
}

/**
 * Reliability over the scored items each candidate was delivered, an unanswered item counting as
 * wrong (as in the total). Only candidates whose forms have the same number k of scored items are
 * compared (the most common k; more items if two are as common), since a total out of 35 and one out
 * of 40 are not the same scale.
 *
 * - One form (every counted candidate sat the same scored items): KR-20 = k/(k−1) × (1 − Σpq / s²),
 *   p each item's share right among those candidates, s² the population variance of their totals.
 * - Random forms (the items differ between candidates): KR-20 has no common items to sum pq over;
 *   pooling p across forms with k = the pool size (what this did before) is not a reliability of any
 *   form. KR-21 = k/(k−1) × (1 − M(k − M) / (k s²)), M the mean total, is the reliability of Lord's
 *   item-sampling model (Lord 1955): each form a random sample of items from the pool, so differences
 *   in difficulty between forms are measurement error too. It needs only k, M and s², so it holds
 *   for random forms; on one form it is at most KR-20.
 */
function reliability({ items, responses, scoredOnForm }: ItemAnalysisInput): Reliability {
  const scoredSets = responses.map((_, candidate) => items.flatMap((item, index) => (item.scored && (scoredOnForm?.[candidate]?.[index] ?? true) ? [index] : [])));
  const byLength = new Map<number, number>();
  for (const set of scoredSets) byLength.set(set.length, (byLength.get(set.length) ?? 0) + 1);
  const [k = 0, counted = 0] = [...byLength].sort(([leftK, left], [rightK, right]) => right - left || rightK - leftK)[0] ?? [];
  const group = scoredSets.flatMap((set, candidate) => (set.length === k ? [candidate] : []));
  const forms = new Set(group.map((candidate) => scoredSets[candidate]!.join(","))).size;
  const basis = { method: forms > 1 ? ("KR-21" as const) : ("KR-20" as const), candidates: counted, itemsPerForm: k, forms, leftOut: responses.length - counted };
  const result = (measure: Measure): Reliability => ({ ...measure, ...basis });

  if (counted < 2) return result(missing(`${basis.method} needs at least two candidates${basis.leftOut ? ` whose forms have the same number of scored items` : ""}.`));
  if (k < 2) return result(missing(`${basis.method} needs at least two scored items on each form.`));
  const right = (candidate: number, index: number) => (responses[candidate]![index] === 1 ? 1 : 0);
  const totals = group.map((candidate) => scoredSets[candidate]!.reduce((sum, index) => sum + right(candidate, index), 0));
  const totalVariance = variance(totals);
  if (totalVariance === 0) return result(missing("Every candidate has the same total score, so reliability cannot be estimated."));
  if (basis.method === "KR-21") {
    const average = mean(totals);
    return result(known((k / (k - 1)) * (1 - (average * (k - average)) / (k * totalVariance))));
  }
  let sumPq = 0;
  for (const index of scoredSets[group[0]!]!) {
    const p = mean(group.map((candidate) => right(candidate, index)));
    sumPq += p * (1 - p);
  }
  return result(known((k / (k - 1)) * (1 - sumPq / totalVariance)));
}

function optionCounts(item: AnalysedItem, index: number, selections: ItemAnalysisInput["selections"]) {
  const counts: Record<string, number> = {};
  for (const optionId of item.optionIds ?? []) counts[optionId] = 0;
  for (const row of selections ?? []) {
    for (const optionId of row[index] ?? []) counts[optionId] = (counts[optionId] ?? 0) + 1;
  }
  return counts;
}

function histogram(totals: readonly number[], binWidth: number, maxScore: number): ScoreBin[] {
  if (!(binWidth > 0)) throw new Error(`The histogram's bin width must be more than 0; it is ${binWidth}.`);
  const binCount = Math.floor(maxScore / binWidth) + 1;
  const bins = Array.from({ length: binCount }, (_, bin) => ({ from: bin * binWidth, to: (bin + 1) * binWidth, count: 0 }));
  for (const total of totals) {
    const bin = Math.min(binCount - 1, Math.max(0, Math.floor(total / binWidth)));
    bins[bin]!.count += 1;
  }
  return bins;
}

function shareOf(passed: readonly boolean[] | undefined): Measure {
  if (!passed || passed.length === 0) return missing("No pass or fail results were given.");
  return known(passed.filter(Boolean).length / passed.length);
}

function meanTime(secondsTaken: readonly (number | null)[] | undefined): Measure {
  const recorded = (secondsTaken ?? []).filter((seconds): seconds is number => seconds !== null);
  if (recorded.length === 0) return missing("No attempt has a recorded time.");
  return known(mean(recorded));
}

function checkShape({ items, responses, scoredOnForm, totals, selections, passed, secondsTaken }: ItemAnalysisInput) {
  responses.forEach((row, candidate) => {
    if (row.length !== items.length) {
      throw new Error(`Candidate ${candidate + 1} has ${row.length} responses but there are ${items.length} items; every row needs one cell per item.`);
    }
  });
  const perCandidate = { scoredOnForm, totals, selections, passed, secondsTaken };
  for (const [name, list] of Object.entries(perCandidate)) {
    if (list && list.length !== responses.length) {
      throw new Error(`${name} has ${list.length} entries but there are ${responses.length} candidates.`);
    }
  }
}

function mean(values: readonly number[]) {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Population variance (divide by n), matching the reference's s and the pq terms of KR-20. */
function variance(values: readonly number[]) {
  const average = mean(values);
  return values.reduce((sum, value) => sum + (value - average) ** 2, 0) / values.length;
}

function known(value: number): Measure {
  return { value: Math.round(value * 1e9) / 1e9, reason: null };
}

function missing(reason: string): Measure {
  return { value: null, reason };
}
