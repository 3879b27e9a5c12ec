// A candidate sitting a certification exam: who may start, the form drawn for them, every answer
// saved as it is given, and the one submission that scores it. The deadline is the server's: an
// attempt read after it is submitted as of the deadline with the answers saved before it.
//
// Keys and rationales are read in two places only, scoring and the result of a SUBMITTED attempt;
// everything a candidate sees while sitting the exam selects stem, options and type alone.
import { z } from "zod";
import { COURSE_DOMAIN_LABELS, type CourseDomainKey } from "~/domain/course-domains";
import { assembleForm, type BankItem, type FormEntry, type ItemType } from "~/domain/exam-assembly";
import { attemptEligibility } from "~/domain/exam-eligibility";
import { markItems, passRuleProblem, ruleForAttempt, scoreAttempt, scoredCountOf, type DomainScore } from "~/domain/exam-scoring";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { BlueprintSchema, PassRuleSchema, ScalingSchema } from "./exam-files.server";
import { standingsFor } from "./progress.server";

type Db = Prisma.TransactionClient | typeof prisma;

/** A request the rules refuse, with the sentence to show and the HTTP status a route answers with. */
export class AttemptRefusal extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    /** The attempt is over (submitted or out of time): the page should move on to the result. */
    readonly finished = false,
  ) {
    super(message);
  }
}

/** Runs a model call for a loader or action: a refusal becomes the HTTP response it names. */
export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AttemptRefusal) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

const ATTEMPT_NOT_FOUND = "We could not find that exam attempt. Open your exams to see your attempts.";

/** Attempt ids in URLs: anything else cannot be an attempt, so it is a 404 before any query. */
export const AttemptIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The attempt id from route params, or a 404. */
export function attemptIdFrom(params: { attemptId?: string }): string {
  const parsed = AttemptIdParam.safeParse(params.attemptId);
  if (!parsed.success) throw new Response(ATTEMPT_NOT_FOUND, { status: 404 });
  return parsed.data;
}

const FormSchema = z.array(
  z.object({ itemVersionId: z.string(), domain: z.string(), scored: z.boolean(), optionOrder: z.array(z.string()) }),
);
const OptionsSchema = z.array(z.object({ id: z.string(), text: z.string() }));
const ByDomainSchema = z.record(z.string(), z.object({ correct: z.number(), total: z.number() }));

export const ITEM_TYPE_NAMES = { SINGLE: "single", MULTIPLE: "multiple", TRUE_FALSE: "true-false" } as const satisfies Record<string, ItemType>;

export const domainLabel = (domain: string) => COURSE_DOMAIN_LABELS[domain as CourseDomainKey] ?? domain;

/** Postgres `timestamp(3)` columns hold UTC wall-clock time; a literal's zone is ignored on the cast. */
const sqlTime = (date: Date) => date.toISOString();

// ---------------------------------------------------------------------------------------------
// Who may start.

const EXAM_RULES = {
  id: true,
  code: true,
  name: true,
  blueprint: true,
  pretestCount: true,
  timeLimitMinutes: true,
  passRule: true,
  scaling: true,
  attemptsAllowed: true,
  waitingDays: true,
  requiresTrainingForId: true,
  reviewPolicy: true,
  jurisdiction: { select: { name: true } },
} satisfies Prisma.ExamSelect;

type ExamRules = Prisma.ExamGetPayload<{ select: typeof EXAM_RULES }>;

/** What attemptEligibility (domain/exam-eligibility.ts) reads of each attempt. */
const ELIGIBILITY_FIELDS = {
  id: true,
  status: true,
  submittedAt: true,
  passed: true,
  rawScore: true,
  maxScore: true,
  scaledScore: true,
} satisfies Prisma.ExamAttemptSelect;

/**
 * Why the candidate's training does not yet open the exam, in words, or null when it does. Only the
 * requirement's training items count here: experience and the exam itself come later in the path.
 * A domain shortfall already explains a shortfall of the total, so the total is named only when the
 * domains leave part of it unexplained.
 */
