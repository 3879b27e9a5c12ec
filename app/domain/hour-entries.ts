// Rules for hours a trainee logs or claims, and for who may decide on them. Pure: callers pass the
// entry, the actor and the day's existing minutes; nothing here reads a database or the clock.
import { z } from "zod";
import { COURSE_DOMAIN_KEYS, hoursToMinutes } from "./course-domains";
import { formHours } from "./form-numbers";
import type { RoleGrant } from "./roles";

export const MAX_MINUTES_PER_DAY = 24 * 60;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Days on or after this one only, with the sentence that says why (see pastDay). */
export type EarliestDay = { day: Date; message: string };

/**
 * A calendar day from a form (YYYY-MM-DD), not in the future and not absurdly old, nor before
 * `earliest` when given. Each check aborts the rest, so a bad date gets one message: the first that
 * applies (zod 4 would otherwise run every refinement after a failed one).
 */
export function pastDay(today: Date, earliest?: EarliestDay) {
  const day = z
    .string({ error: "Enter the date" })
    .trim()
    .min(1, { error: "Enter the date", abort: true })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter the date as YYYY-MM-DD", abort: true })
    // Date.parse rolls 2026-02-31 over to 3 March; a real date reads back unchanged.
    .refine(
      (value) => {
        const time = Date.parse(`${value}T00:00:00Z`);
        return !Number.isNaN(time) && isoDay(new Date(time)) === value;
      },
      { error: "Enter a real date", abort: true },
    )
    .refine((value) => value <= isoDay(today), { error: "The date cannot be in the future", abort: true });
  const notTooEarly = earliest ? day.refine((value) => value >= isoDay(earliest.day), { error: earliest.message, abort: true }) : day;
  return notTooEarly
    .refine((value) => value >= "1990-01-01", { error: "The date must be in 1990 or later", abort: true })
    .transform((value) => new Date(`${value}T00:00:00Z`));
}

const hours = (max: number) =>
  formHours(
    z
      .number()
      .positive({ error: "Hours must be more than 0", abort: true })
      .max(max, { error: `Hours must be at most ${max}`, abort: true })
      .refine((value) => Number.isInteger(value * 4), "Use quarter hours (0.25, 0.5, 0.75, ...)"),
  );

/** Experience or supervised practice hours a trainee logs for a supervisor to approve. */
export const practiceHoursSchema = (today: Date) =>
  z.object({
    kind: z.enum(["EXPERIENCE", "SUPERVISED"], { error: "Choose experience or supervised hours" }),
    occurredOn: pastDay(today),
    hours: hours(24),
    setting: z.string({ error: "Say where you worked" }).trim().min(2, "Say where you worked").max(200),
    description: z.string({ error: "Describe the work briefly" }).trim().min(5, "Describe the work in a few words").max(1000),
    supervisorId: z.string({ error: "Choose your supervisor" }).min(1, "Choose your supervisor").max(40),
  });

/** Training taken elsewhere, claimed with a certificate for a jurisdiction's board to review. */
export const externalTrainingSchema = (today: Date) =>
  z.object({
    occurredOn: pastDay(today),
    hours: hours(200),
    // "None or several" posts an empty choice: the hours then count toward totals only.
    courseDomain: z.preprocess(
      (value) => (value === "" ? null : value),
      z.enum(COURSE_DOMAIN_KEYS, { error: "Choose the domain the training covered, or None or several" }).nullable(),
    ),
    provider: z.string({ error: "Name the training provider" }).trim().min(2, "Name the training provider").max(200),
    description: z.string({ error: "Name the course" }).trim().min(3, "Name the course").max(1000),
    jurisdictionId: z.string({ error: "Choose the board to review it" }).min(1, "Choose the board to review it").max(40),
  });

/** A sentence when the new minutes would make more than 24 hours on one day; null when fine. */
export function dailyLimitProblem(minutesAlreadyThatDay: number, newMinutes: number): string | null {
  if (minutesAlreadyThatDay + newMinutes <= MAX_MINUTES_PER_DAY) return null;
  const left = Math.max(0, MAX_MINUTES_PER_DAY - minutesAlreadyThatDay) / 60;
  return `That would make more than 24 hours on one day: you have already logged ${minutesAlreadyThatDay / 60} hours that day, so at most ${left} more.`;
}

export { hoursToMinutes };

