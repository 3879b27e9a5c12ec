import { describe, expect, it } from "vitest";
import { evaluateEligibility, type EligibilityInput, type LedgerEntry, type TraineeEvidence } from "./eligibility";
import { RequirementSchema, type CourseDomain, type Requirement } from "./requirements";

// Requirements with the figures of the domain reference. The seed files in content/requirements/ hold
// the same figures and are checked in requirements.test.ts; Texas and Kentucky's alcohol and drug
// credential appear only here, for the provisional stage and months in recovery.
const toTotalOnly = {
  advocacy: null,
  "mentoring-education": null,
  "recovery-wellness-support": null,
  "ethical-responsibility": null,
} as const;

const kentuckyApss = RequirementSchema.parse({
  jurisdictionCode: "KY",
  credentialCode: "APSS",
  version: 1,
  source: "908 KAR 2:220",
  training: { totalHours: 30 },
  crosswalk: toTotalOnly,
  experience: {},
  exam: { required: true, name: "written and oral exam", examId: null },
  renewal: { periodMonths: 12, continuingEducation: { totalHours: 6 } },
  reviewerChecks: ["Supervised face to face twice a month"],
});

const icrcPr = RequirementSchema.parse({
  jurisdictionCode: "ICRC",
  credentialCode: "PR",
  version: 1,
  source: "IC&RC Peer Recovery standards",
  training: {
    totalHours: 46,
    domains: [
      { key: "advocacy", label: "Advocacy", minHours: 10 },
      { key: "mentoring-education", label: "Mentoring and education", minHours: 10 },
      { key: "recovery-wellness-support", label: "Recovery and wellness support", minHours: 10 },
      { key: "ethical-responsibility", label: "Ethical responsibility", minHours: 16 },
    ],
  },
  crosswalk: {
    advocacy: "advocacy",
    "mentoring-education": "mentoring-education",
    "recovery-wellness-support": "recovery-wellness-support",
    "ethical-responsibility": "ethical-responsibility",
  },
  experience: { hours: 500, supervisedHours: 25 },
  exam: { required: true, name: "IC&RC Peer Recovery exam", examId: "icrc-pr" },
  renewal: { periodMonths: 24, continuingEducation: { totalHours: 20, categories: [{ key: "ethics", label: "Ethics", minHours: 6 }] } },
});

const pennsylvaniaCps = RequirementSchema.parse({
  jurisdictionCode: "PA",
  credentialCode: "CPS",
  version: 1,
  source: "Pennsylvania Certification Board",
  training: { totalHours: 75 },
  crosswalk: toTotalOnly,
  experience: {},
  exam: { required: true, name: "Pennsylvania CPS exam", examId: null },
  evidence: [
    {
      kind: "document",
      key: "work-or-college",
      label: "Proof of 12 months of work or 24 college credits",
      acceptedKinds: ["employment-verification-12-months", "college-transcript-24-credits"],
    },
  ],
  renewal: { periodMonths: 24, continuingEducation: { totalHours: 36 } },
});

const floridaCrps = RequirementSchema.parse({
  jurisdictionCode: "FL",
  credentialCode: "CRPS",
  version: 1,
  source: "Florida Certification Board",
  training: {
    totalHours: 40,
    domains: [
      { key: "mentoring", label: "Mentoring", minHours: 10 },
      { key: "professional-responsibility", label: "Professional responsibility", minHours: 8 },
      { key: "whole-health", label: "Whole health", minHours: 8, maxHours: 16 },
      { key: "electives", label: "Electives", maxHours: 4 },
    ],
  },
  crosswalk: {
    advocacy: "electives",
    "mentoring-education": "mentoring",
    "recovery-wellness-support": "whole-health",
    "ethical-responsibility": "professional-responsibility",
  },
  experience: { hours: 500 },
  exam: { required: true, name: "written exam", examId: null },
  evidence: [{ kind: "letters-of-recommendation", count: 3 }],
  renewal: null,
  reviewerChecks: ["250 of the 500 experience hours are peer-specific"],
});