async function trainingShortfall(candidateId: string, credentialTypeIds: string[], now: Date): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>();
  if (!credentialTypeIds.length) return result;
  const standings = await standingsFor(candidateId, credentialTypeIds, now);
  for (const id of credentialTypeIds) {
    const standing = standings.find((row) => row.credentialTypeId === id);
    if (!standing) {
      result.set(id, "The board has not set the training requirements this exam depends on yet, so it cannot be started.");
      continue;
    }
    const unmet = standing.verdict.items.filter((item) => item.part === "training" && !item.met);
    if (!unmet.length) {
      result.set(id, null);
      continue;
    }
    const total = unmet.find((item) => item.key === "training");
    const domains = unmet.filter((item) => item !== total);
    const domainShort = domains.reduce((sum, item) => sum + (item.required - item.earned), 0);
    const parts = domains.map((item) => item.missing);
    if (total && total.required - total.earned > domainShort + 0.005) parts.unshift(total.missing);
    result.set(id, `Training hours for ${standing.credentialName} are not complete: ${joinWords(parts)}.`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The exams page and an exam's own page.

const PAST_ATTEMPT = {
  id: true,
  status: true,
  startedAt: true,
  deadline: true,
  submittedAt: true,
  submittedBy: true,
  rawScore: true,
  maxScore: true,
  scaledScore: true,
  passed: true,
} satisfies Prisma.ExamAttemptSelect;

/**
 * Submits every attempt of the candidate whose time ran out, so the lists below tell the truth. One
 * that cannot be scored is logged and left, as the timer does (finalizeExpiredAttempts): it must not
 * take the candidate's exams pages down with it.
 */
async function finalizeExpiredOf(candidateId: string, now: Date, examId?: string) {
  const expired = await prisma.examAttempt.findMany({
    where: { candidateId, status: "IN_PROGRESS", deadline: { lte: now }, ...(examId ? { examId } : {}) },
    select: { id: true },
  });
  for (const attempt of expired) {
    try {
      await finalizeIfExpired(attempt.id, now);
    } catch (error) {
      if (error instanceof AttemptRefusal) throw error;
      console.error(`Could not finalize exam attempt ${attempt.id}: ${(error as Error).message}`);
    }
  }
}

/** Published exams with the candidate's eligibility for each and their attempts, newest first. */
export async function examsForCandidate(candidateId: string, now = new Date()) {
  await finalizeExpiredOf(candidateId, now);
  const exams = await prisma.exam.findMany({
    where: { published: true },
    select: { ...EXAM_RULES, attempts: { where: { candidateId }, select: PAST_ATTEMPT, orderBy: { startedAt: "desc" } } },
    orderBy: { name: "asc" },
  });
  const credentialTypeIds = [...new Set(exams.flatMap((exam) => (exam.requiresTrainingForId ? [exam.requiresTrainingForId] : [])))];
  const training = await trainingShortfall(candidateId, credentialTypeIds, now);
  return exams.map(({ attempts, ...exam }) => ({
    exam: describeExam(exam),
    attempts,
    eligibility: attemptEligibility(exam, attempts, exam.requiresTrainingForId ? (training.get(exam.requiresTrainingForId) ?? null) : null, now),
  }));
}

/** One published exam with the candidate's eligibility, or 404. */
export async function examForCandidate(candidateId: string, code: string, now = new Date()) {
  const exam = await publishedExam(code);
  await finalizeExpiredOf(candidateId, now, exam.id);
  const attempts = await prisma.examAttempt.findMany({ where: { examId: exam.id, candidateId }, select: PAST_ATTEMPT, orderBy: { startedAt: "desc" } });
  const training = exam.requiresTrainingForId ? ((await trainingShortfall(candidateId, [exam.requiresTrainingForId], now)).get(exam.requiresTrainingForId) ?? null) : null;
  return { exam: describeExam(exam), attempts, eligibility: attemptEligibility(exam, attempts, training, now) };
}

function describeExam(exam: ExamRules) {
  const blueprint = BlueprintSchema.parse(exam.blueprint);
  const scoredCount = Object.values(blueprint).reduce((sum, count) => sum + (count ?? 0), 0);
  return {
    code: exam.code,
    name: exam.name,
    jurisdictionName: exam.jurisdiction.name,
    questionCount: scoredCount + exam.pretestCount,
    timeLimitMinutes: exam.timeLimitMinutes,
    attemptsAllowed: exam.attemptsAllowed,
    waitingDays: exam.waitingDays,
  };
}

async function publishedExam(code: string) {
  const exam = await prisma.exam.findFirst({ where: { code, published: true }, select: EXAM_RULES });
  if (!exam) throw new AttemptRefusal("There is no published exam at this address. Choose one from your exams.", 404);
  return exam;
}

// ---------------------------------------------------------------------------------------------
// Starting: the form is drawn once and recorded with the deadline.

/**
 * The bank a form is drawn from: for each item, the newest LIVE version and the newest PRETEST version
 * (a revision being pretested beside its live predecessor; assembleForm never puts both on one form).
 */
async function bankFor(db: Db, examId: string): Promise<BankItem[]> {
  const versions = await db.examItemVersion.findMany({
    where: { item: { examId }, status: { in: ["LIVE", "PRETEST"] } },
    select: { id: true, itemId: true, status: true, type: true, options: true, item: { select: { domain: true } } },
    orderBy: [{ itemId: "asc" }, { status: "asc" }, { version: "desc" }],
  });
  const seen = new Set<string>();
  const bank: BankItem[] = [];
  for (const version of versions) {
    const key = `${version.itemId}:${version.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    bank.push({
      id: version.itemId,
      versionId: version.id,
      domain: version.item.domain,
      status: version.status === "LIVE" ? "live" : "pretest",
      type: ITEM_TYPE_NAMES[version.type],
      optionIds: OptionsSchema.parse(version.options).map((option) => option.id),
    });
  }
  return bank;
}

/**
 * Starts an attempt, or returns the one in progress (resume). Starts are serialized per candidate and
 * exam with a transaction-scoped advisory lock, so two clicks on Start cannot open two attempts or
 * use one attempt twice.
 */
export async function startAttempt(candidateId: string, code: string, now = new Date()): Promise<{ attemptId: string; resumed: boolean }> {
  const exam = await publishedExam(code);
  await finalizeExpiredOf(candidateId, now, exam.id);
  const training = exam.requiresTrainingForId ? ((await trainingShortfall(candidateId, [exam.requiresTrainingForId], now)).get(exam.requiresTrainingForId) ?? null) : null;
  return prisma.$transaction(
    async (db) => {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`exam-attempt:${exam.id}:${candidateId}`}))`;
      const attempts = await db.examAttempt.findMany({ where: { examId: exam.id, candidateId }, select: ELIGIBILITY_FIELDS });
      const eligibility = attemptEligibility(exam, attempts, training, now);
      if (eligibility.state === "in-progress") return { attemptId: eligibility.attemptId, resumed: true };
      if (eligibility.state === "passed") throw new AttemptRefusal(eligibility.message, 409);
      if (eligibility.state === "refused") throw new AttemptRefusal(eligibility.reasons.join(" "), 409);

      // The rules the attempt is scored under are the exam's now, read in one row with the blueprint
      // they were saved with, and stay with the attempt whatever the board sets later.
      const passRule = ruleForAttempt(PassRuleSchema.parse(exam.passRule));
      const scaling = exam.scaling === null ? Prisma.DbNull : ScalingSchema.parse(exam.scaling);
      const deadline = new Date(now.getTime() + exam.timeLimitMinutes * 60_000);
      const attempt = await db.examAttempt.create({
        data: { examId: exam.id, candidateId, formSeed: "", form: [], passRule, scaling, startedAt: now, deadline },
        select: { id: true },
      });
      let form: FormEntry[];
      try {
        // The attempt's own id seeds the draw: every attempt gets its own form, and it can be rebuilt.
        form = assembleForm({ blueprint: BlueprintSchema.parse(exam.blueprint), pretestCount: exam.pretestCount, items: await bankFor(db, exam.id), seed: attempt.id });
        // Never draw a form its own rule cannot score: it could be neither submitted nor finalized.
        const problem = passRuleProblem(passRule, scoredCountOf(form));
        if (problem) throw new Error(problem);
      } catch (error) {
        throw new AttemptRefusal(`This exam cannot be started right now: ${(error as Error).message} Please tell the board.`, 409);
      }
      await db.examAttempt.update({ where: { id: attempt.id }, data: { formSeed: attempt.id, form } });
      await recordAudit(db, {
        actorId: candidateId,
        action: "exam-attempt.started",
        subjectType: "ExamAttempt",
        subjectId: attempt.id,
        details: { exam: exam.code, deadline: deadline.toISOString(), items: form.length },
      });
      return { attemptId: attempt.id, resumed: false };
    },
    { timeout: 20_000 },
  );
}

// ---------------------------------------------------------------------------------------------
// Reading an attempt while it is sat: no keys, no rationales.

/** The candidate's attempt with its form and saved answers; 404 for anyone else's. Finalizes first if time is up. */
export async function attemptForCandidate(attemptId: string, candidateId: string, now = new Date()) {
  await finalizeIfExpired(attemptId, now);
  const attempt = await prisma.examAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      candidateId: true,
      status: true,
      startedAt: true,
      deadline: true,
      form: true,
      exam: { select: { code: true, name: true } },
      answers: { select: { itemVersionId: true, selected: true, flagged: true } },
    },
  });
  if (!attempt || attempt.candidateId !== candidateId) throw new AttemptRefusal(ATTEMPT_NOT_FOUND, 404);
  const form = FormSchema.parse(attempt.form);
  const answers = new Map(attempt.answers.map((answer) => [answer.itemVersionId, { selected: answer.selected ?? [], flagged: answer.flagged }]));
  return {
    id: attempt.id,
    status: attempt.status,
    examCode: attempt.exam.code,
    examName: attempt.exam.name,
    deadline: attempt.deadline,
    secondsLeft: Math.max(0, Math.floor((attempt.deadline.getTime() - now.getTime()) / 1000)),
    form,
    answers,
    navigator: form.map((entry, index) => {
      const answer = answers.get(entry.itemVersionId);
      return { position: index + 1, answered: Boolean(answer?.selected.length), flagged: answer?.flagged ?? false };
    }),
  };
}

