// What a credential requires, as data a certification board edits: one version per change, never code.
// Validated with zod so a board's edit (or a seed file in content/requirements/) that the rules engine
// could misread is refused with a sentence saying what to fix. eligibility.ts reads these versions.
import { parseDocument, visit } from "yaml";
import { z } from "zod";

import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS, type CourseDomainKey } from "./course-domains";
import { parsePlainDecimal } from "./form-numbers";

/** The domains the PeerPath course credits hours to; every module lists its hours by these. */
export const COURSE_DOMAINS = COURSE_DOMAIN_KEYS;
export type CourseDomain = CourseDomainKey;
export { COURSE_DOMAIN_LABELS };

/**
 * The parts of a requirement a trainee meets separately. A provisional stage names the parts a
 * provisional holder may still be completing.
 */
export const REQUIREMENT_PARTS = ["training", "experience", "supervised", "exam", "evidence"] as const;
export type RequirementPart = (typeof REQUIREMENT_PARTS)[number];

const REQUIREMENT_PART_LABELS: Record<RequirementPart, string> = {
  training: "training hours",
  experience: "experience hours",
  supervised: "supervised hours",
  exam: "the exam",
  evidence: "other evidence",
};

// Two decimals are what a board publishes (19.5 h, 0.25 h); finer figures would only be typing slips.
const Hours = z
  .number({ error: "Enter a number of hours" })
  .min(0, "Hours cannot be negative")
  .max(10_000, "Enter at most 10,000 hours")
  .refine((hours) => Math.abs(hours * 100 - Math.round(hours * 100)) < 1e-6, "Enter hours to at most two decimal places");

const key = (error = "Enter a key") =>
  z.string({ error }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and hyphens for a key, like whole-health");
const Key = key();

const Label = z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").max(150, "Use at most 150 characters");

const Code = z.string().regex(/^[A-Z]{2,10}$/, "Use 2-10 upper-case letters");

const TrainingDomainSchema = z.strictObject({
  key: Key,
  label: Label,
  minHours: Hours.default(0),
  /** Hours above the maximum do not count toward the total (Florida: whole health 8-16). */
  maxHours: Hours.nullable().default(null),
});

const EvidenceItemSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("document"),
    key: Key,
    label: Label,
    /** Any one of these document kinds satisfies the item (Pennsylvania: 12 months' work or 24 college credits). */
    acceptedKinds: z.array(Key).min(1, "Name at least one kind of document that satisfies this item"),
  }),
  z.strictObject({
    kind: z.literal("letters-of-recommendation"),
    count: z.int("Enter a whole number of letters").min(1, "Ask for at least one letter").max(20, "Ask for at most 20 letters"),
  }),
  z.strictObject({
    kind: z.literal("months-in-recovery"),
    months: z.int("Enter a whole number of months").min(1, "Ask for at least one month").max(600, "Ask for at most 600 months"),
  }),
  z.strictObject({ kind: z.literal("code-of-ethics-attestation") }),
]);

const ContinuingEducationCategorySchema = z.strictObject({ key: Key, label: Label, minHours: Hours });

const RenewalSchema = z.strictObject({
  periodMonths: z.int("Enter a whole number of months").min(1, "Enter a renewal period of at least 1 month").max(120, "Enter a renewal period of at most 120 months"),
  continuingEducation: z.strictObject({
    totalHours: Hours,
    /** Minimums within the total; hours beyond them may be in any category (Pennsylvania's 9 electives). */
    categories: z.array(ContinuingEducationCategorySchema).default([]),
  }),
});

const ProvisionalSchema = z.strictObject({
  name: Label,
  durationMonths: z.int("Enter a whole number of months").min(1, "Make the stage at least one month").max(60, "Make the stage at most 60 months"),
  /** Parts a provisional holder completes during the stage; everything else must be met before it. */
  deferred: z.array(z.enum(REQUIREMENT_PARTS)).min(1, "Name at least one part completed during the provisional stage"),
});