// KRS 309.0831: its domain minimums add up to 51 hours against a 40-hour total, and two of them
// (domestic violence, HIV) are taught outside the course.
const kentuckyAlcoholDrug = RequirementSchema.parse({
  jurisdictionCode: "KY",
  credentialCode: "ADPSS",
  version: 1,
  source: "KRS 309.0831",
  training: {
    totalHours: 40,
    domains: [
      { key: "ethics", label: "Ethics", minHours: 16 },
      { key: "advocacy", label: "Advocacy", minHours: 10 },
      { key: "mentoring", label: "Mentoring", minHours: 10 },
      { key: "recovery-support", label: "Recovery support", minHours: 10 },
      { key: "domestic-violence", label: "Domestic violence", minHours: 3 },
      { key: "hiv", label: "HIV", minHours: 2 },
    ],
  },
  crosswalk: {
    advocacy: "advocacy",
    "mentoring-education": "mentoring",
    "recovery-wellness-support": "recovery-support",
    "ethical-responsibility": "ethics",
  },
  experience: { hours: 500, supervisedHours: 25 },
  exam: { required: true, name: "written exam", examId: null },
  evidence: [{ kind: "months-in-recovery", months: 12 }],
  renewal: null,
});

const texasRsps = RequirementSchema.parse({
  jurisdictionCode: "TX",
  credentialCode: "RSPS",
  version: 1,
  source: "Texas Certification Board",
  training: { totalHours: 65.5 },
  crosswalk: toTotalOnly,
  experience: { supervisedHours: 250 },
  exam: { required: true, name: "multiple-choice exam", examId: null },
  renewal: { periodMonths: 24, continuingEducation: { totalHours: 20, categories: [{ key: "ethics", label: "Ethics", minHours: 3 }] } },
  provisional: { name: "Provisional certification", durationMonths: 6, deferred: ["supervised"] },
});

const asOf = new Date("2025-06-30T12:00:00Z");
const earlier = new Date("2025-03-01T12:00:00Z");

let entryCount = 0;
function entry(kind: LedgerEntry["kind"], hours: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  entryCount += 1;
  return { id: `entry-${entryCount}`, kind, hours, courseDomain: null, status: "approved", occurredOn: earlier, ...overrides };
}
function training(courseDomain: CourseDomain | null, hours: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return entry("training", hours, { courseDomain, ...overrides });
}

const noEvidence: TraineeEvidence = { attestedCodeOfEthics: false, documentKinds: [], lettersOfRecommendation: 0, monthsInRecovery: 0 };

function evaluate(requirement: Requirement, ledger: LedgerEntry[], overrides: Partial<Omit<EligibilityInput, "requirement" | "ledger">> = {}) {
  return evaluateEligibility({ requirement, ledger, evidence: noEvidence, exam: { passed: true }, asOf, ...overrides });
}

const courseHoursForIcrc = [
  training("advocacy", 10),
  training("mentoring-education", 10),
  training("recovery-wellness-support", 10),
  training("ethical-responsibility", 16),
];
const practiceFor500Hours = [entry("experience", 475), entry("supervised", 25)];

