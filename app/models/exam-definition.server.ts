// An exam's rules as the board edits them: blueprint, pretest items, time, pass rule (a raw cut or a
// modified-Angoff study), reporting scale, attempts and waiting period, who may sit it, item review
// after scoring, and whether candidates can see it. Validated as a whole; saved with an audit event.
import { z } from "zod";
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS, type CourseDomainKey } from "~/domain/course-domains";
import { angoffRule, readAngoffRatings } from "~/domain/angoff-ratings";
import { formWholeNumber, parsePlainDecimal, parseWholeNumber, wholeNumberMessages } from "~/domain/form-numbers";
import { angoffCut, type PassRule, type Scaling } from "~/domain/exam-scoring";
import { Prisma, type Exam } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { blueprintShortfalls, liveCountsByDomain } from "./exam-bank.server";
import { PassRuleSchema, ScalingSchema } from "./exam-files.server";

export { REVIEW_POLICIES, REVIEW_POLICY_LABELS, type ReviewPolicy } from "~/domain/exam-labels";
import { REVIEW_POLICIES, type ReviewPolicy } from "~/domain/exam-labels";

export type Definition = {
  blueprint: Record<CourseDomainKey, number>;
  pretestCount: number;
  timeLimitMinutes: number;
  passRule: PassRule;
  scaling: Scaling | null;
  attemptsAllowed: number;
  waitingDays: number;
  requiresTrainingForId: string | null;
  reviewPolicy: ReviewPolicy;
  published: boolean;
};

export type FieldErrors = Record<string, string[]>;

export class DefinitionChangedError extends Error {
  constructor() {
    super("Another board member saved this exam while you were editing. Reload the page to see their changes, then make yours again.");
  }
}

/** What the form shows for an exam as stored. */
export function definitionOf(exam: Exam): Definition {
  const stored = (exam.blueprint ?? {}) as Record<string, number>;
  return {
    blueprint: Object.fromEntries(COURSE_DOMAIN_KEYS.map((domain) => [domain, stored[domain] ?? 0])) as Record<CourseDomainKey, number>,
    pretestCount: exam.pretestCount,
    timeLimitMinutes: exam.timeLimitMinutes,
    passRule: PassRuleSchema.parse(exam.passRule),
    scaling: exam.scaling ? ScalingSchema.parse(exam.scaling) : null,
    attemptsAllowed: exam.attemptsAllowed,
    waitingDays: exam.waitingDays,
    requiresTrainingForId: exam.requiresTrainingForId,
    reviewPolicy: (REVIEW_POLICIES as readonly string[]).includes(exam.reviewPolicy) ? (exam.reviewPolicy as ReviewPolicy) : "none",
    published: exam.published,
  };
}

export const scoredItemCount = (blueprint: Record<string, number>) => Object.values(blueprint).reduce((sum, count) => sum + count, 0);

/** The cut a pass rule gives, in raw points: the raw cut, or the Angoff mean of judges' sums. */
export const cutOf = (passRule: PassRule) => (passRule.kind === "raw" ? passRule.cut : angoffCut(passRule.ratings));

// ---------------------------------------------------------------------------------------------
// The form

/** A whole-number field of the form; this page's messages are sentences with a full stop. */
const whole = (label: string, example: number, min: number, max: number) => {
  const messages = wholeNumberMessages(label, example);
  const Label = `${label[0]!.toUpperCase()}${label.slice(1)}`;
  return formWholeNumber(
    { blank: `${messages.blank}.`, notPlain: `${messages.notPlain}.` },
    z.number().min(min, `${Label} must be at least ${min}.`).max(max, `${Label} must be at most ${max}.`),
  );
};

const FormSchema = z.object({
  ...Object.fromEntries(COURSE_DOMAIN_KEYS.map((domain) => [`blueprint.${domain}`, whole(`the number of ${COURSE_DOMAIN_LABELS[domain]} items`, 10, 0, 200)])),
  pretestCount: whole("the number of pretest items", 5, 0, 50),
  timeLimitMinutes: whole("the time limit in minutes", 90, 5, 600),
  attemptsAllowed: whole("the number of attempts", 3, 1, 20),
  waitingDays: whole("the waiting period in days", 30, 0, 365),
  passRuleKind: z.enum(["raw", "angoff"], { error: "Choose how the cut is set: a raw cut or an Angoff study." }),
  // Read only when their choice is made, so a leftover value in a field not in use never blocks a save.
  rawCut: z.string().trim().default(""),
  angoffRatings: z.string().max(200_000, "The ratings are too long to read.").default(""),
  scalingEnabled: z.literal("on").optional(),
  reportedMin: z.string().trim().default(""),
  reportedMax: z.string().trim().default(""),
  cutReported: z.string().trim().default(""),
  requiresTrainingForId: z.string().max(40).default(""),
  reviewPolicy: z.enum(REVIEW_POLICIES, { error: "Choose what candidates may review after scoring." }),
  published: z.literal("on").optional(),
});

export type DefinitionReading =
  | { ok: true; definition: Definition; angoff: { judges: string[]; judgeSums: number[]; cut: number } | null }
  | { ok: false; errors: FieldErrors; angoff: null };

/**
 * Reads the posted form into a definition and checks it against the exam's bank and jurisdiction:
 * the blueprint must be fillable from live items (naming each domain that is short), the raw cut must
 * fit the scored items, Angoff ratings must cover them, the scale must be ordered, and the training
 * requirement must be one of the jurisdiction's credentials.
 */
