import { describe, expect, it } from "vitest";
import { approvalProblems, decidedByLine, messageHeading, monthsBetween, queueStatuses, reviewActionsFor, reviewTransition, submissionCheck, documentKindsFor } from "./applications";
import type { EligibilityVerdict } from "./eligibility";
import { RequirementSchema, type Requirement } from "./requirements";

const requirement = (provisional: Requirement["provisional"]): Requirement =>
  RequirementSchema.parse({
    jurisdictionCode: "XX",
    credentialCode: "PR",
    version: 1,
    source: "test",
    training: { totalHours: 40, domains: [] },
    crosswalk: { advocacy: null, "mentoring-education": null, "recovery-wellness-support": null, "ethical-responsibility": null },
    experience: { hours: 100, supervisedHours: 0 },
    exam: { required: true, name: "State exam", examId: null },
    evidence: [{ kind: "letters-of-recommendation", count: 2 }],
    renewal: { periodMonths: 24, continuingEducation: { totalHours: 20, categories: [] } },
    provisional,
  });

const verdict = (eligible: boolean, provisionalEligible: boolean, unmet: string[] = []): EligibilityVerdict => ({
  eligible,
  provisionalEligible,
  items: [],
  unmet,
  countedTrainingHours: 0,
  earnedTrainingHours: 0,
  unmappedTrainingHours: 0,
  trainingDomains: [],
  experienceHours: 0,
  supervisedHours: 0,
  reviewerChecks: [],
});

describe("submissionCheck", () => {
  const base = { status: "DRAFT" as const, attested: true, provisional: false, requirement: requirement(null) };

  it("lets an eligible, attested trainee submit", () => {
    expect(submissionCheck({ ...base, verdict: verdict(true, true) })).toEqual({ ok: true });
  });

  it("lists the attestation and every unmet requirement when something is missing", () => {
    const check = submissionCheck({ ...base, attested: false, verdict: verdict(false, false, ["60 more experience hours"]) });
    expect(check).toEqual({ ok: false, reasons: ["Sign the code-of-ethics attestation.", "60 more experience hours"] });
  });

  it("allows a provisional application only where the requirement has a provisional stage that defers what is missing", () => {
    const missingExperience = verdict(false, true, ["60 more experience hours"]);
    expect(submissionCheck({ ...base, provisional: true, verdict: missingExperience }).ok).toBe(false);
    const withStage = { ...base, provisional: true, requirement: requirement({ name: "Provisional", durationMonths: 12, deferred: ["experience"] }) };
    expect(submissionCheck({ ...withStage, verdict: missingExperience })).toEqual({ ok: true });
    expect(submissionCheck({ ...withStage, verdict: verdict(false, false, ["8 more training hours"]) })).toEqual({ ok: false, reasons: ["8 more training hours"] });
  });

  it("refuses to submit an application that is already with the board", () => {
    expect(submissionCheck({ ...base, status: "SUBMITTED", verdict: verdict(true, true) }).ok).toBe(false);
    expect(submissionCheck({ ...base, status: "MORE_INFO_REQUESTED", verdict: verdict(true, true) }).ok).toBe(true);
  });
});

describe("review transitions", () => {
  it("approves or denies from submitted or in review, and never twice", () => {
    expect(reviewTransition("SUBMITTED", "approve")).toEqual({ ok: true, to: "APPROVED" });
    expect(reviewTransition("IN_REVIEW", "deny")).toEqual({ ok: true, to: "DENIED" });
    expect(reviewTransition("APPROVED", "approve")).toMatchObject({ ok: false, message: expect.stringMatching(/already approved/) });
    expect(reviewTransition("DENIED", "approve")).toMatchObject({ ok: false });
    expect(reviewTransition("MORE_INFO_REQUESTED", "approve")).toMatchObject({ ok: false, message: expect.stringMatching(/not yet answered/) });
  });

  it("offers the reviewer only the actions the status allows", () => {
    expect(reviewActionsFor("SUBMITTED")).toEqual(["start-review", "request-info", "approve", "deny"]);
    expect(reviewActionsFor("MORE_INFO_REQUESTED")).toEqual(["deny"]);
    expect(reviewActionsFor("APPROVED")).toEqual([]);
  });
});