export const RequirementSchema = z
  .strictObject({
    jurisdictionCode: Code,
    credentialCode: Code,
    version: z.int("Enter a whole version number").min(1, "Number versions from 1"),
    /** The rule or standard the figures come from, so a reader can re-check them. */
    source: z.string().trim().min(1, "Name the rule or standard these figures come from").max(300),
    training: z.strictObject({
      totalHours: Hours,
      domains: z.array(TrainingDomainSchema).max(30).default([]),
    }),
    /**
     * Which of the jurisdiction's training domains each course domain's hours count toward; null means
     * toward the total only. Every course domain is listed, so a board decides each one explicitly.
     */
    crosswalk: z.record(z.enum(COURSE_DOMAINS), key("Name the training domain these course hours count toward, or null for the total only").nullable()),
    experience: z.strictObject({
      /** Supervised hours count toward these too (IC&RC: 25 of the 500 are supervised). */
      hours: Hours.default(0),
      supervisedHours: Hours.default(0),
    }),
    exam: z.strictObject({
      required: z.boolean(),
      name: Label,
      /** Opaque reference to the exam that holds the pass rule; null while the exam is run outside PeerPath. */
      examId: z.string().trim().min(1).max(100).nullable(),
    }),
    evidence: z.array(EvidenceItemSchema).default([]),
    renewal: RenewalSchema.nullable(),
    provisional: ProvisionalSchema.nullable().default(null),
    /** Conditions a reviewer confirms by hand (Florida: 250 of the 500 experience hours peer-specific). */
    reviewerChecks: z.array(z.string().trim().min(1).max(300)).default([]),
  })
  .superRefine((requirement, ctx) => {
    const domainKeys = new Set<string>();
    requirement.training.domains.forEach((domain, index) => {
      if (domainKeys.has(domain.key)) {
        ctx.addIssue({ code: "custom", path: ["training", "domains", index, "key"], message: `The domain ${domain.key} is listed twice` });
      }
      domainKeys.add(domain.key);
      if (domain.maxHours !== null && domain.maxHours < domain.minHours) {
        ctx.addIssue({
          code: "custom",
          path: ["training", "domains", index, "maxHours"],
          message: `The maximum for ${domain.label} is below its minimum; raise the maximum or lower the minimum`,
        });
      }
    });
    for (const courseDomain of COURSE_DOMAINS) {
      const target = requirement.crosswalk[courseDomain];
      if (target !== null && !domainKeys.has(target)) {
        ctx.addIssue({
          code: "custom",
          path: ["crosswalk", courseDomain],
          message: `${COURSE_DOMAIN_LABELS[courseDomain]} maps to ${target}, which is not one of this credential's training domains`,
        });
      }
    }
    const evidenceIds = new Set<string>();
    requirement.evidence.forEach((item, index) => {
      const id = evidenceId(item);
      if (evidenceIds.has(id)) {
        ctx.addIssue({ code: "custom", path: ["evidence", index], message: `${evidenceLabel(item)} is listed twice` });
      }
      evidenceIds.add(id);
    });
    const categoryKeys = new Set<string>();
    requirement.renewal?.continuingEducation.categories.forEach((category, index) => {
      if (categoryKeys.has(category.key)) {
        ctx.addIssue({
          code: "custom",
          path: ["renewal", "continuingEducation", "categories", index, "key"],
          message: `The continuing-education category ${category.key} is listed twice`,
        });
      }
      categoryKeys.add(category.key);
    });
  });

/**
 * A requirement version a board saves now, or a content file seeds: RequirementSchema and the rules
 * added since versions were first stored. Those rules stay out of RequirementSchema, which reads every
 * stored version, so a version saved before a rule existed still reads and only a new one is refused.
 */