export type EntryStatus = "PENDING" | "APPROVED" | "REJECTED" | "CHANGES_REQUESTED" | "VOIDED";
export type EntryKind = "TRAINING" | "EXPERIENCE" | "SUPERVISED" | "CONTINUING_EDUCATION";
export type EntrySource = "MODULE_COMPLETION" | "LIVE_SESSION" | "LOGGED" | "EXTERNAL_CERTIFICATE";
export type Decision = "approve" | "reject" | "request-changes";

export type EntryForReview = {
  traineeId: string;
  status: EntryStatus;
  source: EntrySource;
  supervisorId: string | null;
  reviewJurisdictionId: string | null;
};

/**
 * Who may decide on a pending entry: the supervisor the trainee named (for logged practice hours) or
 * a board member of the jurisdiction asked to review (for training taken elsewhere). Never the
 * trainee themself, even one who is also a supervisor or board member.
 */
export function reviewProblem(entry: EntryForReview, actor: { id: string; grants: readonly RoleGrant[] }): string | null {
  if (actor.id === entry.traineeId) return "You cannot approve or reject your own hours.";
  if (entry.status !== "PENDING") return "This entry is no longer waiting for a decision.";
  if (entry.source === "LOGGED") {
    const isSupervisor = actor.grants.some((grant) => grant.role === "SUPERVISOR");
    return isSupervisor && entry.supervisorId === actor.id ? null : "Only the supervisor the trainee named can decide on these hours.";
  }
  if (entry.source === "EXTERNAL_CERTIFICATE") {
    const onBoard = actor.grants.some((grant) => grant.role === "BOARD_MEMBER" && grant.jurisdictionId === entry.reviewJurisdictionId);
    return onBoard ? null : "Only a board member of the jurisdiction asked to review this training can decide on it.";
  }
  return "These hours are credited automatically and are not reviewed.";
}

export const DECISION_STATUS: Record<Decision, EntryStatus> = {
  approve: "APPROVED",
  reject: "REJECTED",
  "request-changes": "CHANGES_REQUESTED",
};

/**
 * The jurisdictions whose boards oversee an entry: each one the trainee works toward, has applied to or
 * holds a credential of, and for a claim the one asked to review that claim (that entry only: being
 * asked to review one claim opens none of the trainee's other entries). Hours count toward every
 * credential, so a board tied to the trainee may act on them; a board with no tie to them may not.
 */
export type EntryOversight = { reviewJurisdictionId: string | null; traineeJurisdictionIds: readonly string[] };

function oversees(actor: Actor, oversight: EntryOversight): boolean {
  return actor.grants.some(
    (grant) =>
      grant.role === "ADMIN" ||
      (grant.role === "BOARD_MEMBER" &&
        grant.jurisdictionId !== null &&
        (grant.jurisdictionId === oversight.reviewJurisdictionId || oversight.traineeJurisdictionIds.includes(grant.jurisdictionId))),
  );
}

/** Voiding keeps the entry and its history but stops it counting. A reason is always required. */
export function voidProblem(entry: { traineeId: string; status: EntryStatus }, actor: Actor, oversight: EntryOversight): string | null {
  if (entry.status === "VOIDED") return "This entry is already void.";
  // Your own hours first: an official who is also a trainee is a trainee here, as for decisions.
  if (actor.id === entry.traineeId) {
    return entry.status === "PENDING" || entry.status === "CHANGES_REQUESTED"
      ? null
      : "Decided hours can be voided only by a board member or an administrator, never by the person whose hours they are.";
  }
  if (oversees(actor, oversight)) return null;
  return holds(actor, "BOARD_MEMBER")
    ? "Only a board member of a jurisdiction this trainee works toward, applied to or holds a credential of can void their hours."
    : "You cannot void another person's hours.";
}

// ---------------------------------------------------------------------------------------------
// Decisions, resubmission and voiding as forms.

type Actor = { id: string; grants: readonly RoleGrant[] };

/** Supervisors may send logged hours back for changes; a board approves or rejects a certificate. */
export const DECISIONS_FOR_SOURCE: Partial<Record<EntrySource, readonly Decision[]>> = {
  LOGGED: ["approve", "request-changes", "reject"],
  EXTERNAL_CERTIFICATE: ["approve", "reject"],
};

const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value ?? null),
    z.string().trim().max(max, `Keep it under ${max} characters`).nullable(),
  );

