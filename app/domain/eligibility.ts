// Whether a trainee meets one version of a credential's requirement on a given day, and in words what
// is still missing. Pure: the caller loads the requirement, the hour ledger, the evidence and the exam
// result; nothing here reads a database or the clock. The same ledger may be checked against several
// jurisdictions (reciprocity): each requirement's own crosswalk decides where course hours count.
import {
  evidenceId,
  evidenceLabel,
  type CourseDomain,
  type EvidenceItem,
  type Requirement,
  type RequirementPart,
  type TrainingDomain,
} from "./requirements";

export type LedgerEntryKind = "training" | "experience" | "supervised" | "continuing-education";
export type LedgerEntryStatus = "approved" | "pending" | "rejected" | "voided";

/** One line of a trainee's hour log. Corrections void an entry and add a new one, never a negative one. */
export type LedgerEntry = {
  id: string;
  kind: LedgerEntryKind;
  hours: number;
  /** The course domain training hours were earned in; null for training that is not part of the course. */
  courseDomain: CourseDomain | null;
  ceCategory?: string | null;
  status: LedgerEntryStatus;
  occurredOn: Date;
};

/** What the trainee has provided besides hours, as accepted by a reviewer. */
export type TraineeEvidence = {
  attestedCodeOfEthics: boolean;
  /** Kinds of document provided, e.g. "high-school-diploma". */
  documentKinds: readonly string[];
  lettersOfRecommendation: number;
  monthsInRecovery: number;
};

export type EligibilityInput = {
  requirement: Requirement;
  ledger: readonly LedgerEntry[];
  evidence: TraineeEvidence;
  /** The trainee's exam result; null when they have not sat it. The pass rule belongs to the exam. */
  exam: { passed: boolean } | null;
  asOf: Date;
};

export type EligibilityItem = {
  /** Stable per requirement: "training", "training:whole-health", "experience", "supervised", "exam", "evidence:…". */
  key: string;
  part: RequirementPart;
  label: string;
  unit: "hours" | "months" | "letters" | "check";
  /** Hours to two decimals; a "check" item is 1 required, 1 or 0 earned. */
  required: number;
  earned: number;
  met: boolean;
  /** What is still needed, like "8 more hours of Ethical responsibility"; empty when met. */
  missing: string;
};

export type TrainingDomainProgress = {
  key: string;
  label: string;
  minHours: number;
  maxHours: number | null;
  /** Every approved hour mapped to the domain. */
  earnedHours: number;
  /** What counts toward the domain and the total: earned hours up to the maximum. */
  countedHours: number;
};

export type EligibilityVerdict = {
  eligible: boolean;
  /** True when the requirement has a provisional stage and everything outside it is met, also when fully eligible. */
  provisionalEligible: boolean;
  items: EligibilityItem[];
  /** The missing sentences of the unmet items, in the order of the items. */
  unmet: string[];
  /** Approved training hours toward the total, after domain maximums. */
  countedTrainingHours: number;
  /** Approved training hours before domain maximums. */
  earnedTrainingHours: number;
  /** Training hours whose course domain maps to no jurisdiction domain: they count toward the total only. */
  unmappedTrainingHours: number;
  trainingDomains: TrainingDomainProgress[];
  /** Experience hours including supervised hours. */
  experienceHours: number;
  supervisedHours: number;
  /** Conditions a reviewer confirms by hand; they never make a trainee ineligible here. */
  reviewerChecks: string[];
};

// Hours are summed as whole seconds: a second divides both a hundredth of an hour (36 s) and a minute,
// so neither 0.01 h nor 20-minute entries pick up floating-point error however many are added.
const SECONDS_PER_HUNDREDTH = 36;
const toSeconds = (hours: number) => Math.round(hours * 3600);
// Shown figures round earned hours down and missing hours up, so "29.99 of 30" and "0.01 more hours"
// never claim a requirement is met when it is not.
const earnedHoursShown = (seconds: number) => Math.floor(seconds / SECONDS_PER_HUNDREDTH) / 100;
const missingHoursShown = (seconds: number) => Math.ceil(seconds / SECONDS_PER_HUNDREDTH) / 100;

/**
 * Checks every part of the requirement against what counts on `asOf`: approved entries dated on or
 * before it. Continuing-education entries count toward renewal only, never toward a first credential.
 */
