// A trainee's transcript and a board's standing report as files: CSV text, the filters of the report,
// and file names. Pure: callers load the ledger and standings (models/progress.server.ts) and send the
// result; nothing here reads a database or the clock.
import { z } from "zod";
import { COURSE_DOMAIN_LABELS, minutesToHours, type CourseDomainKey } from "./course-domains";
import type { EligibilityVerdict } from "./eligibility";
import type { EntryKind, EntrySource, EntryStatus } from "./hour-entries";
import type { Requirement } from "./requirements";

/** One line of the hour ledger as a transcript shows it. */
export type TranscriptEntry = {
  occurredOn: Date;
  kind: EntryKind;
  source: EntrySource;
  courseDomain: string | null;
  /** Whole minutes, as the ledger keeps them; shown as hours to two decimals. */
  minutes: number;
  status: EntryStatus;
  description: string;
};

export const KIND_LABELS: Record<EntryKind, string> = {
  TRAINING: "Training",
  EXPERIENCE: "Experience",
  SUPERVISED: "Supervised practice",
  CONTINUING_EDUCATION: "Continuing education",
};

export const SOURCE_LABELS: Record<EntrySource, string> = {
  MODULE_COMPLETION: "PeerPath module",
  LIVE_SESSION: "Live session",
  LOGGED: "Logged practice",
  EXTERNAL_CERTIFICATE: "Training taken elsewhere",
};

export const STATUS_LABELS: Record<EntryStatus, string> = {
  APPROVED: "Approved",
  PENDING: "Waiting for review",
  CHANGES_REQUESTED: "Changes requested",
  REJECTED: "Rejected",
  VOIDED: "Void",
};

export const courseDomainLabel = (courseDomain: string | null) =>
  courseDomain === null ? "" : (COURSE_DOMAIN_LABELS[courseDomain as CourseDomainKey] ?? courseDomain);

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Oldest first; entries of one day keep the order they were given in. */
export function sortedEntries(entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  return [...entries].sort((a, b) => a.occurredOn.getTime() - b.occurredOn.getTime());
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180): fields separated by commas, records by CRLF; a field holding a comma, a quote or a
// line break is quoted, with quotes doubled.

// A spreadsheet runs a cell that starts with = + - @ (and, in some, a tab or carriage return) as a
// formula, so a description like "=HYPERLINK(...)" could act when a board member opens the file
// (OWASP "CSV injection"). A leading single quote makes the spreadsheet show the text as typed.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const guarded = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export const TRANSCRIPT_CSV_HEADER = ["Date", "Kind", "Source", "Course domain", "Hours", "Status", "Description"] as const;