/** A reviewer's decision; rejecting or asking for changes needs a comment the trainee can act on. */
export const decisionSchema = (allowed: readonly Decision[]) =>
  z
    .object({
      entryId: z.string({ error: "Choose an entry" }).min(1, "Choose an entry").max(40),
      decision: z
        .enum(["approve", "reject", "request-changes"], { error: "Choose a decision" })
        .refine((decision) => allowed.includes(decision), "Choose one of the decisions offered"),
      comment: optionalText(1000),
    })
    .superRefine((value, context) => {
      if (value.decision !== "approve" && !value.comment) {
        context.addIssue({
          code: "custom",
          path: ["comment"],
          message:
            value.decision === "reject"
              ? "Say why you are rejecting these hours, so the trainee knows what to do next"
              : "Say what needs to change, so the trainee can correct it",
        });
      }
    });

/** What a trainee may correct after "changes requested": not the kind, not the supervisor. */
export const resubmissionSchema = (today: Date) =>
  practiceHoursSchema(today)
    .pick({ occurredOn: true, hours: true, setting: true, description: true })
    .extend({ comment: optionalText(1000) });

export const voidSchema = z.object({
  reason: z
    .string({ error: "Give the reason for voiding these hours" })
    .trim()
    .min(5, "Give the reason for voiding these hours in a few words")
    .max(1000, "Keep the reason under 1000 characters"),
});

// ---------------------------------------------------------------------------------------------
// Who may see an entry and the certificate behind it.

const holds = (actor: Actor, role: RoleGrant["role"]) => actor.grants.some((grant) => grant.role === role);

/** The trainee, the supervisor they named, the boards overseeing the entry (EntryOversight) and administrators. */
export function canViewEntry(entry: { traineeId: string; supervisorId: string | null }, viewer: Actor, oversight: EntryOversight): boolean {
  if (viewer.id === entry.traineeId) return true;
  if (entry.supervisorId === viewer.id && holds(viewer, "SUPERVISOR")) return true;
  return oversees(viewer, oversight);
}

/**
 * The way back from an entry's page to where its viewer reached it from: the board application it was
 * opened from (when the viewer boards that application's jurisdiction and it is the same trainee's),
 * else by their part in it: the trainee's hours, the named supervisor's queue, or the reviewing board's
 * external training. None for anyone else (an administrator, say).
 */
export function entryBackLink(
  entry: { traineeId: string; supervisorId: string | null; reviewJurisdictionId: string | null },
  viewer: Actor,
  fromApplication: { id: string; traineeId: string; jurisdictionId: string } | null = null,
): { to: string; label: string } | null {
  const boards = (jurisdictionId: string | null) =>
    viewer.grants.some((grant) => grant.role === "BOARD_MEMBER" && grant.jurisdictionId !== null && grant.jurisdictionId === jurisdictionId);
  if (fromApplication && fromApplication.traineeId === entry.traineeId && boards(fromApplication.jurisdictionId)) {
    return { to: `/board/applications/${fromApplication.id}`, label: "Back to the application" };
  }
  if (viewer.id === entry.traineeId) return { to: "/hours", label: "Back to your hours" };
  if (entry.supervisorId === viewer.id && holds(viewer, "SUPERVISOR")) return { to: "/supervisor", label: "Back to Supervision" };
  return boards(entry.reviewJurisdictionId) ? { to: "/board/external-training", label: "Back to External training" } : null;
}

/**
 * The reviewer's word on hours sent back or turned down, to show above the entry: who decided, what,
 * and the comment they gave. The reviewer is whoever made the decision the entry is in, from its
 * history (the named supervisor, or for training taken elsewhere a board member). Null otherwise.
 */
export function reviewNoticeFor(
  entry: { status: EntryStatus; reviewComment: string | null },
  history: readonly { toStatus: string; actor: { name: string } | null }[],
): { lead: string; comment: string | null } | null {
  if (entry.status !== "CHANGES_REQUESTED" && entry.status !== "REJECTED") return null;
  const decision = history.findLast((event) => event.toStatus === entry.status);
  const reviewer = decision?.actor?.name ?? "The reviewer";
  const lead = entry.status === "REJECTED" ? `${reviewer} rejected these hours` : `${reviewer} asked for changes`;
  return entry.reviewComment ? { lead: `${lead}:`, comment: entry.reviewComment } : { lead: `${lead}.`, comment: null };
}

/** The owner, administrators, and board members of a jurisdiction asked to review an entry using it. */
export function canViewDocument(document: { ownerId: string; reviewJurisdictionIds: readonly (string | null)[] }, viewer: Actor): boolean {
  if (viewer.id === document.ownerId || holds(viewer, "ADMIN")) return true;
  return viewer.grants.some(
    (grant) => grant.role === "BOARD_MEMBER" && grant.jurisdictionId !== null && document.reviewJurisdictionIds.includes(grant.jurisdictionId),
  );
}

