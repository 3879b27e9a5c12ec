import { describe, expect, it } from "vitest";
import { attemptEligibility, attemptScore, nextAttemptDate, type PastAttempt } from "./exam-eligibility";

const rules = { attemptsAllowed: 3, waitingDays: 30 };
const NOW = new Date("2026-12-10T09:00:00Z");

let counter = 0;
const submitted = (submittedAt: string, passed: boolean, fields: Partial<PastAttempt> = {}): PastAttempt => ({
  id: `attempt-${++counter}`,
  status: "SUBMITTED",
  submittedAt: new Date(submittedAt),
  passed,
  rawScore: passed ? 31 : 20,
  maxScore: 40,
  scaledScore: null,
  ...fields,
});
const inProgress = (): PastAttempt => ({ id: `attempt-${++counter}`, status: "IN_PROGRESS", submittedAt: null, passed: null, rawScore: null, maxScore: null, scaledScore: null });

describe("attemptEligibility", () => {
  it("lets a candidate with complete training and no attempts start", () => {
    expect(attemptEligibility(rules, [], null, NOW)).toEqual({ state: "eligible" });
  });

  it("resumes the attempt in progress", () => {
    const open = inProgress();
    expect(attemptEligibility(rules, [submitted("2026-10-01T10:00:00Z", false), open], null, NOW)).toEqual({ state: "in-progress", attemptId: open.id });
  });

  it("names every reason at once: training still missing and the waiting period", () => {
    const verdict = attemptEligibility(rules, [submitted("2026-12-03T14:40:00Z", false)], "Training hours are not complete.", NOW);
    expect(verdict).toEqual({
      state: "refused",
      heading: "You cannot start this exam yet.",
      reasons: ["Training hours are not complete.", "Next attempt possible on 2027-01-02 (30 days after your last attempt)."],
    });
  });

  it("refuses once every attempt is used, with a heading that does not say \"yet\"", () => {
    const used = [submitted("2026-01-01T10:00:00Z", false), submitted("2026-03-01T10:00:00Z", false), submitted("2026-05-01T10:00:00Z", false)];
    expect(attemptEligibility(rules, used, null, NOW)).toEqual({
      state: "refused",
      heading: "You have used every attempt at this exam.",
      reasons: ["No attempts left: you have used all 3 attempts this exam allows."],
    });
    // Training still missing too: the attempts are gone all the same, so that is the one reason given.
    expect(attemptEligibility(rules, used, "Training hours are not complete.", NOW)).toMatchObject({ heading: "You have used every attempt at this exam." });
  });

  it("says a candidate who passed has passed, with the date and score, and offers no retake", () => {
    const failed = submitted("2026-10-01T10:00:00Z", false);
    const pass = submitted("2026-11-27T15:20:00Z", true, { scaledScore: 540 });
    for (const now of [NOW, new Date("2027-06-01T00:00:00Z")]) {
      // Inside the waiting period and long after it: either way, the exam is done.
      expect(attemptEligibility(rules, [pass, failed], null, now)).toEqual({
        state: "passed",
        attemptId: pass.id,
        on: "2026-11-27",
        score: "540",
        message: "You passed this exam on 2026-11-27 with a score of 540, so there is no further attempt to take.",
      });
    }
    // Passed on the last attempt allowed: passed, not "no attempts left".
    expect(attemptEligibility({ attemptsAllowed: 1, waitingDays: 0 }, [submitted("2026-11-27T15:20:00Z", true)], null, NOW)).toMatchObject({
      state: "passed",
      score: "31 of 40",
    });
  });

  it("does not count an attempt that is not scored as passed", () => {
    const unscored = { ...inProgress(), status: "SUBMITTED" as const, submittedAt: new Date("2026-09-01T10:00:00Z"), passed: null };
    expect(attemptEligibility(rules, [unscored], null, NOW).state).toBe("eligible");
  });
});

describe("nextAttemptDate and attemptScore", () => {
  it("counts the waiting period in calendar days from the day of the attempt", () => {
    expect(nextAttemptDate(new Date("2026-12-03T23:59:00Z"), 30)).toEqual(new Date("2027-01-02T00:00:00Z"));
  });

  it("shows the reported score on a scaled exam, else the questions right", () => {
    expect(attemptScore({ rawScore: 31, maxScore: 40, scaledScore: 540 })).toBe("540");
    expect(attemptScore({ rawScore: 31, maxScore: 40, scaledScore: null })).toBe("31 of 40");
    expect(attemptScore({ rawScore: null, maxScore: null, scaledScore: null })).toBeNull();
  });
});