/** The whole ledger, one entry a line, oldest first; the status column says which entries count. */
export function transcriptCsv(entries: readonly TranscriptEntry[]): string {
  return toCsv([
    TRANSCRIPT_CSV_HEADER,
    ...sortedEntries(entries).map((entry) => [
      isoDay(entry.occurredOn),
      KIND_LABELS[entry.kind],
      SOURCE_LABELS[entry.source],
      courseDomainLabel(entry.courseDomain),
      minutesToHours(entry.minutes),
      STATUS_LABELS[entry.status],
      entry.description,
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The board's standing report: one row per trainee and credential they pursue.

/** What a row of the report shows, computed from the eligibility verdict so every view agrees. */
export type StandingReportRow = {
  traineeId: string;
  name: string;
  email: string;
  credentialTypeId: string;
  credentialName: string;
  jurisdictionName: string;
  requirementVersion: number;
  trainingCounted: number;
  trainingRequired: number;
  experienceHours: number;
  experienceRequired: number;
  supervisedHours: number;
  supervisedRequired: number;
  eligible: boolean;
  /** What is still missing, in words, in the order of the requirement's items. */
  unmet: string[];
};

export function standingReportRow(
  trainee: { id: string; name: string; email: string },
  standing: {
    credentialTypeId: string;
    credentialName: string;
    jurisdictionName: string;
    requirementVersion: number;
    requirement: Requirement;
    verdict: EligibilityVerdict;
  },
): StandingReportRow {
  const { requirement, verdict } = standing;
  return {
    traineeId: trainee.id,
    name: trainee.name,
    email: trainee.email,
    credentialTypeId: standing.credentialTypeId,
    credentialName: standing.credentialName,
    jurisdictionName: standing.jurisdictionName,
    requirementVersion: standing.requirementVersion,
    trainingCounted: verdict.countedTrainingHours,
    trainingRequired: requirement.training.totalHours,
    experienceHours: verdict.experienceHours,
    experienceRequired: requirement.experience.hours,
    supervisedHours: verdict.supervisedHours,
    supervisedRequired: requirement.experience.supervisedHours,
    eligible: verdict.eligible,
    unmet: verdict.unmet,
  };
}

export const STANDING_CSV_HEADER = [
  "Name",
  "Email",
  "Jurisdiction",
  "Credential",
  "Requirement version",
  "Training hours counted",
  "Training hours required",
  "Experience hours",
  "Experience hours required",
  "Supervised hours",
  "Supervised hours required",
  "Eligible",
  "Missing",
] as const;

export function standingReportCsv(rows: readonly StandingReportRow[]): string {
  return toCsv([
    STANDING_CSV_HEADER,
    ...rows.map((row) => [
      row.name,
      row.email,
      row.jurisdictionName,
      row.credentialName,
      row.requirementVersion,
      row.trainingCounted,
      row.trainingRequired,
      row.experienceHours,
      row.experienceRequired,
      row.supervisedHours,
      row.supervisedRequired,
      row.eligible ? "Yes" : "No",
      row.unmet.join("; "),
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The report's filters, read from the URL so a filtered view can be bookmarked and downloaded.

export const STANDING_STATUSES = ["eligible", "not-yet"] as const;
export type StandingStatus = (typeof STANDING_STATUSES)[number];
export const STANDING_STATUS_LABELS: Record<StandingStatus, string> = { eligible: "Eligible", "not-yet": "Not yet eligible" };

export const SEARCH_MAX_LENGTH = 100;
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

// A malformed credential id or an unknown status is refused with a sentence, so a board member never
// mistakes another view (everyone, say) for the one asked. A long search is only shortened.
const StandingFiltersSchema = z.object({
  credential: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "That credential id is not valid. Choose a credential from the list.")
      .optional(),
  ),
  status: z.preprocess(
    blankToUndefined,
    z
      .enum(STANDING_STATUSES, {
        error: `That status is not valid. Choose ${STANDING_STATUSES.map((status) => STANDING_STATUS_LABELS[status]).join(" or ")} from the list, or any status.`,
      })
      .optional(),
  ),
  q: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .transform((value) => value.slice(0, SEARCH_MAX_LENGTH))
      .optional(),
  ),
});

export type StandingFilters = z.output<typeof StandingFiltersSchema>;

export function parseStandingFilters(
  params: URLSearchParams,
): { success: true; filters: StandingFilters } | { success: false; message: string } {
  const result = StandingFiltersSchema.safeParse({
    credential: params.get("credential") ?? undefined,
    status: params.get("status") ?? undefined,
    q: params.get("q") ?? undefined,
  });
  if (result.success) return { success: true, filters: result.data };
  return { success: false, message: result.error.issues[0]?.message ?? "These filters could not be read." };
}

/** The filters as a query string (without the page), for the CSV link and the pager. */
export function standingFilterQuery(filters: StandingFilters): string {
  const params = new URLSearchParams();
  if (filters.credential) params.set("credential", filters.credential);
  if (filters.status) params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function matchesStatus(eligible: boolean, status: StandingStatus | undefined): boolean {
  if (!status) return true;
  return status === "eligible" ? eligible : !eligible;
}

// ---------------------------------------------------------------------------------------------
// File names.

// Latin letters that are not a base letter plus marks, so taking the marks off leaves them as they are.
const LATIN_LETTERS: Record<string, string> = {
  ł: "l",
  Ł: "L",
  ø: "o",
  Ø: "O",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  ħ: "h",
  Ħ: "H",
  ŧ: "t",
  Ŧ: "T",
  ı: "i",
  ß: "ss",
  ẞ: "SS",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  þ: "th",
  Þ: "Th",
};

const LATIN_LETTER = new RegExp(`[${Object.keys(LATIN_LETTERS).join("")}]`, "g");

/** Letters without their accents and marks, and Latin ones in plain ASCII: "Łukasz Żółć" → "Lukasz Zolc". */
export function withoutMarks(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(LATIN_LETTER, (letter) => LATIN_LETTERS[letter]!);
}

/** "transcript-tara-trainee-2025-03-01.pdf": ASCII only, so every browser saves it as named. */
export function downloadFilename(parts: readonly string[], day: Date, extension: string): string {
  const slug = withoutMarks(parts.join(" "))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "download"}-${isoDay(day)}.${extension}`;
}