describe("evaluateEligibility: hours", () => {
  it("finds an IC&RC PR trainee eligible when every part is met, counting the 25 supervised hours inside the 500", () => {
    const verdict = evaluate(icrcPr, [...courseHoursForIcrc, ...practiceFor500Hours]);
    expect(verdict.eligible).toBe(true);
    expect(verdict.unmet).toEqual([]);
    expect(verdict.countedTrainingHours).toBe(46);
    expect(verdict.experienceHours).toBe(500);
    expect(verdict.supervisedHours).toBe(25);
    expect(verdict.items.map((item) => item.key)).toEqual([
      "training",
      "training:advocacy",
      "training:mentoring-education",
      "training:recovery-wellness-support",
      "training:ethical-responsibility",
      "experience",
      "supervised",
      "exam",
    ]);
  });

  it("says exactly what is missing, in the order of the requirement", () => {
    const verdict = evaluate(
      icrcPr,
      [training("advocacy", 10), training("ethical-responsibility", 8), entry("experience", 300), entry("supervised", 10)],
      { exam: null },
    );
    expect(verdict.eligible).toBe(false);
    expect(verdict.unmet).toEqual([
      "28 more hours of training",
      "10 more hours of Mentoring and education",
      "10 more hours of Recovery and wellness support",
      "8 more hours of Ethical responsibility",
      "190 more hours of experience",
      "15 more hours of supervised experience",
      "A pass on the IC&RC Peer Recovery exam",
    ]);
    expect(verdict.items.find((item) => item.key === "training:ethical-responsibility")).toEqual({
      key: "training:ethical-responsibility",
      part: "training",
      label: "Ethical responsibility",
      unit: "hours",
      required: 16,
      earned: 8,
      met: false,
      missing: "8 more hours of Ethical responsibility",
    });
  });

  it("counts only approved entries dated on or before the day of the check", () => {
    const ledger = [
      training("advocacy", 10),
      training("mentoring-education", 10),
      training("recovery-wellness-support", 10),
      training("ethical-responsibility", 10),
      training("ethical-responsibility", 2, { status: "pending" }),
      training("ethical-responsibility", 2, { status: "rejected" }),
      training("ethical-responsibility", 2, { status: "voided" }),
      training("ethical-responsibility", 2, { occurredOn: new Date("2025-07-01T09:00:00Z") }),
      training("ethical-responsibility", 0.5, { occurredOn: asOf }),
      entry("supervised", 25, { status: "pending" }),
      entry("experience", 500, { occurredOn: new Date("2026-01-01T00:00:00Z") }),
    ];
    const verdict = evaluate(icrcPr, ledger);
    expect(verdict.countedTrainingHours).toBe(40.5);
    expect(verdict.unmet).toEqual([
      "5.5 more hours of training",
      "5.5 more hours of Ethical responsibility",
      "500 more hours of experience",
      "25 more hours of supervised experience",
    ]);
  });

  it("never counts continuing-education hours toward a first credential", () => {
    const verdict = evaluate(kentuckyApss, [training(null, 20), entry("continuing-education", 20, { ceCategory: "ethics" })]);
    expect(verdict.unmet).toEqual(["10 more hours of training"]);
  });

  it("counts every training hour toward Kentucky's 30-hour total, which names no domains, and passes its reviewer checks on", () => {
    const verdict = evaluate(kentuckyApss, [training("advocacy", 12), training("ethical-responsibility", 8), training(null, 10)]);
    expect(verdict.eligible).toBe(true);
    expect(verdict.countedTrainingHours).toBe(30);
    expect(verdict.unmappedTrainingHours).toBe(30);
    expect(verdict.trainingDomains).toEqual([]);
    expect(verdict.items.map((item) => item.key)).toEqual(["training", "exam"]);
    expect(verdict.reviewerChecks).toEqual(["Supervised face to face twice a month"]);
  });
});

