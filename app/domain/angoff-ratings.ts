// A modified-Angoff study's ratings as a board pastes them from a spreadsheet or types them: one row per
// judge, one rating per scored item of the reference form. Pure: exam-definition.server.ts reads the form.
import { angoffCut } from "./exam-scoring";

/** `judges`: each row's name as given, or "Judge 2" (its place among the judges) for a row without one. */
export type AngoffReading = { judges: string[]; ratings: number[][]; judgeSums: number[]; cut: number } | { problems: string[] };

const RATING = /^[-+]?(\d+\.?\d*|\.\d+)$/;
// "70%" counts as a rating, not a name, so it is reported as one rather than skipped.
const RATING_OR_PERCENT = /^[-+]?(\d+\.?\d*|\.\d+)%?$/;
const CELL_SEPARATORS = /[,;\t]/;

/**
 * A row's cells. A row with commas, semicolons or tabs (as a spreadsheet copies it) is split at those,
 * so a judge's name may hold spaces ("Maria Lopez"); ratings are then also split at spaces, so a row
 * that mixes the two ("Ann, 0.5 0.6") reads as it looks. A row with none is split at spaces.
 */
function cellsOf(row: string): { cells: string[]; bySpaces: boolean } {
  const bySpaces = !CELL_SEPARATORS.test(row);
  if (bySpaces) return { cells: row.split(/\s+/).filter((cell) => cell !== ""), bySpaces };
  const [first = "", ...rest] = row.split(/\s*[,;\t]\s*/).filter((cell) => cell !== "");
  const words = (cell: string) => cell.split(/\s+/).filter((word) => word !== "");
  // The first cell is a name unless every word of it is a rating.
  const head = words(first).every((word) => RATING_OR_PERCENT.test(word)) ? words(first) : [first];
  return { cells: [...head, ...rest.flatMap(words)], bySpaces };
}

/**
 * Judges' ratings from pasted rows: one row per judge, one rating per scored item of the reference
 * form. A first cell that is not a number is the judge's name, kept to label the judge's sum; blank
 * lines and lines starting with # are ignored. Ratings are chances from 0 to 1.
 */
export function readAngoffRatings(text: string, itemCount: number): AngoffReading {
  const problems: string[] = [];
  const ratings: number[][] = [];
  const judges: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const { cells, bySpaces } = cellsOf(trimmed);
    const named = cells.length > 0 && !RATING_OR_PERCENT.test(cells[0]!);
    const name = named ? cells.shift()!.replace(/\s+/g, " ") : `Judge ${ratings.length + 1}`;
    const where = `Judge ${ratings.length + 1} (line ${index + 1})`;
    const values = cells.map(Number);
    const badAt = cells.findIndex((cell) => !RATING.test(cell));
    if (badAt !== -1) {
      const bad = cells[badAt]!;
      // "Maria Lopez 0.5 0.6" split at spaces leaves "Lopez" where the first rating should be.
      const nameHint =
        named && bySpaces && badAt === 0 ? ` If "${bad}" is part of the judge's name, separate the name and the ratings with commas or tabs.` : "";
      problems.push(`${where} has "${bad}", which is not a number; ratings are chances from 0 to 1, such as 0.65.${nameHint}`);
    } else if (values.some((value) => value > 1 && value <= 100)) {
      problems.push(`${where} has a rating above 1; ratings are chances from 0 to 1, so write 0.7 rather than 70.`);
    } else if (values.some((value) => value < 0 || value > 1)) {
      problems.push(`${where} has a rating outside 0 to 1; ratings are chances from 0 to 1.`);
    } else if (values.length !== itemCount) {
      problems.push(`${where} rated ${values.length} item${values.length === 1 ? "" : "s"}, but the blueprint puts ${itemCount} scored items on a form; every judge rates each of them.`);
    }
    ratings.push(values);
    judges.push(name);
  });
  if (ratings.length === 0 && problems.length === 0) problems.push("Enter at least one judge's ratings: one row per judge, one rating per scored item.");
  if (problems.length) return { problems };
  const judgeSums = ratings.map((row) => row.reduce((sum, value) => sum + value, 0));
  return { judges, ratings, judgeSums, cut: angoffCut(ratings) };
}

/** Ratings as rows for the text box, one judge per line. */
export const ratingsText = (ratings: readonly (readonly number[])[]) => ratings.map((row) => row.join(", ")).join("\n");