export type CandidateQuestion = {
  position: number;
  itemVersionId: string;
  type: ItemType;
  stem: string;
  /** In the order recorded on the form for this candidate. */
  options: { id: string; text: string }[];
  selected: string[];
  flagged: boolean;
};

/** The questions at the given positions as the candidate sees them: stem, options and type only. */
export async function questionsForCandidate(attempt: Awaited<ReturnType<typeof attemptForCandidate>>, positions: number[]): Promise<CandidateQuestion[]> {
  const entries = positions.map((position) => ({ position, entry: attempt.form[position - 1] })).filter((row) => row.entry);
  const versions = await prisma.examItemVersion.findMany({
    where: { id: { in: entries.map((row) => row.entry!.itemVersionId) } },
    select: { id: true, type: true, stem: true, options: true },
  });
  const byId = new Map(versions.map((version) => [version.id, version]));
  return entries.map(({ position, entry }) => {
    const version = byId.get(entry!.itemVersionId);
    if (!version) throw new Error(`Item version ${entry!.itemVersionId} on attempt ${attempt.id} no longer exists.`);
    const options = new Map(OptionsSchema.parse(version.options).map((option) => [option.id, option]));
    const answer = attempt.answers.get(version.id);
    return {
      position,
      itemVersionId: version.id,
      type: ITEM_TYPE_NAMES[version.type],
      stem: version.stem,
      options: entry!.optionOrder.flatMap((id) => (options.has(id) ? [options.get(id)!] : [])),
      selected: answer?.selected ?? [],
      flagged: answer?.flagged ?? false,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Saving answers and flags: one statement each on the way that succeeds.

/**
 * Whose attempt a save may change, as SQL that yields a user id: for the full way the candidate's id
 * (a column of the answers saved), for the lean answer route (models/answer-save.server.ts) the lookup
 * of the signed-in user from a session id, so that the sign-in check and the save are one statement.
 */
export type CandidateSql = Prisma.Sql;

/** The options a save records: each once, in a stable order. */
export const normalizedSelection = (selected: readonly string[]) => [...new Set(selected)].sort();

/** One answer to save: `selected` normalized; `by` is the candidate's user id, or a session id (see answersUpsert). */
export type AnswerToSave = { attemptId: string; itemVersionId: string; selected: readonly string[]; by: string };

/**
 * Saves answers, each the options selected for one item, as one INSERT ... ON CONFLICT DO UPDATE whose
 * SELECT checks everything for each answer at once: the attempt is the candidate's, in progress and
 * before its deadline; the item is on its form; every option exists on the item; a single-answer or
 * true-false item has at most one. `FOR SHARE` on the attempt row makes a save and a submission take
 * turns: a save either lands before the submission scores, or sees the attempt submitted and is
 * refused. `candidate(by)` turns an answer's `by` column into the user id allowed to save it.
 *
 * The answers arrive as one JSON parameter, so one statement text (prepared once per connection) saves
 * one answer or many (the lean route saves the answers that arrive together in one statement, see
 * answer-save.server.ts). Each is looked up by its own keys (the LATERAL subquery, which PostgreSQL
 * cannot flatten because of its FOR SHARE), so a statement's cost grows with its answers, not with the
 * attempts in progress. It returns the attempt and item of each answer saved; one not returned broke a
 * rule (the caller explains which). The answers must be for different attempts: two for one item
 * would be one row changed twice, which PostgreSQL refuses.
 */
export function answersUpsert(input: { answers: readonly AnswerToSave[]; candidate: (by: Prisma.Sql) => CandidateSql; now: Date }): Prisma.Sql {
  const now = sqlTime(input.now);
  return Prisma.sql`
    INSERT INTO "ExamAnswer" ("attemptId", "itemVersionId", "selected", "flagged", "updatedAt")
    SELECT saved."attemptId", saved."itemVersionId", answer.selected, false, ${now}::timestamp(3)
    FROM jsonb_to_recordset(${JSON.stringify(input.answers)}::jsonb)
      AS answer("attemptId" text, "itemVersionId" text, selected text[], by text)
    CROSS JOIN LATERAL (
      SELECT a.id AS "attemptId", v.id AS "itemVersionId"
      FROM "ExamAttempt" a
      JOIN "ExamItemVersion" v ON v.id = answer."itemVersionId"
      WHERE a.id = answer."attemptId"
        AND a."candidateId" = ${input.candidate(Prisma.sql`answer.by`)}
        AND a.status = 'IN_PROGRESS'
        AND a.deadline > ${now}::timestamp(3)
        AND a.form @> jsonb_build_array(jsonb_build_object('itemVersionId', v.id))
        AND answer.selected <@ ARRAY(SELECT jsonb_array_elements(v.options) ->> 'id')
        AND (v.type = 'MULTIPLE' OR cardinality(answer.selected) <= 1)
      FOR SHARE OF a
    ) saved
    ON CONFLICT ("attemptId", "itemVersionId")
    DO UPDATE SET "selected" = EXCLUDED."selected", "updatedAt" = EXCLUDED."updatedAt"
    RETURNING "attemptId", "itemVersionId"`;
}

/** Flags an item for review (or clears the flag), with the same checks as answersUpsert: 1 row saved or 0. */
export function flagUpsert(input: { attemptId: string; candidate: CandidateSql; itemVersionId: string; flagged: boolean; now: Date }): Prisma.Sql {
  const { now } = input;
  return Prisma.sql`
    INSERT INTO "ExamAnswer" ("attemptId", "itemVersionId", "selected", "flagged", "updatedAt")
    SELECT a.id, ${input.itemVersionId}, '{}'::text[], ${input.flagged}, ${sqlTime(now)}::timestamp(3)
    FROM "ExamAttempt" a
    WHERE a.id = ${input.attemptId}
      AND a."candidateId" = ${input.candidate}
      AND a.status = 'IN_PROGRESS'
      AND a.deadline > ${sqlTime(now)}::timestamp(3)
      AND a.form @> jsonb_build_array(jsonb_build_object('itemVersionId', ${input.itemVersionId}::text))
    FOR SHARE OF a
    ON CONFLICT ("attemptId", "itemVersionId")
    DO UPDATE SET "flagged" = EXCLUDED."flagged", "updatedAt" = EXCLUDED."updatedAt"`;
}

/** Saves the candidate's answer (see answersUpsert); a save that changes nothing is explained as a refusal. */
export async function saveAnswer(input: { attemptId: string; candidateId: string; itemVersionId: string; selected: readonly string[]; now?: Date }): Promise<Date> {
  const now = input.now ?? new Date();
  const selected = normalizedSelection(input.selected);
  const answer = { attemptId: input.attemptId, itemVersionId: input.itemVersionId, selected, by: input.candidateId };
  const saved = await prisma.$executeRaw(answersUpsert({ answers: [answer], candidate: (by) => by, now }));
  if (saved === 1) return now;
  return explainRefusedSave({ ...input, selected, now });
}

/** Sets or clears the candidate's review flag (see flagUpsert); a save that changes nothing is explained. */
export async function setFlag(input: { attemptId: string; candidateId: string; itemVersionId: string; flagged: boolean; now?: Date }): Promise<Date> {
  const now = input.now ?? new Date();
  const saved = await prisma.$executeRaw(flagUpsert({ ...input, candidate: Prisma.sql`${input.candidateId}`, now }));
  if (saved === 1) return now;
  return explainRefusedSave({ ...input, selected: [], now });
}

/** Why a save changed nothing, as a refusal; an attempt found out of time is finalized on the way. */
async function explainRefusedSave(input: { attemptId: string; candidateId: string; itemVersionId: string; selected: readonly string[]; now: Date }): Promise<never> {
  const attempt = await prisma.examAttempt.findUnique({ where: { id: input.attemptId }, select: { candidateId: true, status: true, deadline: true, form: true } });
  if (!attempt || attempt.candidateId !== input.candidateId) throw new AttemptRefusal(ATTEMPT_NOT_FOUND, 404);
  if (attempt.status === "SUBMITTED") {
    throw new AttemptRefusal("This attempt has already been submitted, so its answers can no longer change.", 409, true);
  }
  if (attempt.deadline <= input.now) {
    await finalizeIfExpired(input.attemptId, input.now);
    throw new AttemptRefusal(
      "Time is up, so this answer was not saved. Your attempt was submitted with the answers saved before the deadline.",
      409,
      true,
    );
  }
  if (!FormSchema.parse(attempt.form).some((entry) => entry.itemVersionId === input.itemVersionId)) {
    throw new AttemptRefusal("That question is not on your exam. Reload the page and answer the questions shown.", 400);
  }
  const version = await prisma.examItemVersion.findUnique({ where: { id: input.itemVersionId }, select: { type: true, options: true } });
  const optionIds = version ? OptionsSchema.parse(version.options).map((option) => option.id) : [];
  if (input.selected.some((id) => !optionIds.includes(id))) {
    throw new AttemptRefusal("That option is not one of this question's options. Choose from the options shown.", 400);
  }
  if (version && version.type !== "MULTIPLE" && input.selected.length > 1) {
    throw new AttemptRefusal("This question takes one answer. Choose a single option.", 400);
  }
  throw new AttemptRefusal("Your answer could not be saved. Reload the page and try again.", 409);
}

// ---------------------------------------------------------------------------------------------
// Submitting and scoring: exactly once.

type Finalized = "submitted" | "already-submitted" | "not-expired";

/**
 * Claims the attempt with a conditional update (`WHERE status = 'IN_PROGRESS'`), so a double
 * submission, or a click racing the deadline timer, scores it once; then scores the answers saved.
 * The claim's row lock waits for saves in flight (they hold FOR SHARE), and later saves see the
 * attempt submitted, so the score covers exactly the answers that were saved. Past the deadline the
 * submission is dated at the deadline and recorded as made by it.
 */
async function finalizeAttempt(attemptId: string, now: Date, onlyIfExpired: boolean): Promise<Finalized> {
  return prisma.$transaction(
    async (db) => {
      const attempt = await db.examAttempt.findUnique({
        where: { id: attemptId },
        // The rules stored on the attempt when it was drawn, never the exam's current ones.
        select: { candidateId: true, deadline: true, form: true, passRule: true, scaling: true, exam: { select: { code: true } } },
      });
      if (!attempt) throw new AttemptRefusal(ATTEMPT_NOT_FOUND, 404);
      const late = now >= attempt.deadline;
      if (onlyIfExpired && !late) return "not-expired";
      const claimed = await db.examAttempt.updateMany({
        where: { id: attemptId, status: "IN_PROGRESS" },
        data: { status: "SUBMITTED", submittedAt: late ? attempt.deadline : now, submittedBy: late ? "deadline" : "candidate" },
      });
      if (claimed.count === 0) return "already-submitted";

      const form = FormSchema.parse(attempt.form);
      const [answers, keys] = await Promise.all([
        db.examAnswer.findMany({ where: { attemptId }, select: { itemVersionId: true, selected: true } }),
        db.examItemVersion.findMany({ where: { id: { in: form.map((entry) => entry.itemVersionId) } }, select: { id: true, key: true } }),
      ]);
      const score = scoreAttempt({
        form,
        keys: Object.fromEntries(keys.map((version) => [version.id, version.key])),
        responses: Object.fromEntries(answers.map((answer) => [answer.itemVersionId, answer.selected ?? []])),
        passRule: PassRuleSchema.parse(attempt.passRule),
        scaling: attempt.scaling === null ? undefined : ScalingSchema.parse(attempt.scaling),
      });
      await db.examAttempt.update({
        where: { id: attemptId },
        data: { rawScore: score.raw, maxScore: score.max, scaledScore: score.scaled, passed: score.passed, byDomain: score.byDomain },
      });
      await recordAudit(db, {
        actorId: late ? null : attempt.candidateId,
        action: "exam-attempt.submitted",
        subjectType: "ExamAttempt",
        subjectId: attemptId,
        details: { exam: attempt.exam.code, by: late ? "deadline" : "candidate", raw: score.raw, max: score.max, scaled: score.scaled, passed: score.passed },
      });
      return "submitted";
    },
    { timeout: 20_000 },
  );
}

/** The candidate submits: scored once however often it is posted; 404 for another candidate's attempt. */
export async function submitAttempt(attemptId: string, candidateId: string, now = new Date()): Promise<"submitted" | "already-submitted"> {
  const attempt = await prisma.examAttempt.findUnique({ where: { id: attemptId }, select: { candidateId: true, status: true } });
  if (!attempt || attempt.candidateId !== candidateId) throw new AttemptRefusal(ATTEMPT_NOT_FOUND, 404);
  if (attempt.status === "SUBMITTED") return "already-submitted";
  return (await finalizeAttempt(attemptId, now, false)) === "submitted" ? "submitted" : "already-submitted";
}

/** Submits the attempt as of its deadline if its time is up; true when this call did it. Run on every read. */
export async function finalizeIfExpired(attemptId: string, now = new Date()): Promise<boolean> {
  const attempt = await prisma.examAttempt.findUnique({ where: { id: attemptId }, select: { status: true, deadline: true } });
  if (!attempt || attempt.status !== "IN_PROGRESS" || attempt.deadline > now) return false;
  return (await finalizeAttempt(attemptId, now, true)) === "submitted";
}

/**
 * Submits every attempt whose time is up, for a timer to call (nobody may come back to read them).
 * Safe on several instances at once: each attempt is claimed once. One that cannot be scored is
 * logged and left for the next run instead of stopping the rest.
 */
export async function finalizeExpiredAttempts(now = new Date(), batchSize = 200): Promise<{ finalized: number; failed: string[] }> {
  let finalized = 0;
  const failed: string[] = [];
  for (;;) {
    const expired = await prisma.examAttempt.findMany({
      where: { status: "IN_PROGRESS", deadline: { lte: now }, id: { notIn: failed } },
      select: { id: true },
      orderBy: { deadline: "asc" },
      take: batchSize,
    });
    for (const attempt of expired) {
      try {
        if ((await finalizeAttempt(attempt.id, now, true)) === "submitted") finalized += 1;
      } catch (error) {
        failed.push(attempt.id);
        console.error(`Could not finalize exam attempt ${attempt.id}: ${(error as Error).message}`);
      }
    }
    if (expired.length < batchSize) return { finalized, failed };
  }
}

// ---------------------------------------------------------------------------------------------
// The result: keys and rationales only now, and only as the exam's review policy allows.

export type ReviewPolicy = "none" | "incorrect" | "full";

export type ReviewedItem = {
  position: number;
  domain: string;
  stem: string;
  options: { id: string; text: string; selected: boolean; correct: boolean }[];
  answered: boolean;
  correct: boolean;
  rationale: string;
};

/** A submitted attempt's result for its candidate; `null` while it is still in progress. */
export async function attemptResult(attemptId: string, candidateId: string, now = new Date()) {
  await finalizeIfExpired(attemptId, now);
  const attempt = await prisma.examAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      candidateId: true,
      status: true,
      form: true,
      startedAt: true,
      submittedAt: true,
      submittedBy: true,
      rawScore: true,
      maxScore: true,
      scaledScore: true,
      passed: true,
      byDomain: true,
      // The scale the attempt was scored on; the score itself is read as stored, never recomputed.
      scaling: true,
      exam: { select: { code: true, name: true, reviewPolicy: true } },
    },
  });
  if (!attempt || attempt.candidateId !== candidateId) throw new AttemptRefusal(ATTEMPT_NOT_FOUND, 404);
  if (attempt.status !== "SUBMITTED") return null;
  const scaling = attempt.scaling === null ? null : ScalingSchema.parse(attempt.scaling);
  const byDomain = ByDomainSchema.parse(attempt.byDomain ?? {});
  const reviewPolicy = (["none", "incorrect", "full"] as const).find((policy) => policy === attempt.exam.reviewPolicy) ?? "none";
  return {
    id: attempt.id,
    examCode: attempt.exam.code,
    examName: attempt.exam.name,
    startedAt: attempt.startedAt,
    submittedAt: attempt.submittedAt,
    submittedBy: attempt.submittedBy,
    passed: attempt.passed ?? false,
    rawScore: attempt.rawScore ?? 0,
    maxScore: attempt.maxScore ?? 0,
    scaledScore: attempt.scaledScore,
    scale: scaling,
    domains: Object.entries(byDomain)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([domain, score]: [string, DomainScore]) => ({
        domain,
        label: domainLabel(domain),
        correct: score.correct,
        total: score.total,
        percent: score.total ? Math.round((score.correct / score.total) * 100) : 0,
      })),
    reviewPolicy,
    review: reviewPolicy === "none" ? [] : await reviewItems(attempt.id, FormSchema.parse(attempt.form), reviewPolicy),
  };
}

