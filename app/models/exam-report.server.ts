// The board's psychometric report for one exam, from its submitted attempts: per item version the
// difficulty, discrimination, point-biserial, option counts and flags (itemAnalysis), and for the
// exam its reliability (KR-20 on one form, KR-21 on random forms), the score distribution, the pass
// rate and the mean time taken.
import type { FormEntry } from "~/domain/exam-assembly";
import { itemAnalysis, type ExamAnalysis, type ItemStatistics } from "~/domain/item-analysis";
import type { ItemStatus } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { contentOf } from "./exam-bank.server";

/** Attempts per answer query: keeps each query's parameter list well inside PostgreSQL's limits. */
const ATTEMPT_BATCH = 500;

export type ReportItem = ItemStatistics & {
  itemId: string;
  externalId: string;
  version: number;
  status: ItemStatus;
  domain: string;
  stem: string;
  key: string[];
  optionIds: string[];
};

export type ExamReport = Omit<ExamAnalysis, "items"> & { items: ReportItem[]; maxScore: number; binWidth: number };

/**
 * The report over every SUBMITTED attempt. Totals are recomputed from the saved answers and the
 * immutable keys (right = the selected set equals the key, as in scoring), so they match the items.
 * An unanswered item is left out of that item's statistics (p = right / answered) but counts as wrong
 * in the total and in reliability, which compares candidates over the items their own forms carried
 * (see reliability in item-analysis.ts). An item version counts as scored when any form delivered it
 * scored; on a form that carried it unscored (pretest) it is left out of that candidate's reliability
 * items as it is of the total. Answers are read
 * in batches of attempts, never one query per attempt.
 */
export async function examReport(examId: string): Promise<ExamReport> {
  const attempts = await prisma.examAttempt.findMany({
    where: { examId, status: "SUBMITTED" },
    select: { id: true, form: true, startedAt: true, submittedAt: true, passed: true },
    orderBy: { submittedAt: "asc" },
  });
  const forms = attempts.map((attempt) => attempt.form as FormEntry[]);

  const versionIds = [...new Set(forms.flatMap((form) => form.map((entry) => entry.itemVersionId)))];
  const versions = await prisma.examItemVersion.findMany({
    where: { id: { in: versionIds } },
    select: {
      id: true,
      version: true,
      status: true,
      type: true,
      stem: true,
      options: true,
      key: true,
      rationale: true,
      item: { select: { id: true, externalId: true, domain: true } },
    },
  });
  versions.sort((left, right) => (left.item.externalId < right.item.externalId ? -1 : left.item.externalId > right.item.externalId ? 1 : left.version - right.version));
  const column = new Map(versions.map((version, index) => [version.id, index]));
  const scoredSomewhere = new Set(forms.flatMap((form) => form.filter((entry) => entry.scored).map((entry) => entry.itemVersionId)));

  const selected = new Map<string, Map<string, string[]>>();
  for (let start = 0; start < attempts.length; start += ATTEMPT_BATCH) {
    const batch = attempts.slice(start, start + ATTEMPT_BATCH).map((attempt) => attempt.id);
    const answers = await prisma.examAnswer.findMany({ where: { attemptId: { in: batch } }, select: { attemptId: true, itemVersionId: true, selected: true } });
    for (const answer of answers) {
      let byVersion = selected.get(answer.attemptId);
      if (!byVersion) selected.set(answer.attemptId, (byVersion = new Map()));
      byVersion.set(answer.itemVersionId, answer.selected);
    }
  }

  const keys = versions.map((version) => new Set(version.key));
  const responses: (0 | 1 | null)[][] = [];
  const scoredOnForm: boolean[][] = [];
  const selections: (string[] | null)[][] = [];
  const totals: number[] = [];
  attempts.forEach((attempt, candidate) => {
    const row: (0 | 1 | null)[] = versions.map(() => null);
    const carried = versions.map(() => false);
    const chosen: (string[] | null)[] = versions.map(() => null);
    let total = 0;
    for (const entry of forms[candidate]!) {
      const index = column.get(entry.itemVersionId);
      if (index === undefined) continue;
      const picks = selected.get(attempt.id)?.get(entry.itemVersionId) ?? [];
      const key = keys[index]!;
      carried[index] = entry.scored;
      const right = picks.length === key.size && picks.every((pick) => key.has(pick)) && new Set(picks).size === picks.length;
      if (entry.scored && right) total += 1;
      if (picks.length > 0) {
        row[index] = right ? 1 : 0;
        chosen[index] = picks;
      }
    }
    responses.push(row);
    scoredOnForm.push(carried);
    selections.push(chosen);
    totals.push(total);
  });

  // The longest delivered form, or before any delivery the form the blueprint describes.
  const blueprint = (await prisma.exam.findUniqueOrThrow({ where: { id: examId }, select: { blueprint: true } })).blueprint as Record<string, number>;
  const blueprintTotal = Object.values(blueprint ?? {}).reduce((sum, count) => sum + count, 0);
  const maxScore = Math.max(1, ...(forms.length ? forms.map((form) => form.filter((entry) => entry.scored).length) : [blueprintTotal]));
  const binWidth = Math.max(1, Math.ceil(maxScore / 10));
  const analysis = itemAnalysis({
    items: versions.map((version) => ({
      itemVersionId: version.id,
      scored: scoredSomewhere.has(version.id),
      optionIds: contentOf(version).options.map((option) => option.id),
    })),
    responses,
    scoredOnForm,
    totals,
    selections,
    passed: attempts.map((attempt) => attempt.passed === true),
    secondsTaken: attempts.map((attempt) => (attempt.submittedAt ? Math.max(0, (attempt.submittedAt.getTime() - attempt.startedAt.getTime()) / 1000) : null)),
    binWidth,
    maxScore,
  });

  return {
    ...analysis,
    maxScore,
    binWidth,
    items: analysis.items.map((statistics, index) => {
      const version = versions[index]!;
      return {
        ...statistics,
        itemId: version.item.id,
        externalId: version.item.externalId,
        version: version.version,
        status: version.status,
        domain: version.item.domain,
        stem: version.stem,
        key: [...version.key],
        optionIds: contentOf(version).options.map((option) => option.id),
      };
    }),
  };
}
