// A credential application's rules: who may move it where, what a trainee enters in it, and when it
// may be submitted. Pure: the caller passes the eligibility verdict and the requirement.
import { z } from "zod";
import type { EligibilityVerdict } from "./eligibility";
import { formWholeNumber, wholeNumberMessages } from "./form-numbers";
import { documentKindLabel, type Requirement } from "./requirements";

export const APPLICATION_STATUSES = ["DRAFT", "SUBMITTED", "IN_REVIEW", "MORE_INFO_REQUESTED", "APPROVED", "DENIED", "WITHDRAWN"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  IN_REVIEW: "In review",
  MORE_INFO_REQUESTED: "More information requested",
  APPROVED: "Approved",
  DENIED: "Denied",
  WITHDRAWN: "Withdrawn",
};

/** Statuses a board filters its queue by; drafts are the trainee's own business. */
export const QUEUE_STATUSES = ["SUBMITTED", "IN_REVIEW", "MORE_INFO_REQUESTED", "APPROVED", "DENIED"] as const satisfies readonly ApplicationStatus[];
/**
 * Statuses in which an application waits for the board. A trainee's answer to a request for more
 * information resubmits it (SUBMITTED again); while the request is unanswered it waits for the trainee.
 */
export const AWAITING_BOARD_STATUSES = ["SUBMITTED", "IN_REVIEW"] as const satisfies readonly QueueStatus[];

export type QueueStatus = (typeof QUEUE_STATUSES)[number];
/** The queue's status filter as the address says it: empty for waiting for the board (the default), "all", or one status. */
export type QueueView = "" | "all" | QueueStatus;

/** The statuses a queue view lists. */
export function queueStatuses(view: QueueView): readonly QueueStatus[] {
  if (view === "") return AWAITING_BOARD_STATUSES;
  if (view === "all") return QUEUE_STATUSES;
  return [view];
}

/** Statuses in which the trainee may still change the evidence. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ["DRAFT", "MORE_INFO_REQUESTED"];
/** Statuses an application is open in: at most one open application per trainee and credential. */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ["DRAFT", "SUBMITTED", "IN_REVIEW", "MORE_INFO_REQUESTED"];

export type ReviewAction = "start-review" | "request-info" | "approve" | "deny";

/** Where each board action may be taken from, and where it leads. */
const REVIEW_TRANSITIONS: Record<ReviewAction, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  "start-review": { from: ["SUBMITTED"], to: "IN_REVIEW" },
  "request-info": { from: ["SUBMITTED", "IN_REVIEW"], to: "MORE_INFO_REQUESTED" },
  approve: { from: ["SUBMITTED", "IN_REVIEW"], to: "APPROVED" },
  deny: { from: ["SUBMITTED", "IN_REVIEW", "MORE_INFO_REQUESTED"], to: "DENIED" },
};

export function reviewTransition(status: ApplicationStatus, action: ReviewAction): { ok: true; to: ApplicationStatus } | { ok: false; message: string } {
  const rule = REVIEW_TRANSITIONS[action];
  if (rule.from.includes(status)) return { ok: true, to: rule.to };
  if (status === "APPROVED") return { ok: false, message: "This application is already approved; its credential has been issued." };
  if (status === "DENIED") return { ok: false, message: "This application has already been denied." };
  if (status === "MORE_INFO_REQUESTED") return { ok: false, message: "The trainee has not yet answered your request for more information." };
  return { ok: false, message: `An application that is ${APPLICATION_STATUS_LABELS[status].toLowerCase()} cannot be changed that way.` };
}

/** The actions a reviewer is offered for an application in this status. */
export function reviewActionsFor(status: ApplicationStatus): ReviewAction[] {
  return (Object.keys(REVIEW_TRANSITIONS) as ReviewAction[]).filter((action) => REVIEW_TRANSITIONS[action].from.includes(status));
}

/**
 * Who wrote a message on an application and what it is, in the reader's words. A board member writes
 * a "request" when asking for more information and a "note" with a decision's reason; the trainee's
 * answer to a request is a "response". The trainee reads their own answer as theirs.
 */
export function messageHeading(message: { kind: string; author: { name: string } }, reader: "board" | "trainee"): string {
  const author = message.author.name;
  switch (message.kind) {
    case "request":
      return reader === "trainee" ? `${author} asked for more information` : `Request for information, by ${author}`;
    case "note":
      return `Board note, by ${author}`;
    case "response":
      return reader === "trainee" ? "Your answer" : `Trainee's answer, by ${author}`;
    default:
      return author;
  }
}

/**
 * Who decided an application, as the reader is told: board members see their colleague's name; the
 * trainee sees the decision as their jurisdiction's board's, which is whose decision it is.
 */