export function evaluateEligibility(input: EligibilityInput): EligibilityVerdict {
  const { requirement, evidence, exam, asOf } = input;
  const counted = input.ledger.filter((entry) => entry.status === "approved" && entry.occurredOn.getTime() <= asOf.getTime());
  const secondsOf = (kind: LedgerEntryKind) =>
    counted.filter((entry) => entry.kind === kind).reduce((sum, entry) => sum + toSeconds(entry.hours), 0);

  const training = countTraining(requirement, counted);
  // IC&RC's "500 h experience, 25 h supervised" means 25 of the 500 are supervised: supervised
  // hours count toward experience as well as toward their own minimum.
  const supervisedSeconds = secondsOf("supervised");
  const experienceSeconds = secondsOf("experience") + supervisedSeconds;

  const items: EligibilityItem[] = [
    ...trainingItems(requirement, training),
    ...hourItem({
      key: "experience",
      part: "experience",
      label: "Experience hours",
      missingNoun: "experience",
      requiredHours: requirement.experience.hours,
      earnedSeconds: experienceSeconds,
    }),
    ...hourItem({
      key: "supervised",
      part: "supervised",
      label: "Supervised hours",
      missingNoun: "supervised experience",
      requiredHours: requirement.experience.supervisedHours,
      earnedSeconds: supervisedSeconds,
    }),
    ...examItems(requirement, exam),
    ...requirement.evidence.map((item) => evidenceItem(item, evidence)),
  ];

  const eligible = items.every((item) => item.met);
  const deferred: readonly RequirementPart[] = requirement.provisional?.deferred ?? [];
  const provisionalEligible =
    requirement.provisional !== null && items.every((item) => item.met || deferred.includes(item.part));

  return {
    eligible,
    provisionalEligible,
    items,
    unmet: items.filter((item) => !item.met).map((item) => item.missing),
    countedTrainingHours: earnedHoursShown(training.countedSeconds),
    earnedTrainingHours: earnedHoursShown(training.earnedSeconds),
    unmappedTrainingHours: earnedHoursShown(training.unmappedSeconds),
    trainingDomains: training.domains.map((domain) => ({
      key: domain.key,
      label: domain.label,
      minHours: domain.minHours,
      maxHours: domain.maxHours,
      earnedHours: earnedHoursShown(domain.earnedSeconds),
      countedHours: earnedHoursShown(domain.countedSeconds),
    })),
    experienceHours: earnedHoursShown(experienceSeconds),
    supervisedHours: earnedHoursShown(supervisedSeconds),
    reviewerChecks: [...requirement.reviewerChecks],
  };
}

type DomainTally = TrainingDomain & { earnedSeconds: number; countedSeconds: number };

/**
 * Training hours go through the requirement's crosswalk into its domains. Hours above a domain's
 * maximum count toward neither the domain nor the total: Florida caps whole health at 16 hours, so a
 * 20th hour of it must not stand in for an hour the trainee still owes elsewhere. Hours of a course
 * domain the crosswalk leaves unmapped, and training outside the course, count toward the total only.
 */
function countTraining(requirement: Requirement, counted: readonly LedgerEntry[]) {
  const earnedByDomain = new Map<string, number>();
  let earnedSeconds = 0;
  let unmappedSeconds = 0;
  for (const entry of counted) {
    if (entry.kind !== "training") continue;
    const seconds = toSeconds(entry.hours);
    earnedSeconds += seconds;
    const target = entry.courseDomain === null ? null : requirement.crosswalk[entry.courseDomain];
    if (target === null) unmappedSeconds += seconds;
    else earnedByDomain.set(target, (earnedByDomain.get(target) ?? 0) + seconds);
  }
  const domains: DomainTally[] = requirement.training.domains.map((domain) => {
    const domainEarned = earnedByDomain.get(domain.key) ?? 0;
    const countedSeconds = domain.maxHours === null ? domainEarned : Math.min(domainEarned, toSeconds(domain.maxHours));
    return { ...domain, earnedSeconds: domainEarned, countedSeconds };
  });
  const countedSeconds = unmappedSeconds + domains.reduce((sum, domain) => sum + domain.countedSeconds, 0);
  return { domains, earnedSeconds, countedSeconds, unmappedSeconds };
}