describe("queueStatuses", () => {
  it("opens on the applications waiting for the board, a resubmitted answer among them, and offers all or one status", () => {
    expect(queueStatuses("")).toEqual(["SUBMITTED", "IN_REVIEW"]);
    expect(queueStatuses("all")).toEqual(["SUBMITTED", "IN_REVIEW", "MORE_INFO_REQUESTED", "APPROVED", "DENIED"]);
    expect(queueStatuses("DENIED")).toEqual(["DENIED"]);
  });
});

describe("messageHeading", () => {
  const board = { name: "Bea Board" };
  const trainee = { name: "Tara Trainee" };

  it("tells the board what each message is in words, not its stored kind", () => {
    expect(messageHeading({ kind: "request", author: board }, "board")).toBe("Request for information, by Bea Board");
    expect(messageHeading({ kind: "note", author: board }, "board")).toBe("Board note, by Bea Board");
    expect(messageHeading({ kind: "response", author: trainee }, "board")).toBe("Trainee's answer, by Tara Trainee");
  });

  it("tells the trainee who asked, and that the answer is theirs", () => {
    expect(messageHeading({ kind: "request", author: board }, "trainee")).toBe("Bea Board asked for more information");
    expect(messageHeading({ kind: "note", author: board }, "trainee")).toBe("Board note, by Bea Board");
    expect(messageHeading({ kind: "response", author: trainee }, "trainee")).toBe("Your answer");
  });
});

describe("decidedByLine", () => {
  it("names the board member to the board and the jurisdiction's board to the trainee", () => {
    expect(decidedByLine({ name: "Dana Decider" }, "Kentucky", "board")).toBe("Dana Decider");
    expect(decidedByLine({ name: "Dana Decider" }, "Kentucky", "trainee")).toBe("the Kentucky board");
    expect(decidedByLine(null, "Kentucky", "board")).toBe("the Kentucky board");
  });
});

describe("monthsBetween", () => {
  it("counts a month once its day is reached", () => {
    expect(monthsBetween(new Date("2025-01-15"), new Date("2025-07-14"))).toBe(5);
    expect(monthsBetween(new Date("2025-01-15"), new Date("2025-07-15"))).toBe(6);
    expect(monthsBetween(new Date("2026-01-01"), new Date("2025-01-01"))).toBe(0);
  });
});

describe("documentKindsFor", () => {
  it("offers letters and the result of an exam run outside PeerPath", () => {
    const kinds = documentKindsFor(requirement(null)).map((option) => option.kind);
    expect(kinds).toEqual(["letter-of-recommendation", "exam-result", "other"]);
  });
});

describe("approvalProblems", () => {
  const verdict = (eligible: boolean, provisionalEligible: boolean) => ({ eligible, provisionalEligible, unmet: eligible ? [] : ["10 more hours of Advocacy."] });

  it("lets an application that meets the requirement today be approved", () => {
    expect(approvalProblems({ kind: "INITIAL", provisional: false, verdict: verdict(true, true) })).toEqual([]);
  });

  it("stops one that no longer meets it, saying what is missing", () => {
    expect(approvalProblems({ kind: "INITIAL", provisional: false, verdict: verdict(false, true) })).toEqual(["10 more hours of Advocacy."]);
  });

  it("judges a provisional request by the provisional stage", () => {
    expect(approvalProblems({ kind: "INITIAL", provisional: true, verdict: verdict(false, true) })).toEqual([]);
    expect(approvalProblems({ kind: "INITIAL", provisional: true, verdict: verdict(false, false) })).toEqual(["10 more hours of Advocacy."]);
  });

  it("stops a renewal whose continuing education falls short", () => {
    expect(approvalProblems({ kind: "RENEWAL", unmet: ["2 more hours of ethics."] })).toEqual(["2 more hours of ethics."]);
    expect(approvalProblems({ kind: "RENEWAL", unmet: [] })).toEqual([]);
  });
});
