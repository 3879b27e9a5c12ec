// How a module fares: who started and finished it, and how each knowledge-check question is answered.
import type { Question } from "~/domain/module-content";
import { prisma } from "~/utils/db.server";

export async function moduleStats(moduleId: string, versionId: string, questions: Question[]) {
  const [started, finished, attempts, optionCounts] = await Promise.all([
    prisma.enrolment.count({ where: { moduleId } }),
    prisma.enrolment.count({ where: { moduleId, completedAt: { not: null } } }),
    prisma.knowledgeCheckAttempt.count({ where: { moduleVersionId: versionId } }),
    // One row per (question, chosen option): the database does the counting, however many attempts.
    prisma.$queryRaw<{ question: number; choice: number; count: bigint }[]>`
      SELECT (c.ordinality - 1)::int AS question, c.choice::int AS choice, count(*) AS count
      FROM "KnowledgeCheckAttempt" a, unnest(a.chosen) WITH ORDINALITY AS c(choice, ordinality)
      WHERE a."moduleVersionId" = ${versionId}
      GROUP BY 1, 2`,
  ]);
  const perQuestion = questions.map((question, index) => {
    const correctOption = question.options.findIndex((option) => option.correct);
    const rows = optionCounts.filter((row) => row.question === index);
    const answered = rows.filter((row) => row.choice >= 0).reduce((sum, row) => sum + Number(row.count), 0);
    const right = rows.filter((row) => row.choice === correctOption).reduce((sum, row) => sum + Number(row.count), 0);
    return { prompt: question.prompt, answered, shareRight: answered ? Math.round((right / answered) * 100) : null };
  });
  return { started, finished, attempts, perQuestion };
}
