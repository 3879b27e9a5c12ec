// A trainee's way through a module: enrolment (pinned to a version), sections seen, knowledge-check
// attempts, and the completion that credits the module's hours to the ledger exactly once.
import { creditedMinutes, isModuleComplete, scoreKnowledgeCheck } from "~/domain/module-content";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { versionContent } from "./module.server";

/**
 * Enrols a trainee in the newest version; an existing enrolment keeps the version it started.
 * Null when the module has no published version yet.
 */
export async function enrol(traineeId: string, moduleId: string) {
  const latest = await prisma.moduleVersion.findFirst({ where: { moduleId }, orderBy: { version: "desc" }, select: { id: true } });
  if (!latest) return null;
  return prisma.enrolment.upsert({
    where: { traineeId_moduleId: { traineeId, moduleId } },
    create: { traineeId, moduleId, moduleVersionId: latest.id },
    update: {},
  });
}

export function findEnrolment(traineeId: string, moduleId: string) {
  return prisma.enrolment.findUnique({ where: { traineeId_moduleId: { traineeId, moduleId } } });
}

/** Records a section as seen, atomically, so two open tabs cannot drop each other's progress. */
export async function markSectionSeen(enrolmentId: string, index: number) {
  await prisma.$executeRaw`
    UPDATE "Enrolment"
    SET "seenSections" = (SELECT array_agg(DISTINCT s ORDER BY s) FROM unnest("seenSections" || ${index}::int) AS s),
        "lastSection" = ${index}
    WHERE id = ${enrolmentId}`;
  return completeIfDone(enrolmentId);
}

export async function submitKnowledgeCheck(enrolmentId: string, chosen: (number | null)[]) {
  const enrolment = await prisma.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    include: { moduleVersion: { select: { id: true, passMark: true, questions: true, domains: true, sections: true } } },
  });
  const { questions } = versionContent(enrolment.moduleVersion);
  const result = scoreKnowledgeCheck(questions, chosen, enrolment.moduleVersion.passMark);
  await prisma.knowledgeCheckAttempt.create({
    data: {
      enrolmentId,
      moduleVersionId: enrolment.moduleVersionId,
      chosen: chosen.map((choice) => choice ?? -1),
      correct: result.correct,
      total: result.total,
      percent: result.percent,
      passed: result.passed,
    },
  });
  const completed = await completeIfDone(enrolmentId);
  return { result, completed };
}

/**
 * Completes the enrolment when every section is seen and a check has passed: one ModuleCompletion per
 * trainee and module version (a unique index), with one approved training-hours ledger entry per domain.
 */
async function completeIfDone(enrolmentId: string): Promise<boolean> {
  const enrolment = await prisma.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    include: {
      moduleVersion: { select: { id: true, title: true, version: true, domains: true, questions: true, sections: true } },
      checkAttempts: { where: { passed: true }, select: { id: true }, take: 1 },
    },
  });
  if (enrolment.completedAt) return true;
  const { sections, domains } = versionContent(enrolment.moduleVersion);
  if (!isModuleComplete(sections.length, enrolment.seenSections, enrolment.checkAttempts.length > 0)) return false;
  const completedAt = new Date();
  try {
    await prisma.$transaction(async (db) => {
      const completion = await db.moduleCompletion.create({
        data: { traineeId: enrolment.traineeId, moduleVersionId: enrolment.moduleVersionId, completedAt },
      });
      await db.ledgerEntry.createMany({
        data: creditedMinutes(domains).map(({ domain, minutes }) => ({
          traineeId: enrolment.traineeId,
          kind: "TRAINING" as const,
          status: "APPROVED" as const,
          source: "MODULE_COMPLETION" as const,
          courseDomain: domain,
          minutes,
          occurredOn: completedAt,
          description: `Completed module "${enrolment.moduleVersion.title}" (version ${enrolment.moduleVersion.version})`,
          moduleCompletionId: completion.id,
        })),
      });
      await db.enrolment.update({ where: { id: enrolmentId }, data: { completedAt } });
      await recordAudit(db, {
        actorId: enrolment.traineeId,
        action: "module.completed",
        subjectType: "ModuleCompletion",
        subjectId: completion.id,
        details: { moduleVersionId: enrolment.moduleVersionId },
      });
    });
  } catch (error) {
    // A simultaneous request completed it first; the unique index kept it to one completion.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  return true;
}

/** Approved training minutes per course domain, from every source. */
export async function trainingMinutesByDomain(traineeId: string) {
  const rows = await prisma.ledgerEntry.groupBy({
    by: ["courseDomain"],
    where: { traineeId, kind: "TRAINING", status: "APPROVED" },
    _sum: { minutes: true },
  });
  return rows.map((row) => ({ domain: row.courseDomain, minutes: row._sum.minutes ?? 0 }));
}