describe("evaluateEligibility: domain maximums and crosswalks", () => {
  const floridaPractice = [entry("experience", 500)];
  const threeLetters: TraineeEvidence = { ...noEvidence, lettersOfRecommendation: 3 };

  it("does not count Florida hours above a domain maximum toward the total, and says so", () => {
    const ledger = [
      training("mentoring-education", 10),
      training("ethical-responsibility", 8),
      training("recovery-wellness-support", 20),
      training("advocacy", 6),
      ...floridaPractice,
    ];
    const verdict = evaluate(floridaCrps, ledger, { evidence: threeLetters });
    expect(verdict.earnedTrainingHours).toBe(44);
    expect(verdict.countedTrainingHours).toBe(38);
    expect(verdict.trainingDomains.find((domain) => domain.key === "whole-health")).toEqual({
      key: "whole-health",
      label: "Whole health",
      minHours: 8,
      maxHours: 16,
      earnedHours: 20,
      countedHours: 16,
    });
    expect(verdict.unmet).toEqual([
      "2 more hours of training (hours above a domain's maximum do not count: 4 in Whole health and 2 in Electives)",
    ]);

    const withMoreMentoring = evaluate(floridaCrps, [...ledger, training("mentoring-education", 2)], { evidence: threeLetters });
    expect(withMoreMentoring.eligible).toBe(true);
    expect(withMoreMentoring.countedTrainingHours).toBe(40);
  });

  it("counts the same ledger toward several jurisdictions, each by its own crosswalk", () => {
    const ledger = [
      training("advocacy", 14),
      training("mentoring-education", 10),
      training("recovery-wellness-support", 10),
      training("ethical-responsibility", 12),
      ...practiceFor500Hours,
    ];
    const evidence = threeLetters;

    const icrc = evaluate(icrcPr, ledger, { evidence });
    expect(icrc.countedTrainingHours).toBe(46);
    expect(icrc.unmet).toEqual(["4 more hours of Ethical responsibility"]);

    // Florida has no advocacy domain: the course's advocacy hours are electives, of which 4 count.
    const florida = evaluate(floridaCrps, ledger, { evidence });
    expect(florida.countedTrainingHours).toBe(36);
    expect(florida.trainingDomains.map((domain) => [domain.key, domain.countedHours])).toEqual([
      ["mentoring", 10],
      ["professional-responsibility", 12],
      ["whole-health", 10],
      ["electives", 4],
    ]);
    expect(florida.unmet).toEqual(["4 more hours of training (hours above a domain's maximum do not count: 10 in Electives)"]);

    const kentucky = evaluate(kentuckyApss, ledger, { evidence });
    expect(kentucky.eligible).toBe(true);
    expect(kentucky.countedTrainingHours).toBe(46);
  });

  it("counts hours of an unmapped course domain, and training outside the course, toward the total only", () => {
    const advocacyUnmapped = { ...floridaCrps, crosswalk: { ...floridaCrps.crosswalk, advocacy: null } };
    const ledger = [
      training("advocacy", 14),
      training("mentoring-education", 10),
      training("recovery-wellness-support", 10),
      training("ethical-responsibility", 4),
      training(null, 2),
      ...floridaPractice,
    ];
    const verdict = evaluate(advocacyUnmapped, ledger, { evidence: threeLetters });
    expect(verdict.countedTrainingHours).toBe(40);
    expect(verdict.unmappedTrainingHours).toBe(16);
    expect(verdict.trainingDomains.find((domain) => domain.key === "electives")?.earnedHours).toBe(0);
    expect(verdict.unmet).toEqual(["4 more hours of Professional responsibility"]);
  });
});

describe("evaluateEligibility: exam and evidence", () => {
  const kentuckyHours = [training(null, 30)];

  it("asks for a pass when the exam was not taken or not passed, and not at all when none is required", () => {
    expect(evaluate(kentuckyApss, kentuckyHours, { exam: null }).unmet).toEqual(["A pass on the written and oral exam"]);
    expect(evaluate(kentuckyApss, kentuckyHours, { exam: { passed: false } }).unmet).toEqual(["A pass on the written and oral exam"]);
    const withoutExam = { ...kentuckyApss, exam: { ...kentuckyApss.exam, required: false } };
    expect(evaluate(withoutExam, kentuckyHours, { exam: null }).eligible).toBe(true);
  });

  it("counts the letters of recommendation Florida asks for", () => {
    const ledger = [
      training("mentoring-education", 12),
      training("ethical-responsibility", 8),
      training("recovery-wellness-support", 16),
      training("advocacy", 4),
      entry("experience", 500),
    ];
    const withLetters = (count: number) => evaluate(floridaCrps, ledger, { evidence: { ...noEvidence, lettersOfRecommendation: count } });
    expect(withLetters(1).unmet).toEqual(["2 more letters of recommendation"]);
    expect(withLetters(2).unmet).toEqual(["1 more letter of recommendation"]);
    expect(withLetters(3).eligible).toBe(true);
    expect(withLetters(3).reviewerChecks).toEqual(["250 of the 500 experience hours are peer-specific"]);
  });

  it("counts the months in recovery Kentucky's alcohol and drug credential asks for", () => {
    const monthsItem = (months: number) =>
      evaluate(kentuckyAlcoholDrug, [], { evidence: { ...noEvidence, monthsInRecovery: months } }).items.find(
        (item) => item.key === "evidence:months-in-recovery",
      );
    expect(monthsItem(9)?.missing).toBe("3 more months in recovery");
    expect(monthsItem(11)?.missing).toBe("1 more month in recovery");
    expect(monthsItem(12)).toMatchObject({ met: true, missing: "", required: 12, earned: 12, unit: "months" });
  });

  it("names the domains the course does not teach, so a trainee knows to take them elsewhere", () => {
    const ledger = [
      training("advocacy", 10),
      training("mentoring-education", 10),
      training("recovery-wellness-support", 10),
      training("ethical-responsibility", 16),
      ...practiceFor500Hours,
    ];
    const verdict = evaluate(kentuckyAlcoholDrug, ledger, { evidence: { ...noEvidence, monthsInRecovery: 24 } });
    expect(verdict.unmet).toEqual(["3 more hours of Domestic violence", "2 more hours of HIV"]);
  });

  it("accepts any one of the documents Pennsylvania lists", () => {
    const ledger = [training(null, 75)];
    expect(evaluate(pennsylvaniaCps, ledger).unmet).toEqual(["Proof of 12 months of work or 24 college credits"]);
    const withTranscript = evaluate(pennsylvaniaCps, ledger, { evidence: { ...noEvidence, documentKinds: ["college-transcript-24-credits"] } });
    expect(withTranscript.eligible).toBe(true);
    const withOtherDocument = evaluate(pennsylvaniaCps, ledger, { evidence: { ...noEvidence, documentKinds: ["high-school-diploma"] } });
    expect(withOtherDocument.eligible).toBe(false);
  });

  it("asks for the attestation to the code of ethics when a board adds it", () => {
    const withAttestation = RequirementSchema.parse({ ...kentuckyApss, evidence: [{ kind: "code-of-ethics-attestation" }] });
    expect(evaluate(withAttestation, kentuckyHours).unmet).toEqual(["Your attestation to the code of ethics"]);
    expect(evaluate(withAttestation, kentuckyHours, { evidence: { ...noEvidence, attestedCodeOfEthics: true } }).eligible).toBe(true);
  });
});

