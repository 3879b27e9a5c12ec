// A modified-Angoff study's ratings as a board pastes them from a spreadsheet or types them: one row per
// judge, one rating per scored item of the reference form. Pure: exam-definition.server.ts reads the form.
import { angoffCut, type PassRule } from "./exam-scoring";

/**
 * `judges`: each row's name as given, or "Judge 2" (its place among the judges) for a row without one.
 * `names`: the names as given, null for a row without one: what the pass rule keeps.
 */
export type AngoffReading = { judges: string[]; names: (string | null)[]; ratings: number[][]; judgeSums: number[]; cut: number } | { problems: string[] };

export type AngoffRule = Extract<PassRule, { kind: "angoff" }>;

/** Long enough for a full name and a title, short enough to show in a table cell. */
export const JUDGE_NAME_MAX_LENGTH = 100;
// Control characters, and the bidirectional overrides and isolates that make text display in another
// order than it is stored: an audited name must read as what was typed.
const CONTROL_CHARACTER = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** What is wrong with a judge's name, completing "Judge 2 (line 3) …", or null when it may be kept. */
export function judgeNameProblem(name: string): string | null {
  if (CONTROL_CHARACTER.test(name)) return "has an invisible control character in the name, often left by copying from another program; retype the name";
  const length = [...name].length;
  if (length > JUDGE_NAME_MAX_LENGTH) return `has a name of ${length} characters; shorten it to ${JUDGE_NAME_MAX_LENGTH} or fewer`;
  return null;
}

/** How a judge is labelled: the name given, or "Judge 2" (the judge's place) for a judge without one. */
export const judgeLabel = (name: string | null | undefined, index: number) => name ?? `Judge ${index + 1}`;

/** The pass rule a study saves. Names are kept only when a judge has one, so an unnamed study saves as it always did. */
export function angoffRule(ratings: number[][], names: readonly (string | null)[]): AngoffRule {
  return names.some((name) => name !== null) ? { kind: "angoff", ratings, judgeNames: [...names] } : { kind: "angoff", ratings };
}

/** Each judge of a saved study, labelled, with the sum of the judge's ratings. */
export function angoffJudges(rule: AngoffRule): { name: string; sum: number }[] {
  return rule.ratings.map((row, index) => ({ name: judgeLabel(rule.judgeNames?.[index], index), sum: row.reduce((sum, value) => sum + value, 0) }));
}

const RATING = /^[-+]?(\d+\.?\d*|\.\d+)$/;
// "70%" counts as a rating, not a name, so it is reported as one rather than skipped.
const RATING_OR_PERCENT = /^[-+]?(\d+\.?\d*|\.\d+)%?$/;
const CELL_SEPARATORS = /[,;\t]/;
// "0,7" as a spreadsheet in a decimal-comma locale writes 0.7.
const DECIMAL_COMMA = /^[-+]?\d*,\d+%?$/;

/**
 * A row's cells. A row with commas, semicolons or tabs (as a spreadsheet copies it) is split at those,
 * so a judge's name may hold spaces ("Maria Lopez"); ratings are then also split at spaces, so a row
 * that mixes the two ("Ann, 0.5 0.6") reads as it looks. A row with none is split at spaces.
 *
 * A row separated by semicolons or tabs whose cells hold decimal commas ("Ann; 0,7; 0,65", as
 * spreadsheets in many locales write it) is not split at its commas: they are decimal commas and read
 * as points. A row separated by commas alone cannot be told apart ("0,7, 0,6"), so it is split at them
 * and readAngoffRatings explains what went wrong if a rating comes out above 1.
 *
 * Before the first semicolon or tab, a name may hold a comma ("Lopez, Maria; 0.5; 1"); a first cell
 * that reads as a name then ratings ("Ann, 0.5; 0.6") is still split at its commas.
 */