export const NewRequirementSchema = RequirementSchema.superRefine((requirement, ctx) => {
  const { hours: experienceHours, supervisedHours } = requirement.experience;
  // Supervised hours are part of the experience hours (IC&RC: 25 of the 500), so they cannot be more
  // than them. No experience hours means no minimum besides the supervised one (Texas: 250 supervised).
  if (experienceHours > 0 && supervisedHours > experienceHours) {
    ctx.addIssue({
      code: "custom",
      path: ["experience", "supervisedHours"],
      message:
        `Supervised hours are part of the experience hours, so ${hours(supervisedHours)} supervised hours cannot fit in ${hours(experienceHours)} experience hours; ` +
        `raise the experience hours to at least ${hours(supervisedHours)}, lower the supervised hours, or set experience hours to 0 if only supervised hours are required`,
    });
  }
  // A domain's hours are part of the training total, so one domain cannot ask for more than the whole.
  // Minimums that only add up to more than the total stay allowed: Kentucky's KRS 309.0831 asks for 51
  // hours of domains against a 40-hour total, and a board enters its rule as written.
  const totalHours = requirement.training.totalHours;
  requirement.training.domains.forEach((domain, index) => {
    if (domain.minHours <= totalHours) return;
    ctx.addIssue({
      code: "custom",
      path: ["training", "domains", index, "minHours"],
      message:
        `${domain.label} alone asks for ${hours(domain.minHours)} hours, more than the ${hours(totalHours)} training hours in all, which its hours are part of; ` +
        `raise the total training hours to at least ${hours(domain.minHours)} or lower the minimum for ${domain.label}`,
    });
  });
  // Category minimums are within the continuing-education hours (hours beyond them are electives), so
  // together they cannot be more than those hours.
  const continuingEducation = requirement.renewal?.continuingEducation;
  const categoryHundredths = continuingEducation?.categories.reduce((sum, category) => sum + Math.round(category.minHours * 100), 0) ?? 0;
  if (continuingEducation && categoryHundredths > Math.round(continuingEducation.totalHours * 100)) {
    const minimums = continuingEducation.categories.map((category) => `${category.label} ${hours(category.minHours)}`).join(", ");
    const needed = hours(categoryHundredths / 100);
    ctx.addIssue({
      code: "custom",
      path: ["renewal", "continuingEducation", "totalHours"],
      message:
        `The continuing-education minimums by category (${minimums}) come to ${needed} hours, more than the ${hours(continuingEducation.totalHours)} hours per renewal they are part of; ` +
        `raise the continuing-education hours to at least ${needed} or lower the category minimums`,
    });
  }
});

/**
 * Zod's own messages ("Invalid input: expected string, received undefined") in a board member's
 * words, for what the schema's fields do not word themselves: a key left out or left empty, a value of
 * the wrong kind, a misspelt key, a choice not on the list, a figure out of range.
 */
const inBoardWords: z.core.$ZodErrorMap = (issue) => {
  if (!issue.path?.length && issue.code === "invalid_type") {
    return issue.input === null || issue.input === undefined
      ? "The requirement is empty: paste or write the YAML for it"
      : "The requirement must be YAML keys with their values, one a line, like jurisdictionCode: KY";
  }
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Missing; add it";
      if (issue.input === null) return "Empty; give it a value";
      return `Enter ${VALUE_WORDS[issue.expected] ?? issue.expected}`;
    case "unrecognized_keys":
      return `${issue.keys.join(", ")} ${issue.keys.length > 1 ? "are not keys" : "is not a key"} it can have; check the spelling or remove ${issue.keys.length > 1 ? "them" : "it"}`;
    case "invalid_value":
      return `Use one of ${issue.values.map(String).join(", ")}`;
    case "invalid_union":
      return issue.discriminator ? `Use one of ${(issue.options as unknown[]).map(String).join(", ")}` : undefined;
    case "too_small":
    case "too_big": {
      const limit = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
      const bound = issue.code === "too_small" ? (issue.inclusive === false ? "more than" : "at least") : issue.inclusive === false ? "less than" : "at most";
      if (issue.origin === "string") return issue.code === "too_small" && limit === 1 ? "Cannot be empty" : `Use ${bound} ${limit} characters`;
      if (issue.origin === "array") return `List ${bound} ${limit}`;
      return `Enter ${bound} ${limit}`;
    }
    default:
      return undefined;
  }
};

const VALUE_WORDS: Partial<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "its keys, indented below it",
  record: "its keys, indented below it",
  array: "a list, one item a line starting with -",
};

/**
 * A requirement version a board (or a content file) proposes, from its parsed YAML: the version, or
 * every problem as "path: what to fix" (just "what to fix" for the requirement as a whole).
 */
