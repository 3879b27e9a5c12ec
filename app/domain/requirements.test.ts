import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { describeRequirementChanges, NewRequirementSchema, parseRequirementYaml, readNewRequirement, RequirementSchema, type Requirement, type RequirementInput } from "./requirements";

const REQUIREMENTS_DIR = path.resolve(import.meta.dirname, "../../content/requirements");

function readRequirementFile(name: string): Requirement {
  const result = NewRequirementSchema.safeParse(parse(fs.readFileSync(path.join(REQUIREMENTS_DIR, name), "utf8")));
  // Name the file and field in the failure, so a broken data file says where to look.
  if (!result.success) {
    throw new Error(result.error.issues.map((issue) => `${name}: ${issue.path.join(".")}: ${issue.message}`).join("\n"));
  }
  return result.data;
}

const minimal: RequirementInput = {
  jurisdictionCode: "KY",
  credentialCode: "APSS",
  version: 1,
  source: "908 KAR 2:220",
  training: { totalHours: 30 },
  crosswalk: { advocacy: null, "mentoring-education": null, "recovery-wellness-support": null, "ethical-responsibility": null },
  experience: {},
  exam: { required: true, name: "written and oral exam", examId: null },
  renewal: null,
};

function problems(input: unknown): string[] {
  const result = RequirementSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("the requirement files in content/requirements", () => {
  it("are all valid requirement versions", () => {
    const names = fs.readdirSync(REQUIREMENTS_DIR).filter((name) => name.endsWith(".yaml")).sort();
    expect(names).toEqual(["florida-crps.yaml", "icrc-pr.yaml", "kentucky-apss.yaml", "pennsylvania-cps.yaml"]);
    for (const name of names) expect(() => readRequirementFile(name)).not.toThrow();
  });

  it("hold the figures of the domain reference", () => {
    const kentucky = readRequirementFile("kentucky-apss.yaml");
    expect([kentucky.jurisdictionCode, kentucky.credentialCode, kentucky.training.totalHours]).toEqual(["KY", "APSS", 30]);
    expect(kentucky.training.domains).toEqual([]);
    expect(kentucky.exam.required).toBe(true);
    expect(kentucky.renewal).toEqual({ periodMonths: 12, continuingEducation: { totalHours: 6, categories: [] } });

    const icrc = readRequirementFile("icrc-pr.yaml");
    expect([icrc.jurisdictionCode, icrc.credentialCode, icrc.training.totalHours]).toEqual(["ICRC", "PR", 46]);
    expect(icrc.training.domains.map((domain) => [domain.key, domain.minHours, domain.maxHours])).toEqual([
      ["advocacy", 10, null],
      ["mentoring-education", 10, null],
      ["recovery-wellness-support", 10, null],
      ["ethical-responsibility", 16, null],
    ]);
    expect(icrc.experience).toEqual({ hours: 500, supervisedHours: 25 });
    expect(icrc.exam).toMatchObject({ required: true, examId: "icrc-pr" });
    expect(icrc.renewal).toEqual({
      periodMonths: 24,
      continuingEducation: { totalHours: 20, categories: [{ key: "ethics", label: "Ethics", minHours: 6 }] },
    });

    const pennsylvania = readRequirementFile("pennsylvania-cps.yaml");
    expect([pennsylvania.jurisdictionCode, pennsylvania.credentialCode, pennsylvania.training.totalHours]).toEqual(["PA", "CPS", 75]);
    expect(pennsylvania.evidence).toMatchObject([
      { kind: "document", acceptedKinds: ["employment-verification-12-months", "college-transcript-24-credits"] },
    ]);
    expect(pennsylvania.renewal?.periodMonths).toBe(24);
    expect(pennsylvania.renewal?.continuingEducation.totalHours).toBe(36);
    expect(pennsylvania.renewal?.continuingEducation.categories.map((category) => [category.key, category.minHours])).toEqual([
      ["peer-recovery", 24],
      ["ethics", 3],
    ]);

    const florida = readRequirementFile("florida-crps.yaml");
    expect([florida.jurisdictionCode, florida.credentialCode, florida.training.totalHours]).toEqual(["FL", "CRPS", 40]);
    expect(florida.training.domains.map((domain) => [domain.key, domain.minHours, domain.maxHours])).toEqual([
      ["mentoring", 10, null],
      ["professional-responsibility", 8, null],
      ["whole-health", 8, 16],
      ["electives", 0, 4],
    ]);
    expect(florida.crosswalk.advocacy).toBe("electives");
    expect(florida.experience.hours).toBe(500);
    expect(florida.evidence).toEqual([{ kind: "letters-of-recommendation", count: 3 }]);
  });
});

describe("RequirementSchema", () => {
  it("fills in what a board may leave out", () => {
    const requirement = RequirementSchema.parse({
      ...minimal,
      training: { totalHours: 40, domains: [{ key: "whole-health", label: "Whole health" }] },
    });
    expect(requirement.training.domains).toEqual([{ key: "whole-health", label: "Whole health", minHours: 0, maxHours: null }]);
    expect(requirement.experience).toEqual({ hours: 0, supervisedHours: 0 });
    expect(requirement).toMatchObject({ evidence: [], provisional: null, reviewerChecks: [] });
  });

  it("accepts domain minimums that add up to more than the total, as Kentucky's KRS 309.0831 does", () => {
    const domains = [16, 10, 10, 10, 3, 2].map((minHours, index) => ({ key: `domain-${index + 1}`, label: `Domain ${index + 1}`, minHours }));
    expect(problems({ ...minimal, training: { totalHours: 40, domains } })).toEqual([]);
  });

  it("refuses a maximum below the minimum, and the same domain twice", () => {
    const domains = [
      { key: "whole-health", label: "Whole health", minHours: 8, maxHours: 6 },
      { key: "whole-health", label: "Whole health again" },
    ];
    expect(problems({ ...minimal, training: { totalHours: 40, domains } })).toEqual([
      "training.domains.0.maxHours: The maximum for Whole health is below its minimum; raise the maximum or lower the minimum",
      "training.domains.1.key: The domain whole-health is listed twice",
    ]);
  });

  it("refuses a crosswalk to a domain the credential does not have, or one that leaves a course domain out", () => {
    expect(problems({ ...minimal, crosswalk: { ...minimal.crosswalk, advocacy: "advocacy" } })).toEqual([
      "crosswalk.advocacy: Advocacy maps to advocacy, which is not one of this credential's training domains",
    ]);
    const { advocacy: _advocacy, ...withoutAdvocacy } = minimal.crosswalk;
    expect(problems({ ...minimal, crosswalk: withoutAdvocacy })).toHaveLength(1);
    expect(problems({ ...minimal, crosswalk: { ...minimal.crosswalk, "peer-support": null } })).toHaveLength(1);
  });

  it("refuses misspelt fields, hours finer than hundredths, negative hours and repeated evidence", () => {
    expect(problems({ ...minimal, training: { totalHours: 30, domain: [] } })).toEqual(['training: Unrecognized key: "domain"']);
    expect(problems({ ...minimal, training: { totalHours: 30.005 } })).toEqual([
      "training.totalHours: Enter hours to at most two decimal places",
    ]);
    expect(problems({ ...minimal, experience: { hours: -1 } })).toEqual(["experience.hours: Hours cannot be negative"]);
    expect(
      problems({
        ...minimal,
        evidence: [
          { kind: "letters-of-recommendation", count: 3 },
          { kind: "letters-of-recommendation", count: 2 },
        ],
      }),
    ).toEqual(["evidence.1: Letters of recommendation is listed twice"]);
  });
});

describe("NewRequirementSchema", () => {
  const problemsOfNew = (input: unknown) => {
    const result = NewRequirementSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  };

  it("refuses more supervised hours than the experience hours they are part of", () => {
    expect(problemsOfNew({ ...minimal, experience: { hours: 500, supervisedHours: 600 } })).toEqual([
      "experience.supervisedHours: Supervised hours are part of the experience hours, so 600 supervised hours cannot fit in 500 experience hours; " +
        "raise the experience hours to at least 600, lower the supervised hours, or set experience hours to 0 if only supervised hours are required",
    ]);
  });

  it("accepts supervised hours within the experience hours, or on their own with no experience minimum", () => {
    expect(problemsOfNew({ ...minimal, experience: { hours: 500, supervisedHours: 25 } })).toEqual([]);
    expect(problemsOfNew({ ...minimal, experience: { hours: 500, supervisedHours: 500 } })).toEqual([]);
    // Texas RSPS: 250 supervised hours and no other experience minimum.
    expect(problemsOfNew({ ...minimal, experience: { hours: 0, supervisedHours: 250 } })).toEqual([]);
  });

  it("still reads a stored version saved before the rule, and keeps the schema's own rules", () => {
    expect(problems({ ...minimal, experience: { hours: 500, supervisedHours: 600 } })).toEqual([]);
    expect(problemsOfNew({ ...minimal, experience: { hours: -1 } })).toEqual(["experience.hours: Hours cannot be negative"]);
  });

  it("refuses a training domain that alone asks for more hours than the training total", () => {
    const training = { totalHours: 75, domains: [{ key: "ethics", label: "Ethics", minHours: 100 }] };
    expect(problemsOfNew({ ...minimal, training })).toEqual([
      "training.domains.0.minHours: Ethics alone asks for 100 hours, more than the 75 training hours in all, which its hours are part of; " +
        "raise the total training hours to at least 100 or lower the minimum for Ethics",
    ]);
    expect(problemsOfNew({ ...minimal, training: { ...training, totalHours: 100 } })).toEqual([]);
    expect(problems({ ...minimal, training })).toEqual([]);
  });

  it("accepts domain minimums that only add up to more than the total, as Kentucky's KRS 309.0831 writes them", () => {
    const domains = [16, 10, 10, 10, 3, 2].map((minHours, index) => ({ key: `domain-${index + 1}`, label: `Domain ${index + 1}`, minHours }));
    expect(problemsOfNew({ ...minimal, training: { totalHours: 40, domains } })).toEqual([]);
  });

  it("refuses continuing-education category minimums that come to more than the hours per renewal", () => {
    const renewal = (totalHours: number) => ({
      periodMonths: 24,
      continuingEducation: {
        totalHours,
        categories: [
          { key: "peer-recovery", label: "Peer recovery", minHours: 50 },
          { key: "ethics", label: "Ethics", minHours: 3 },
        ],
      },
    });
    expect(problemsOfNew({ ...minimal, renewal: renewal(36) })).toEqual([
      "renewal.continuingEducation.totalHours: The continuing-education minimums by category (Peer recovery 50, Ethics 3) come to 53 hours, " +
        "more than the 36 hours per renewal they are part of; raise the continuing-education hours to at least 53 or lower the category minimums",
    ]);
    expect(problemsOfNew({ ...minimal, renewal: renewal(53) })).toEqual([]);
    expect(problems({ ...minimal, renewal: renewal(36) })).toEqual([]);
  });

  it("still refuses a domain maximum below its minimum", () => {
    const domains = [{ key: "whole-health", label: "Whole health", minHours: 8, maxHours: 6 }];
    expect(problemsOfNew({ ...minimal, training: { totalHours: 40, domains } })).toEqual([
      "training.domains.0.maxHours: The maximum for Whole health is below its minimum; raise the maximum or lower the minimum",
    ]);
  });
});

describe("readNewRequirement", () => {
  it("returns the version when it is valid", () => {
    expect(readNewRequirement(minimal)).toMatchObject({ requirement: { credentialCode: "APSS" }, problems: [] });
  });

  it("says so in words when the requirement is empty or is not a set of keys", () => {
    expect(readNewRequirement(null).problems).toEqual(["The requirement is empty: paste or write the YAML for it"]);
    expect(readNewRequirement(undefined).problems).toEqual(["The requirement is empty: paste or write the YAML for it"]);
    expect(readNewRequirement("just some words").problems).toEqual([
      "The requirement must be YAML keys with their values, one a line, like jurisdictionCode: KY",
    ]);
  });

  it("names keys left out, left empty or given the wrong kind of value, in words", () => {
    const { credentialCode: _credentialCode, crosswalk, ...withoutCode } = minimal;
    const { advocacy: _advocacy, ...crosswalkWithoutAdvocacy } = crosswalk;
    expect(readNewRequirement({ ...withoutCode, crosswalk: crosswalkWithoutAdvocacy, exam: null, evidence: "none", reviewerChecks: [""] }).problems).toEqual([
      "credentialCode: Missing; add it",
      "crosswalk.advocacy: Name the training domain these course hours count toward, or null for the total only",
      "exam: Empty; give it a value",
      "evidence: Enter a list, one item a line starting with -",
      "reviewerChecks.0: Cannot be empty",
    ]);
    expect(readNewRequirement({ ...minimal, exam: { ...minimal.exam, required: "yes" } }).problems).toEqual(["exam.required: Enter true or false"]);
  });

  it("names misspelt keys, choices not on the list and figures out of range, in words", () => {
    expect(
      readNewRequirement({
        ...minimal,
        training: { totalHours: 30, domain: [] },
        evidence: [{ kind: "letter", count: 3 }, { kind: "letters-of-recommendation", count: 30 }],
        provisional: { name: "Provisional", durationMonths: 6, deferred: ["training", "interview"] },
      }).problems,
    ).toEqual([
      "training: domain is not a key it can have; check the spelling or remove it",
      "evidence.0.kind: Use one of document, letters-of-recommendation, months-in-recovery, code-of-ethics-attestation",
      "evidence.1.count: Ask for at most 20 letters",
      "provisional.deferred.1: Use one of training, experience, supervised, exam, evidence",
    ]);
  });
});

describe("parseRequirementYaml", () => {
  const typed = (replace: (yaml: string) => string) => readNewRequirement(parseRequirementYaml(replace(stringify(minimal))));

  it("reads figures written as plain digits and decimals, spaces and all", () => {
    expect(parseRequirementYaml("totalHours:  40 \nminHours: 0.25\nmonths: -3\nname: '1e1'\n")).toEqual({ totalHours: 40, minHours: 0.25, months: -3, name: "1e1" });
    expect(typed((yaml) => yaml)).toMatchObject({ problems: [] });
  });

  it("refuses figures YAML would read as other numbers (1e1, 0x2, 0o7, +3, .inf), naming the field", () => {
    expect(parseRequirementYaml("a: 1e1\nb: 0x2\nc: 0o7\nd: +3\ne: .inf\nf: .nan\n")).toEqual({ a: "1e1", b: "0x2", c: "0o7", d: "+3", e: ".inf", f: ".nan" });
    expect(typed((yaml) => yaml.replace("totalHours: 30", "totalHours: 3e1")).problems).toEqual(["training.totalHours: Enter a number of hours"]);
    const withRenewal = { ...minimal, renewal: { periodMonths: 24, continuingEducation: { totalHours: 20 } } };
    expect(readNewRequirement(parseRequirementYaml(stringify(withRenewal).replace("periodMonths: 24", "periodMonths: 0x18"))).problems).toEqual([
      "renewal.periodMonths: Enter a whole number of months",
    ]);
  });

  it("throws on YAML it cannot read", () => {
    expect(() => parseRequirementYaml("training: [unclosed")).toThrow();
  });
});

describe("describeRequirementChanges", () => {
  const icrc = readRequirementFile("icrc-pr.yaml");
  const florida = readRequirementFile("florida-crps.yaml");
  const kentucky = readRequirementFile("kentucky-apss.yaml");

  it("reports nothing when nothing changed but the version number", () => {
    expect(describeRequirementChanges(icrc, { ...icrc, version: 2 })).toEqual([]);
  });

  it("describes a new domain with its minimum and where course hours now count, both ways", () => {
    const without: Requirement = {
      ...icrc,
      training: { totalHours: 40, domains: icrc.training.domains.filter((domain) => domain.key !== "ethical-responsibility") },
      crosswalk: { ...icrc.crosswalk, "ethical-responsibility": null },
    };
    expect(describeRequirementChanges(without, icrc)).toEqual([
      "Total training hours changed from 40 to 46.",
      "Training domain Ethical responsibility added.",
      "Minimum for Ethical responsibility added: 16 hours.",
      "Ethical responsibility course hours now count toward Ethical responsibility; before, they counted toward the total only.",
    ]);
    expect(describeRequirementChanges(icrc, without)).toEqual([
      "Total training hours changed from 46 to 40.",
      "Training domain Ethical responsibility removed.",
      "Ethical responsibility course hours now count toward the total only; before, they counted toward Ethical responsibility.",
    ]);
  });

  it("describes changed minimums, maximums and names of domains", () => {
    const [mentoring, professional, wholeHealth, electives] = florida.training.domains;
    const edited: Requirement = {
      ...florida,
      training: {
        totalHours: 40,
        domains: [
          { ...mentoring!, minHours: 12 },
          { ...professional!, label: "Professional responsibility and ethics" },
          { ...wholeHealth!, maxHours: 12 },
          { ...electives!, maxHours: null },
        ],
      },
    };
    expect(describeRequirementChanges(florida, edited)).toEqual([
      "Minimum for Mentoring changed from 10 to 12 hours.",
      "Training domain Professional responsibility renamed to Professional responsibility and ethics.",
      "Maximum for Whole health changed from 16 to 12 hours.",
      "Maximum for Electives removed (was 4 hours).",
    ]);
  });

  it("names the kinds of document an evidence item accepts as trainees read them, not by their keys", () => {
    const pennsylvania = readRequirementFile("pennsylvania-cps.yaml");
    expect(describeRequirementChanges({ ...pennsylvania, evidence: [] }, pennsylvania)).toEqual([
      "Proof of 12 months of work or 24 college credits now required: Employment verification 12 months or College transcript 24 credits.",
    ]);
    const fewer: Requirement = {
      ...pennsylvania,
      evidence: pennsylvania.evidence.map((item) => (item.kind === "document" ? { ...item, acceptedKinds: ["college-transcript-24-credits"] } : item)),
    };
    expect(describeRequirementChanges(pennsylvania, fewer)).toEqual([
      "Proof of 12 months of work or 24 college credits changed from Employment verification 12 months or College transcript 24 credits to College transcript 24 credits.",
    ]);
  });

  it("describes changes to experience, exam, evidence, renewal, provisional stage and reviewer checks", () => {
    const edited: Requirement = {
      ...kentucky,
      experience: { hours: 500, supervisedHours: 25 },
      exam: { ...kentucky.exam, examId: "ky-apss" },
      evidence: [{ kind: "letters-of-recommendation", count: 3 }, { kind: "code-of-ethics-attestation" }],
      renewal: { periodMonths: 24, continuingEducation: { totalHours: 20, categories: [{ key: "ethics", label: "Ethics", minHours: 6 }] } },
      provisional: { name: "Provisional certification", durationMonths: 6, deferred: ["supervised"] },
      reviewerChecks: ["Supervised face to face at least twice a month"],
    };
    expect(describeRequirementChanges(kentucky, edited)).toEqual([
      "Experience hours changed from 0 to 500.",
      "Supervised hours changed from 0 to 25.",
      "Exam reference changed from none to ky-apss.",
      "Letters of recommendation now required: 3.",
      "Attestation to the code of ethics now required.",
      "Renewal period changed from 12 to 24 months.",
      "Continuing-education hours per renewal changed from 6 to 20.",
      "Minimum Ethics continuing education added: 6 hours.",
      "Provisional stage added: Provisional certification for 6 months, completing supervised hours during it.",
      "Reviewer check removed: Supervised face to face twice a month.",
      "Reviewer check added: Supervised face to face at least twice a month.",
    ]);

    const later: Requirement = { ...edited, evidence: [{ kind: "letters-of-recommendation", count: 2 }], renewal: null, provisional: null };
    expect(describeRequirementChanges(edited, later)).toEqual([
      "Attestation to the code of ethics no longer required.",
      "Letters of recommendation changed from 3 to 2.",
      "Renewal no longer required.",
      "Provisional stage Provisional certification removed.",
    ]);
  });
});