export async function readDefinitionForm(exam: { id: string; jurisdictionId: string }, formData: FormData): Promise<DefinitionReading> {
  const values = Object.fromEntries([...formData.entries()].filter(([, value]) => typeof value === "string"));
  const parsed = FormSchema.safeParse(values);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return { ok: false, errors, angoff: null };
  }
  const form = parsed.data;
  const counts = parsed.data as unknown as Record<string, number>;
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  const blueprint = Object.fromEntries(COURSE_DOMAIN_KEYS.map((domain) => [domain, counts[`blueprint.${domain}`] ?? 0])) as Record<CourseDomainKey, number>;
  const scored = scoredItemCount(blueprint);
  if (scored === 0) add("blueprint", "Put at least one scored item on the form: give one domain a count above 0.");
  for (const shortfall of blueprintShortfalls(blueprint, await liveCountsByDomain(prisma, exam.id))) add("blueprint", shortfall);

  let passRule: PassRule | null = null;
  let angoff: { judges: string[]; judgeSums: number[]; cut: number } | null = null;
  if (form.passRuleKind === "raw") {
    const cut = parsePlainDecimal(form.rawCut);
    if (form.rawCut === "") add("rawCut", "Enter the raw cut: the number of scored items a candidate must get right.");
    else if (!Number.isFinite(cut) || cut < 0) add("rawCut", "Enter the raw cut as a number of scored items, 0 or more.");
    else if (scored > 0 && cut > scored) add("rawCut", `The raw cut (${cut}) is more than the ${scored} scored items the blueprint puts on a form.`);
    else passRule = { kind: "raw", cut };
  } else {
    const reading = readAngoffRatings(form.angoffRatings, scored);
    if ("problems" in reading) for (const problem of reading.problems) add("angoffRatings", problem);
    else {
      passRule = angoffRule(reading.ratings, reading.names);
      angoff = { judges: reading.judges, judgeSums: reading.judgeSums, cut: reading.cut };
    }
  }

  let scaling: Scaling | null = null;
  if (form.scalingEnabled) {
    const scale = [form.reportedMin, form.cutReported, form.reportedMax];
    if (scale.some((value) => Number.isNaN(parseWholeNumber(value)))) {
      add("scaling", "Enter the lowest and highest reported scores and the reported passing score as whole numbers, or turn scaled scores off.");
    } else {
      const result = ScalingSchema.safeParse({
        reportedMin: parseWholeNumber(form.reportedMin),
        reportedMax: parseWholeNumber(form.reportedMax),
        cutReported: parseWholeNumber(form.cutReported),
      });
      if (result.success) scaling = result.data;
      else add("scaling", "The reported passing score must lie between the lowest and highest reported scores.");
    }
  }

  let requiresTrainingForId: string | null = null;
  if (form.requiresTrainingForId) {
    const credential = await prisma.credentialType.findFirst({ where: { id: form.requiresTrainingForId, jurisdictionId: exam.jurisdictionId }, select: { id: true } });
    if (credential) requiresTrainingForId = credential.id;
    else add("requiresTrainingForId", "Choose one of your jurisdiction's credentials, or anyone.");
  }

  if (Object.keys(errors).length || !passRule) return { ok: false, errors, angoff: null };
  return {
    ok: true,
    angoff,
    definition: {
      blueprint,
      pretestCount: form.pretestCount,
      timeLimitMinutes: form.timeLimitMinutes,
      passRule,
      scaling,
      attemptsAllowed: form.attemptsAllowed,
      waitingDays: form.waitingDays,
      requiresTrainingForId,
      reviewPolicy: form.reviewPolicy,
      published: form.published === "on",
    },
  };
}

const FIELD_NAMES: Record<keyof Definition, string> = {
  blueprint: "blueprint",
  pretestCount: "pretest items",
  timeLimitMinutes: "time limit",
  passRule: "pass rule",
  scaling: "reporting scale",
  attemptsAllowed: "attempts allowed",
  waitingDays: "waiting period",
  requiresTrainingForId: "who may sit it",
  reviewPolicy: "review after scoring",
  published: "published",
};

/** Saves the definition if nobody saved the exam since `basedOn` (its updatedAt as the form saw it). */
export async function saveDefinition(input: { examId: string; basedOn: string; definition: Definition; actorId: string }) {
  return prisma.$transaction(async (db) => {
    const exam = await db.exam.findUniqueOrThrow({ where: { id: input.examId } });
    if (exam.updatedAt.toISOString() !== input.basedOn) throw new DefinitionChangedError();
    const before = definitionOf(exam);
    const changed = (Object.keys(FIELD_NAMES) as (keyof Definition)[]).filter(
      (field) => JSON.stringify(before[field]) !== JSON.stringify(input.definition[field]),
    );
    if (changed.length === 0) return { changed: [] as string[] };
    const { definition } = input;
    const updated = await db.exam.updateMany({
      where: { id: input.examId, updatedAt: exam.updatedAt },
      data: {
        blueprint: definition.blueprint,
        pretestCount: definition.pretestCount,
        timeLimitMinutes: definition.timeLimitMinutes,
        passRule: definition.passRule,
        // Prisma writes SQL NULL for a nullable JSON column through its DbNull marker; `undefined` would leave it.
        scaling: definition.scaling ?? Prisma.DbNull,
        attemptsAllowed: definition.attemptsAllowed,
        waitingDays: definition.waitingDays,
        requiresTrainingForId: definition.requiresTrainingForId,
        reviewPolicy: definition.reviewPolicy,
        published: definition.published,
      },
    });
    if (updated.count !== 1) throw new DefinitionChangedError();
    await recordAudit(db, {
      actorId: input.actorId,
      action: "exam.definition-updated",
      subjectType: "Exam",
      subjectId: input.examId,
      details: { changed: changed.map((field) => FIELD_NAMES[field]), before: { ...before }, after: { ...definition } },
    });
    return { changed: changed.map((field) => FIELD_NAMES[field]) };
  });
}