export function readNewRequirement(data: unknown): { requirement?: Requirement; problems: string[] } {
  const result = NewRequirementSchema.safeParse(data, { error: inBoardWords });
  if (result.success) return { requirement: result.data, problems: [] };
  return { problems: result.error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)) };
}

/**
 * The YAML a board types into the requirement editor, as data. YAML itself reads 1e1 as 10, 0x2 as 2,
 * 0o7 as 7, +3 as 3 and .inf as Infinity; a figure written other than as plain digits (with a decimal
 * part for hours) is kept as the text typed, so its field asks for a number instead of reading it.
 * Throws the first syntax error, like yaml's parse().
 */
export function parseRequirementYaml(text: string): unknown {
  const document = parseDocument(text);
  if (document.errors[0]) throw document.errors[0];
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === "number" && node.source !== undefined && Number.isNaN(parsePlainDecimal(node.source))) node.value = node.source;
    },
  });
  return document.toJS();
}

/** A requirement version as a board writes it (defaults may be left out). */
export type RequirementInput = z.input<typeof RequirementSchema>;
/** A validated requirement version, with defaults filled in. */
export type Requirement = z.output<typeof RequirementSchema>;
export type TrainingDomain = Requirement["training"]["domains"][number];
export type EvidenceItem = Requirement["evidence"][number];

/** Letters, months and the attestation appear at most once; a document is known by its key. */
export function evidenceId(item: EvidenceItem): string {
  return item.kind === "document" ? `document:${item.key}` : item.kind;
}

export function evidenceLabel(item: EvidenceItem): string {
  switch (item.kind) {
    case "document":
      return item.label;
    case "letters-of-recommendation":
      return "Letters of recommendation";
    case "months-in-recovery":
      return "Months in recovery";
    case "code-of-ethics-attestation":
      return "Attestation to the code of ethics";
  }
}

