// Exams and their item banks from content/exams: validated with zod, loaded once into the database
// (version 1 of each item), after which the board keeps them in the app.
import fs from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { JUDGE_NAME_MAX_LENGTH, judgeNameProblem } from "~/domain/angoff-ratings";
import { COURSE_DOMAIN_KEYS } from "~/domain/course-domains";
import { validateItem } from "~/domain/exam-scoring";
import { prisma } from "~/utils/db.server";

const Code = z.string().regex(/^[A-Z]{2,10}$/);

const JudgeNameSchema = z.string().refine((name) => judgeNameProblem(name) === null, `a judge's name must be at most ${JUDGE_NAME_MAX_LENGTH} characters with no control characters`);

// Stored on the exam and copied, without the judges' names (ruleForAttempt), to every attempt:
// `judgeNames` is optional so that rules saved before names were kept still read.
export const PassRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("raw"), cut: z.number().min(0) }),
  z
    .object({
      kind: z.literal("angoff"),
      ratings: z.array(z.array(z.number().min(0).max(1)).min(1)).min(1),
      judgeNames: z.array(JudgeNameSchema.nullable()).optional(),
    })
    .refine((rule) => !rule.judgeNames || rule.judgeNames.length === rule.ratings.length, "an Angoff study needs one name (or null) per judge"),
]);

export const ScalingSchema = z
  .object({ reportedMin: z.number().int(), reportedMax: z.number().int(), cutReported: z.number().int() })
  .refine((s) => s.reportedMin < s.cutReported && s.cutReported < s.reportedMax, "the reported cut must lie between the minimum and maximum");

export const BlueprintSchema = z.record(z.enum(COURSE_DOMAIN_KEYS), z.number().int().min(0).max(200));

const ExamFileSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,40}$/),
  jurisdictionCode: Code,
  name: z.string().min(3).max(150),
  itemsFile: z.string().regex(/^[a-z0-9-]+\.yaml$/),
  blueprint: BlueprintSchema,
  pretestCount: z.number().int().min(0).max(50),
  pretestItems: z.array(z.string()).default([]),
  timeLimitMinutes: z.number().int().min(5).max(600),
  passRule: PassRuleSchema,
  scaling: ScalingSchema.nullable().default(null),
  attemptsAllowed: z.number().int().min(1).max(20),
  waitingDays: z.number().int().min(0).max(365),
  requiresTrainingFor: z.object({ jurisdictionCode: Code, credentialCode: Code }).nullable().default(null),
  reviewPolicy: z.enum(["none", "incorrect", "full"]),
});

export const ITEM_TYPE_FROM_FILE = { single: "SINGLE", multiple: "MULTIPLE", "true-false": "TRUE_FALSE" } as const;

export const ItemFileItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,60}$/),
  domain: z.enum(COURSE_DOMAIN_KEYS),
  type: z.enum(["single", "multiple", "true-false"]),
  stem: z.string().min(1).max(4000),
  options: z.array(z.object({ id: z.string().regex(/^[a-z]$/), text: z.string().min(1).max(1000) })).min(2).max(6),
  key: z.array(z.string()).min(1),
  rationale: z.string().min(1).max(4000),
});

const ItemFileSchema = z.object({ exam: z.string(), items: z.array(ItemFileItemSchema) });

export type ExamFile = z.infer<typeof ExamFileSchema>;

const DIR = path.resolve("content", "exams");

async function readYaml<T extends z.ZodType>(schema: T, file: string): Promise<z.infer<T>> {
  const result = schema.safeParse(parse(await fs.readFile(path.join(DIR, file), "utf8")));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`content/exams/${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return result.data;
}

/** Creates each exam in content/exams and its items (version 1) if the exam is not in the database yet. */
export async function syncExamFiles() {
  const names = (await fs.readdir(DIR)).filter((name) => name.endsWith(".yaml") && !name.endsWith("-items.yaml")).sort();
  const created: string[] = [];
  for (const name of names) {
    const exam = await readYaml(ExamFileSchema, name);
    if (await prisma.exam.findUnique({ where: { code: exam.code }, select: { id: true } })) continue;
    const jurisdiction = await prisma.jurisdiction.findUnique({ where: { code: exam.jurisdictionCode } });
    if (!jurisdiction) continue;
    const requiresTraining = exam.requiresTrainingFor
      ? await prisma.credentialType.findFirst({
          where: { code: exam.requiresTrainingFor.credentialCode, jurisdiction: { code: exam.requiresTrainingFor.jurisdictionCode } },
          select: { id: true },
        })
      : null;
    const bank = await readYaml(ItemFileSchema, exam.itemsFile);
    for (const item of bank.items) {
      const problems = validateItem({ type: item.type, stem: item.stem, options: item.options, key: item.key });
      if (problems.length) throw new Error(`content/exams/${exam.itemsFile}: item ${item.id}: ${problems.join("; ")}`);
    }
    const pretest = new Set(exam.pretestItems);
    await prisma.$transaction(async (db) => {
      const row = await db.exam.create({
        data: {
          code: exam.code,
          jurisdictionId: jurisdiction.id,
          name: exam.name,
          blueprint: exam.blueprint,
          pretestCount: exam.pretestCount,
          timeLimitMinutes: exam.timeLimitMinutes,
          passRule: exam.passRule,
          scaling: exam.scaling ?? undefined,
          attemptsAllowed: exam.attemptsAllowed,
          waitingDays: exam.waitingDays,
          requiresTrainingForId: requiresTraining?.id ?? null,
          reviewPolicy: exam.reviewPolicy,
          published: true,
        },
      });
      for (const item of bank.items) {
        await db.examItem.create({
          data: {
            examId: row.id,
            externalId: item.id,
            domain: item.domain,
            versions: {
              create: {
                version: 1,
                status: pretest.has(item.id) ? "PRETEST" : "LIVE",
                type: ITEM_TYPE_FROM_FILE[item.type],
                stem: item.stem,
                options: item.options,
                key: item.key,
                rationale: item.rationale,
              },
            },
          },
        });
      }
    }, { timeout: 60_000 });
    created.push(`${exam.code} (${bank.items.length} items)`);
  }
  return created;
}