export function decidedByLine(decider: { name: string } | null, jurisdictionName: string, reader: "board" | "trainee"): string {
  return reader === "board" && decider ? decider.name : `the ${jurisdictionName} board`;
}

/**
 * Whether the application may be submitted, and if not, every reason in words. The attestation is
 * always required. Missing requirements block submission unless the trainee asks for a provisional
 * credential and the requirement's provisional stage defers exactly what is missing.
 */
export function submissionCheck(input: {
  status: ApplicationStatus;
  attested: boolean;
  provisional: boolean;
  verdict: EligibilityVerdict;
  requirement: Requirement;
}): { ok: true } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  if (!EDITABLE_STATUSES.includes(input.status)) {
    return { ok: false, reasons: [`This application is ${APPLICATION_STATUS_LABELS[input.status].toLowerCase()}; it cannot be submitted again.`] };
  }
  if (!input.attested) reasons.push("Sign the code-of-ethics attestation.");
  if (input.provisional) {
    if (!input.requirement.provisional) reasons.push("This credential has no provisional stage; untick the provisional request.");
    else if (!input.verdict.provisionalEligible) reasons.push(...input.verdict.unmet);
  } else if (!input.verdict.eligible) {
    reasons.push(...input.verdict.unmet);
  }
  return reasons.length ? { ok: false, reasons } : { ok: true };
}

/**
 * What stops an approval today, in words; empty when it may go ahead. A credential must never be issued
 * to someone who does not meet the requirement in force on the day (hours voided since they submitted,
 * say): the board sees the same verdict on the page, and asks for more information or denies instead.
 */
export function approvalProblems(
  verdict: { kind: "INITIAL"; provisional: boolean; verdict: Pick<EligibilityVerdict, "eligible" | "provisionalEligible" | "unmet"> } | { kind: "RENEWAL"; unmet: readonly string[] },
): string[] {
  if (verdict.kind === "RENEWAL") return [...verdict.unmet];
  const met = verdict.provisional ? verdict.verdict.provisionalEligible : verdict.verdict.eligible;
  return met ? [] : [...verdict.verdict.unmet];
}

// Two decimals of hours are what a board publishes; a year count of months keeps typos out.
const RecoveryDate = z.iso.date("Enter the date your recovery began as a date, like 2024-03-01");

/** The evidence fields a trainee fills in; documents are uploaded separately. */
export const EvidenceSchema = z.object({
  recoveryStartedOn: z.union([z.literal(""), RecoveryDate]).transform((value) => (value === "" ? null : value)),
  lettersOfRecommendation: formWholeNumber(
    { ...wholeNumberMessages("the number of letters", 2), blank: "Enter the number of letters, or 0 if you are not sending any yet" },
    z.number().min(0, "The number of letters cannot be negative").max(20, "Enter at most 20 letters"),
  ),
  attest: z.literal("on").optional(),
  provisional: z.literal("on").optional(),
});

/** The reason a board gives when it denies, asks for information or changes a credential. */
export const ReasonSchema = z.string({ error: "Give a reason" }).trim().min(3, "Give a reason the trainee can act on").max(2000, "Keep the reason under 2,000 characters");

/** Whole months between a recovery start and `asOf` (a month counts once its day is reached). */
export function monthsBetween(from: Date, asOf: Date): number {
  if (from.getTime() > asOf.getTime()) return 0;
  let months = (asOf.getUTCFullYear() - from.getUTCFullYear()) * 12 + (asOf.getUTCMonth() - from.getUTCMonth());
  if (asOf.getUTCDate() < from.getUTCDate()) months -= 1;
  return Math.max(0, months);
}

/** Document kinds a trainee can attach, with the evidence kinds of the requirement first. */
export function documentKindsFor(requirement: Requirement): { kind: string; label: string }[] {
  const kinds: { kind: string; label: string }[] = [];
  for (const item of requirement.evidence) {
    if (item.kind === "document") for (const kind of item.acceptedKinds) kinds.push({ kind, label: `${item.label}: ${documentKindLabel(kind)}` });
    if (item.kind === "letters-of-recommendation") kinds.push({ kind: "letter-of-recommendation", label: "Letter of recommendation" });
  }
  if (requirement.exam.required && requirement.exam.examId === null) {
    kinds.push({ kind: EXTERNAL_EXAM_RESULT, label: `Result of the ${requirement.exam.name}` });
  }
  kinds.push({ kind: "other", label: "Other supporting document" });
  return kinds;
}

/** An exam run outside PeerPath (examId null) is shown by its result letter, which the board checks. */
export const EXTERNAL_EXAM_RESULT = "exam-result";