/** A kind of document as trainees and boards read it: employment-verification-12-months is "Employment verification 12 months". */
export function documentKindLabel(kind: string): string {
  const words = kind.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What changed between two versions of a requirement, as sentences a board member reads before
 * publishing ("Total training hours changed from 40 to 46."). Empty when nothing a trainee would
 * notice changed; the version number itself is not reported.
 */
export function describeRequirementChanges(previous: Requirement, next: Requirement): string[] {
  return [
    ...describeIdentityChanges(previous, next),
    ...describeTrainingChanges(previous, next),
    ...describeCrosswalkChanges(previous, next),
    ...describeExperienceChanges(previous, next),
    ...describeExamChanges(previous, next),
    ...describeEvidenceChanges(previous, next),
    ...describeRenewalChanges(previous, next),
    ...describeProvisionalChanges(previous, next),
    ...describeListChanges(previous.reviewerChecks, next.reviewerChecks, "Reviewer check"),
  ];
}

function describeIdentityChanges(previous: Requirement, next: Requirement): string[] {
  const changes: string[] = [];
  const before = `${previous.jurisdictionCode}/${previous.credentialCode}`;
  const after = `${next.jurisdictionCode}/${next.credentialCode}`;
  if (before !== after) changes.push(`Credential changed from ${before} to ${after}.`);
  if (previous.source !== next.source) changes.push(`Source changed from "${previous.source}" to "${next.source}".`);
  return changes;
}

function describeTrainingChanges(previous: Requirement, next: Requirement): string[] {
  const changes: string[] = [];
  if (previous.training.totalHours !== next.training.totalHours) {
    changes.push(`Total training hours changed from ${hours(previous.training.totalHours)} to ${hours(next.training.totalHours)}.`);
  }
  const previousDomains = new Map(previous.training.domains.map((domain) => [domain.key, domain]));
  const nextKeys = new Set(next.training.domains.map((domain) => domain.key));
  for (const domain of previous.training.domains) {
    if (!nextKeys.has(domain.key)) changes.push(`Training domain ${domain.label} removed.`);
  }
  for (const domain of next.training.domains) {
    const before = previousDomains.get(domain.key);
    if (!before) changes.push(`Training domain ${domain.label} added.`);
    else if (before.label !== domain.label) changes.push(`Training domain ${before.label} renamed to ${domain.label}.`);
    // A new domain is compared with "no minimum, no maximum", so its figures read as added; a zero
    // minimum is no minimum.
    const minimum = (figure: number | undefined) => (figure ? figure : null);
    changes.push(
      ...describeLimit("Minimum", domain.label, minimum(before?.minHours), minimum(domain.minHours)),
      ...describeLimit("Maximum", domain.label, before ? before.maxHours : null, domain.maxHours),
    );
  }
  return changes;
}

function describeLimit(kind: string, label: string, before: number | null, after: number | null): string[] {
  if (before === after) return [];
  if (before === null) return [`${kind} for ${label} added: ${hours(after!)} hours.`];
  if (after === null) return [`${kind} for ${label} removed (was ${hours(before)} hours).`];
  return [`${kind} for ${label} changed from ${hours(before)} to ${hours(after)} hours.`];
}

function describeCrosswalkChanges(previous: Requirement, next: Requirement): string[] {
  const domainLabel = (requirement: Requirement, key: string | null) =>
    key === null ? null : (requirement.training.domains.find((domain) => domain.key === key)?.label ?? key);
  const changes: string[] = [];
  for (const courseDomain of COURSE_DOMAINS) {
    const before = previous.crosswalk[courseDomain];
    const after = next.crosswalk[courseDomain];
    if (before === after) continue;
    const course = `${COURSE_DOMAIN_LABELS[courseDomain]} course hours`;
    const toward = (label: string | null) => (label === null ? "toward the total only" : `toward ${label}`);
    changes.push(`${course} now count ${toward(domainLabel(next, after))}; before, they counted ${toward(domainLabel(previous, before))}.`);
  }
  return changes;
}

function describeExperienceChanges(previous: Requirement, next: Requirement): string[] {
  const changes: string[] = [];
  if (previous.experience.hours !== next.experience.hours) {
    changes.push(`Experience hours changed from ${hours(previous.experience.hours)} to ${hours(next.experience.hours)}.`);
  }
  if (previous.experience.supervisedHours !== next.experience.supervisedHours) {
    changes.push(
      `Supervised hours changed from ${hours(previous.experience.supervisedHours)} to ${hours(next.experience.supervisedHours)}.`,
    );
  }
  return changes;
}

function describeExamChanges(previous: Requirement, next: Requirement): string[] {
  const changes: string[] = [];
  if (previous.exam.required !== next.exam.required) {
    changes.push(next.exam.required ? `An exam is now required: ${next.exam.name}.` : "An exam is no longer required.");
  }
  if (previous.exam.name !== next.exam.name) changes.push(`Exam renamed from ${previous.exam.name} to ${next.exam.name}.`);
  if (previous.exam.examId !== next.exam.examId) {
    const reference = (examId: string | null) => examId ?? "none";
    changes.push(`Exam reference changed from ${reference(previous.exam.examId)} to ${reference(next.exam.examId)}.`);
  }
  return changes;
}

function describeEvidenceChanges(previous: Requirement, next: Requirement): string[] {
  const changes: string[] = [];
  const previousItems = new Map(previous.evidence.map((item) => [evidenceId(item), item]));
  const nextIds = new Set(next.evidence.map(evidenceId));
  for (const item of previous.evidence) {
    if (!nextIds.has(evidenceId(item))) changes.push(`${evidenceLabel(item)} no longer required.`);
  }
  for (const item of next.evidence) {
    const before = previousItems.get(evidenceId(item));
    if (!before) {
      changes.push(`${evidenceLabel(item)} now required${evidenceAmount(item)}.`);
    } else if (evidenceLabel(before) !== evidenceLabel(item)) {
      changes.push(`${evidenceLabel(before)} renamed to ${evidenceLabel(item)}.`);
    }
    if (before && evidenceAmount(before) !== evidenceAmount(item)) {
      changes.push(`${evidenceLabel(item)} changed from${evidenceAmount(before).slice(1)} to${evidenceAmount(item).slice(1)}.`);
    }
  }
  return changes;
}

/** The figure an evidence item asks for, as ": 3" or ": Employment verification 12 months or College transcript 24 credits"; empty if none. */
function evidenceAmount(item: EvidenceItem): string {
  switch (item.kind) {
    case "document":
      return `: ${item.acceptedKinds.map(documentKindLabel).join(" or ")}`;
    case "letters-of-recommendation":
      return `: ${item.count}`;
    case "months-in-recovery":
      return `: ${item.months}`;
    case "code-of-ethics-attestation":
      return "";
  }
}

function describeRenewalChanges(previous: Requirement, next: Requirement): string[] {
  const before = previous.renewal;
  const after = next.renewal;
  if (!before && !after) return [];
  if (!after) return ["Renewal no longer required."];
  if (!before) {
    return [
      `Renewal added: every ${after.periodMonths} months, with ${hours(after.continuingEducation.totalHours)} continuing-education hours.`,
      ...after.continuingEducation.categories.map(
        (category) => `Minimum ${category.label} continuing education added: ${hours(category.minHours)} hours.`,
      ),
    ];
  }
  const changes: string[] = [];
  if (before.periodMonths !== after.periodMonths) {
    changes.push(`Renewal period changed from ${before.periodMonths} to ${after.periodMonths} months.`);
  }
  if (before.continuingEducation.totalHours !== after.continuingEducation.totalHours) {
    const [from, to] = [before.continuingEducation.totalHours, after.continuingEducation.totalHours];
    changes.push(`Continuing-education hours per renewal changed from ${hours(from)} to ${hours(to)}.`);
  }
  const beforeCategories = new Map(before.continuingEducation.categories.map((category) => [category.key, category]));
  const afterCategories = new Map(after.continuingEducation.categories.map((category) => [category.key, category]));
  for (const category of before.continuingEducation.categories) {
    if (!afterCategories.has(category.key)) {
      changes.push(`Minimum ${category.label} continuing education removed (was ${hours(category.minHours)} hours).`);
    }
  }
  for (const category of after.continuingEducation.categories) {
    const earlier = beforeCategories.get(category.key);
    if (!earlier) {
      changes.push(`Minimum ${category.label} continuing education added: ${hours(category.minHours)} hours.`);
    } else if (earlier.minHours !== category.minHours) {
      changes.push(`Minimum ${category.label} continuing education changed from ${hours(earlier.minHours)} to ${hours(category.minHours)} hours.`);
    }
  }
  return changes;
}

function describeProvisionalChanges(previous: Requirement, next: Requirement): string[] {
  const before = previous.provisional;
  const after = next.provisional;
  const deferred = (parts: readonly RequirementPart[]) => parts.map((part) => REQUIREMENT_PART_LABELS[part]).join(", ");
  if (!before && !after) return [];
  if (!after) return [`Provisional stage ${before!.name} removed.`];
  if (!before) {
    return [`Provisional stage added: ${after.name} for ${after.durationMonths} months, completing ${deferred(after.deferred)} during it.`];
  }
  const changes: string[] = [];
  if (before.name !== after.name) changes.push(`Provisional stage renamed from ${before.name} to ${after.name}.`);
  if (before.durationMonths !== after.durationMonths) {
    changes.push(`Provisional stage changed from ${before.durationMonths} to ${after.durationMonths} months.`);
  }
  if (deferred(before.deferred) !== deferred(after.deferred)) {
    changes.push(`During the provisional stage, holders now complete ${deferred(after.deferred)} (before: ${deferred(before.deferred)}).`);
  }
  return changes;
}

function describeListChanges(before: readonly string[], after: readonly string[], noun: string): string[] {
  return [
    ...before.filter((entry) => !after.includes(entry)).map((entry) => `${noun} removed: ${entry}`),
    ...after.filter((entry) => !before.includes(entry)).map((entry) => `${noun} added: ${entry}`),
  ].map((sentence) => (sentence.endsWith(".") ? sentence : `${sentence}.`));
}

/** Figures are stored to two decimals, so the shortest form reads as the board wrote it: 40, 19.5. */
function hours(value: number): string {
  return String(Math.round(value * 100) / 100);
}
