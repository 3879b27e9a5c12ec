// Whether a candidate may start an attempt at a certification exam, and if not, why, in words. Pure:
// the caller passes the exam's rules, the candidate's attempts, what their training still lacks and
// the time; nothing here reads a database or the clock.

export type AttemptRules = { attemptsAllowed: number; waitingDays: number };

/** A candidate's attempt as eligibility reads it; the score fields are null until it is scored. */
export type PastAttempt = {
  id: string;
  status: "IN_PROGRESS" | "SUBMITTED";
  submittedAt: Date | null;
  passed: boolean | null;
  rawScore: number | null;
  maxScore: number | null;
  scaledScore: number | null;
};

export type Eligibility =
  | { state: "in-progress"; attemptId: string }
  /** Passed already: the exam is done with, so no attempt is offered and none may be started. */
  | { state: "passed"; attemptId: string; on: string; score: string | null; message: string }
  | { state: "eligible" }
  /** Refused: a heading that fits why (no attempts left is final; the other reasons pass in time) and every reason. */
  | { state: "refused"; heading: string; reasons: string[] };

const NO_ATTEMPTS_LEFT = "You have used every attempt at this exam.";
const NOT_YET = "You cannot start this exam yet.";

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The day a next attempt may start: the waiting period counts calendar days (UTC) from the day of the
 * last submitted attempt, so "30 days" after an attempt on 2026-12-03 opens on 2027-01-02.
 */
export function nextAttemptDate(lastSubmittedAt: Date, waitingDays: number): Date {
  const day = Date.UTC(lastSubmittedAt.getUTCFullYear(), lastSubmittedAt.getUTCMonth(), lastSubmittedAt.getUTCDate());
  return new Date(day + waitingDays * DAY_MS);
}

/** A scored attempt's score as the candidate reads it: the reported score on a scaled exam, else "31 of 40". */
export function attemptScore(attempt: Pick<PastAttempt, "rawScore" | "maxScore" | "scaledScore">): string | null {
  if (attempt.scaledScore !== null) return String(attempt.scaledScore);
  return attempt.rawScore !== null ? `${attempt.rawScore} of ${attempt.maxScore}` : null;
}

/** The candidate's first passing, scored attempt, or undefined. */
function firstPass(attempts: readonly PastAttempt[]) {
  return attempts
    .filter((attempt): attempt is PastAttempt & { submittedAt: Date } => attempt.status === "SUBMITTED" && attempt.passed === true && attempt.submittedAt !== null)
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())[0];
}

/**
 * Whether the candidate may start an attempt now. An attempt in progress is resumed. A candidate who
 * has passed (a scored attempt that passed) is done with the exam: no attempt is offered, whatever the
 * attempts left or the waiting period. Otherwise the attempts allowed, the training required and the
 * waiting period apply, every reason named.
 */
export function attemptEligibility(rules: AttemptRules, attempts: readonly PastAttempt[], trainingShortfall: string | null, now: Date): Eligibility {
  const open = attempts.find((attempt) => attempt.status === "IN_PROGRESS");
  if (open) return { state: "in-progress", attemptId: open.id };
  const passed = firstPass(attempts);
  if (passed) {
    const on = isoDate(passed.submittedAt);
    const score = attemptScore(passed);
    const message = `You passed this exam on ${on}${score ? ` with a score of ${score}` : ""}, so there is no further attempt to take.`;
    return { state: "passed", attemptId: passed.id, on, score, message };
  }
  const submitted = attempts.filter((attempt) => attempt.status === "SUBMITTED");
  if (submitted.length >= rules.attemptsAllowed) {
    const allowed = `${rules.attemptsAllowed} ${rules.attemptsAllowed === 1 ? "attempt" : "attempts"}`;
    return { state: "refused", heading: NO_ATTEMPTS_LEFT, reasons: [`No attempts left: you have used all ${allowed} this exam allows.`] };
  }
  const reasons = notYetReasons(rules, submitted, trainingShortfall, now);
  return reasons.length ? { state: "refused", heading: NOT_YET, reasons } : { state: "eligible" };
}

/** What still stands between a candidate with attempts left and the next one: training, the waiting period. */
function notYetReasons(rules: AttemptRules, submitted: readonly PastAttempt[], trainingShortfall: string | null, now: Date): string[] {
  const reasons = trainingShortfall ? [trainingShortfall] : [];
  const last = submitted
    .map((attempt) => attempt.submittedAt)
    .filter((date): date is Date => date !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  if (last && rules.waitingDays > 0) {
    const next = nextAttemptDate(last, rules.waitingDays);
    if (now < next) reasons.push(`Next attempt possible on ${isoDate(next)} (${rules.waitingDays} days after your last attempt).`);
  }
  return reasons;
}