function cellsOf(row: string): { cells: string[]; bySpaces: boolean; byCommas: boolean } {
  const bySpaces = !CELL_SEPARATORS.test(row);
  const words = (cell: string) => cell.split(/\s+/).filter((word) => word !== "");
  if (bySpaces) return { cells: words(row), bySpaces, byCommas: false };
  const outer = row.split(/\s*[;\t]\s*/).filter((cell) => cell !== "");
  const bySemicolons = /[;\t]/.test(row);
  const decimalCommas = bySemicolons && outer.some((cell) => words(cell).some((word) => DECIMAL_COMMA.test(word)));
  const commaParts = (cell: string) => cell.split(/\s*,\s*/).filter((part) => part !== "");
  const allRatings = (cell: string) => words(cell).every((word) => RATING_OR_PERCENT.test(word));
  const leading = bySemicolons ? commaParts(outer[0] ?? "") : [];
  const nameWithComma = leading.length > 1 && !allRatings(leading[0]!) && !leading.slice(1).every(allRatings);
  const [first = "", ...rest] = decimalCommas
    ? outer
    : nameWithComma
      ? [outer[0]!, ...outer.slice(1).flatMap(commaParts)]
      : row.split(/\s*[,;\t]\s*/).filter((cell) => cell !== "");
  const pointed = (word: string) => (decimalCommas && DECIMAL_COMMA.test(word) ? word.replace(",", ".") : word);
  // The first cell is a name unless every word of it is a rating.
  const head = words(first).every((word) => RATING_OR_PERCENT.test(pointed(word))) ? words(first) : [first];
  return { cells: [...head, ...rest.flatMap(words)].map(pointed), bySpaces, byCommas: !decimalCommas && row.includes(",") };
}

/**
 * Judges' ratings from pasted rows: one row per judge, one rating per scored item of the reference
 * form. A first cell that is not a number is the judge's name, kept to label the judge's sum; blank
 * lines and lines starting with # are ignored. Ratings are chances from 0 to 1.
 */
export function readAngoffRatings(text: string, itemCount: number): AngoffReading {
  const problems: string[] = [];
  const ratings: number[][] = [];
  const names: (string | null)[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const { cells, bySpaces, byCommas } = cellsOf(trimmed);
    const named = cells.length > 0 && !RATING_OR_PERCENT.test(cells[0]!);
    const name = named ? cells.shift()!.replace(/\s+/g, " ") : null;
    const where = `Judge ${ratings.length + 1} (line ${index + 1})`;
    const nameProblem = name === null ? null : judgeNameProblem(name);
    if (nameProblem) problems.push(`${where} ${nameProblem}.`);
    const values = cells.map(Number);
    const badAt = cells.findIndex((cell) => !RATING.test(cell));
    if (badAt !== -1) {
      const bad = cells[badAt]!;
      // "Maria Lopez 0.5 0.6" split at spaces leaves "Lopez" where the first rating should be.
      const nameHint =
        named && bySpaces && badAt === 0 ? ` If "${bad}" is part of the judge's name, separate the name and the ratings with commas or tabs.` : "";
      problems.push(`${where} has "${bad}", which is not a number; ratings are chances from 0 to 1, such as 0.65.${nameHint}`);
    } else if (values.some((value) => value > 1 && value <= 100)) {
      // "0,7, 0,65" split at its commas gives 0, 7, 0, 65: a rating of exactly 0 beside ratings above 1.
      problems.push(
        byCommas && cells.some((cell) => /^0+$/.test(cell))
          ? `${where} has a rating above 1, which looks like a decimal written with a comma (0,7) split at that comma; write 0.7 with a point, not 0,7, or separate the ratings with semicolons or tabs.`
          : `${where} has a rating above 1; ratings are chances from 0 to 1, so write 0.7 rather than 70.`,
      );
    } else if (values.some((value) => value < 0 || value > 1)) {
      problems.push(`${where} has a rating outside 0 to 1; ratings are chances from 0 to 1.`);
    } else if (values.length !== itemCount) {
      problems.push(`${where} rated ${values.length} item${values.length === 1 ? "" : "s"}, but the blueprint puts ${itemCount} scored items on a form; every judge rates each of them.`);
    }
    ratings.push(values);
    names.push(name);
  });
  if (ratings.length === 0 && problems.length === 0) problems.push("Enter at least one judge's ratings: one row per judge, one rating per scored item.");
  if (problems.length) return { problems };
  const judgeSums = ratings.map((row) => row.reduce((sum, value) => sum + value, 0));
  return { judges: names.map(judgeLabel), names, ratings, judgeSums, cut: angoffCut(ratings) };
}

/**
 * A saved study as rows for the text box, one judge per line, each judge's name first when one was
 * saved, so saving the form again keeps the names. A name holding a comma ("Lopez, Maria") is
 * followed by semicolons, which readAngoffRatings keeps whole.
 */
export function ratingsText({ ratings, judgeNames }: { ratings: readonly (readonly number[])[]; judgeNames?: readonly (string | null)[] }) {
  return ratings
    .map((row, index) => {
      const name = judgeNames?.[index] ?? null;
      if (name === null) return row.join(", ");
      return [name, ...row].join(name.includes(",") ? "; " : ", ");
    })
    .join("\n");
}