// ---------------------------------------------------------------------------------------------
// Certificates for training taken elsewhere.

export const MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024;

/** The only types accepted, by the type sniffed from the file's bytes, with the names' extensions that go with each. */
export const CERTIFICATE_TYPES: Record<string, { label: string; extensions: readonly string[] }> = {
  "application/pdf": { label: "a PDF", extensions: ["pdf"] },
  "image/png": { label: "a PNG image", extensions: ["png"] },
  "image/jpeg": { label: "a JPEG image", extensions: ["jpg", "jpeg"] },
};

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** What an upload is called in the messages about it, and what to say when no file was chosen. */
export type UploadSubject = { noun: string; chooseFile: string };

/** A certificate of training taken elsewhere (the claim form on /hours). */
export const CERTIFICATE_UPLOAD: UploadSubject = { noun: "certificate", chooseFile: "Choose the certificate file to upload (a PDF, PNG or JPEG)." };

/** A document attached to a credential application, named by the kind chosen for it ("Letter of recommendation"). */
export const applicationDocumentUpload = (kindLabel: string): UploadSubject => ({
  noun: "document",
  chooseFile: `Choose a file to upload for “${kindLabel}” (a PDF, PNG or JPEG).`,
});

/**
 * Why an uploaded certificate (or other document, as `subject` says) is refused, or null. The type
 * comes from the bytes (sniffed by the caller), never from the browser's claim, and the file's name
 * must agree with it: a PNG named .pdf, or a program renamed .pdf, is refused.
 */
export function certificateProblem(
  file: { filename: string; sizeBytes: number; sniffedMimeType: string | null },
  subject: UploadSubject = CERTIFICATE_UPLOAD,
): string | null {
  if (!file.filename && file.sizeBytes === 0) return subject.chooseFile;
  const name = `“${file.filename || "The file"}”`;
  if (file.sizeBytes === 0) return `${name} is empty. Choose the ${subject.noun} file again.`;
  if (file.sizeBytes > MAX_CERTIFICATE_BYTES) {
    return `${name} is ${megabytes(file.sizeBytes)}; ${subject.noun}s can be at most 5 MB. Upload a smaller scan or photo.`;
  }
  const type = file.sniffedMimeType ? CERTIFICATE_TYPES[file.sniffedMimeType] : undefined;
  if (!type) return `${name} is not a PDF, PNG or JPEG file, whatever its name says. Save the ${subject.noun} as a PDF, PNG or JPEG and upload that.`;
  const extension = /\.([A-Za-z0-9]+)$/.exec(file.filename)?.[1]?.toLowerCase() ?? null;
  if (extension && type.extensions.includes(extension)) return null;
  const expected = type.extensions.map((ext) => `.${ext}`).join(" or ");
  return extension
    ? `${name} is really ${type.label}, but its name ends in .${extension}. Rename it to end in ${expected}, or upload the file its name promises.`
    : `${name} has no extension. It is ${type.label}: rename it to end in ${expected}.`;
}

// ---------------------------------------------------------------------------------------------
// Words for the pages.

export const KIND_LABELS: Record<EntryKind, string> = {
  TRAINING: "Training",
  EXPERIENCE: "Experience",
  SUPERVISED: "Supervised practice",
  CONTINUING_EDUCATION: "Continuing education",
};

export const SOURCE_LABELS: Record<EntrySource, string> = {
  MODULE_COMPLETION: "Course module",
  LIVE_SESSION: "Live session",
  LOGGED: "Logged practice",
  EXTERNAL_CERTIFICATE: "Training taken elsewhere",
};

export const STATUS_LABELS: Record<EntryStatus, string> = {
  PENDING: "Waiting for review",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  CHANGES_REQUESTED: "Changes requested",
  VOIDED: "Void",
};

/** The history's actions (LedgerEntryEvent.action), as the entry page shows them. */
export const EVENT_LABELS: Record<string, string> = {
  created: "Recorded",
  approved: "Approved",
  rejected: "Rejected",
  "changes-requested": "Asked for changes",
  resubmitted: "Corrected and resubmitted",
  voided: "Voided",
};

export const formatDay = (date: Date | string) => (typeof date === "string" ? date : date.toISOString()).slice(0, 10);