/**
 * The items a candidate may review after scoring. Pretest items are never shown: they are still being
 * tried out and will count on later forms. "incorrect" shows the scored items answered wrong; items
 * left unanswered are not shown, so leaving an exam blank cannot be a way to read its keys. Each item
 * is marked against its key alone: no pass rule is read, so review cannot fail on the exam's rules.
 */
async function reviewItems(attemptId: string, form: FormEntry[], policy: Exclude<ReviewPolicy, "none">): Promise<ReviewedItem[]> {
  const [versions, answers] = await Promise.all([
    prisma.examItemVersion.findMany({
      where: { id: { in: form.map((entry) => entry.itemVersionId) } },
      select: { id: true, stem: true, options: true, key: true, rationale: true },
    }),
    prisma.examAnswer.findMany({ where: { attemptId }, select: { itemVersionId: true, selected: true } }),
  ]);
  const byId = new Map(versions.map((version) => [version.id, version]));
  const responses = Object.fromEntries(answers.map((answer) => [answer.itemVersionId, answer.selected ?? []]));
  const marked = markItems({ form, keys: Object.fromEntries(versions.map((version) => [version.id, version.key])), responses });
  return form.flatMap((entry, index) => {
    const result = marked[index]!;
    if (!entry.scored || (policy === "incorrect" && (result.correct || !result.answered))) return [];
    const version = byId.get(entry.itemVersionId)!;
    const options = new Map(OptionsSchema.parse(version.options).map((option) => [option.id, option]));
    const selected = new Set(responses[entry.itemVersionId] ?? []);
    return [
      {
        position: index + 1,
        domain: domainLabel(entry.domain),
        stem: version.stem,
        options: entry.optionOrder.flatMap((id) => {
          const option = options.get(id);
          return option ? [{ id, text: option.text, selected: selected.has(id), correct: version.key.includes(id) }] : [];
        }),
        answered: result.answered,
        correct: result.correct,
        rationale: version.rationale,
      },
    ];
  });
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