function trainingItems(requirement: Requirement, training: ReturnType<typeof countTraining>): EligibilityItem[] {
  const total = hourItem({
    key: "training",
    part: "training",
    label: "Training hours",
    missingNoun: "training",
    requiredHours: requirement.training.totalHours,
    earnedSeconds: training.countedSeconds,
  });
  // When the total falls short, say which capped hours did not count, so the trainee knows that more
  // of the same domain will not help.
  const overMaximum = training.domains
    .filter((domain) => domain.earnedSeconds > domain.countedSeconds)
    .map((domain) => `${figure(earnedHoursShown(domain.earnedSeconds - domain.countedSeconds))} in ${domain.label}`);
  const totalItems = total.map((item) =>
    item.met || overMaximum.length === 0
      ? item
      : { ...item, missing: `${item.missing} (hours above a domain's maximum do not count: ${joinWords(overMaximum)})` },
  );
  const domainItems = training.domains
    .filter((domain) => domain.minHours > 0)
    .flatMap((domain) =>
      hourItem({
        key: `training:${domain.key}`,
        part: "training",
        label: domain.label,
        missingNoun: domain.label,
        requiredHours: domain.minHours,
        earnedSeconds: domain.countedSeconds,
      }),
    );
  return [...totalItems, ...domainItems];
}

/** An hours item, or none when nothing is required (a zero minimum is not worth showing). */
function hourItem({
  key,
  part,
  label,
  missingNoun,
  requiredHours,
  earnedSeconds,
}: {
  key: string;
  part: RequirementPart;
  label: string;
  /** Completes "8 more hours of …". */
  missingNoun: string;
  requiredHours: number;
  earnedSeconds: number;
}): EligibilityItem[] {
  if (requiredHours <= 0) return [];
  const shortSeconds = toSeconds(requiredHours) - earnedSeconds;
  const met = shortSeconds <= 0;
  const short = missingHoursShown(shortSeconds);
  return [
    {
      key,
      part,
      label,
      unit: "hours",
      required: requiredHours,
      earned: earnedHoursShown(earnedSeconds),
      met,
      missing: met ? "" : `${figure(short)} more ${short === 1 ? "hour" : "hours"} of ${missingNoun}`,
    },
  ];
}

function examItems(requirement: Requirement, exam: EligibilityInput["exam"]): EligibilityItem[] {
  if (!requirement.exam.required) return [];
  const passed = exam?.passed === true;
  return [checkItem("exam", "exam", requirement.exam.name, passed, `A pass on the ${requirement.exam.name}`)];
}

function evidenceItem(item: EvidenceItem, evidence: TraineeEvidence): EligibilityItem {
  const key = `evidence:${evidenceId(item)}`;
  const label = evidenceLabel(item);
  switch (item.kind) {
    case "document": {
      const provided = item.acceptedKinds.some((kind) => evidence.documentKinds.includes(kind));
      return checkItem(key, "evidence", label, provided, label);
    }
    case "code-of-ethics-attestation":
      return checkItem(key, "evidence", label, evidence.attestedCodeOfEthics, "Your attestation to the code of ethics");
    case "letters-of-recommendation":
      return countItem(key, label, "letters", item.count, evidence.lettersOfRecommendation, ["letter", "letters"], "of recommendation");
    case "months-in-recovery":
      return countItem(key, label, "months", item.months, evidence.monthsInRecovery, ["month", "months"], "in recovery");
  }
}

function checkItem(key: string, part: RequirementPart, label: string, met: boolean, missing: string): EligibilityItem {
  return { key, part, label, unit: "check", required: 1, earned: met ? 1 : 0, met, missing: met ? "" : missing };
}

function countItem(
  key: string,
  label: string,
  unit: "letters" | "months",
  required: number,
  earned: number,
  [singular, plural]: [string, string],
  tail: string,
): EligibilityItem {
  const met = earned >= required;
  const short = Math.ceil((required - earned) * 100) / 100;
  const missing = met ? "" : `${figure(short)} more ${short === 1 ? singular : plural} ${tail}`;
  return { key, part: "evidence", label, unit, required, earned: Math.floor(earned * 100) / 100, met, missing };
}

/** 8, 19.5, 0.01: the shortest form of a figure already rounded to hundredths. */
function figure(value: number): string {
  return String(value);
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