describe("evaluateEligibility: provisional stage", () => {
  const texasTraining = [training(null, 19.5), training("recovery-wellness-support", 46)];

  it("makes a Texas trainee provisionally eligible while the 250 supervised hours are still being earned", () => {
    const verdict = evaluate(texasRsps, [...texasTraining, entry("supervised", 100)]);
    expect(verdict.eligible).toBe(false);
    expect(verdict.provisionalEligible).toBe(true);
    expect(verdict.unmet).toEqual(["150 more hours of supervised experience"]);
  });

  it("refuses the provisional stage while anything outside it is missing", () => {
    const verdict = evaluate(texasRsps, [training(null, 60)], { exam: null });
    expect(verdict.provisionalEligible).toBe(false);
    expect(verdict.unmet).toEqual(["5.5 more hours of training", "250 more hours of supervised experience", "A pass on the multiple-choice exam"]);
  });

  it("stays provisionally eligible once fully eligible, and is never so without a provisional stage", () => {
    const texas = evaluate(texasRsps, [...texasTraining, entry("supervised", 250)]);
    expect(texas).toMatchObject({ eligible: true, provisionalEligible: true });
    const icrc = evaluate(icrcPr, [...courseHoursForIcrc, ...practiceFor500Hours]);
    expect(icrc).toMatchObject({ eligible: true, provisionalEligible: false });
  });
});

describe("evaluateEligibility: precision", () => {
  it("adds tenths of an hour and 20-minute entries without floating-point drift", () => {
    const tenths = Array.from({ length: 300 }, () => training(null, 0.1));
    expect(evaluate(kentuckyApss, tenths).eligible).toBe(true);
    const twentyMinutes = Array.from({ length: 90 }, () => training(null, 20 / 60));
    expect(evaluate(kentuckyApss, twentyMinutes).countedTrainingHours).toBe(30);
    expect(evaluate(kentuckyApss, twentyMinutes).eligible).toBe(true);
  });

  it("rounds earned hours down and missing hours up, so a shortfall never reads as met", () => {
    const verdict = evaluate(kentuckyApss, [training(null, 29.999)]);
    expect(verdict.eligible).toBe(false);
    expect(verdict.countedTrainingHours).toBe(29.99);
    expect(verdict.unmet).toEqual(["0.01 more hours of training"]);
    expect(evaluate(kentuckyApss, [training(null, 29)]).unmet).toEqual(["1 more hour of training"]);
  });
});
