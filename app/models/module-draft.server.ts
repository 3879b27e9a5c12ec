// Instructors' shared drafts: create, save with a revision check, publish as a new immutable version.
import { ModuleContentSchema, bodyProblems, type ModuleContent, type Question } from "~/domain/module-content";
import { sameContent } from "~/domain/module-versions";
import { prisma } from "~/utils/db.server";
import { describeBodyProblem, describeModuleProblem, newModuleContent } from "~/utils/module-form";
import { recordAudit } from "./audit.server";
import { asDomains, publishVersion, versionContent } from "./module.server";

export type DraftView = ModuleContent & { revision: number; updatedAt: string | null; updatedBy: string | null; saved: boolean };

/** The module's draft, or (when nobody has started one) its newest version as the starting point. */
export async function draftFor(moduleId: string): Promise<DraftView> {
  const draft = await prisma.moduleDraft.findUnique({ where: { moduleId } });
  if (draft) {
    const updatedBy = draft.updatedById
      ? (await prisma.user.findUnique({ where: { id: draft.updatedById }, select: { name: true } }))?.name ?? null
      : null;
    return {
      ...draft,
      domains: asDomains(draft.domains),
      questions: draft.questions as Question[],
      updatedAt: draft.updatedAt.toISOString(),
      updatedBy,
      saved: true,
    };
  }
  const latest = await prisma.moduleVersion.findFirst({ where: { moduleId }, orderBy: { version: "desc" } });
  const base = latest
    ? { ...latest, domains: asDomains(latest.domains), questions: latest.questions as Question[] }
    : newModuleContent("Untitled module");
  return {
    title: base.title,
    summary: base.summary,
    estimatedMinutes: base.estimatedMinutes,
    passMark: base.passMark,
    domains: base.domains,
    competencies: base.competencies,
    objectives: base.objectives,
    questions: base.questions,
    body: base.body,
    revision: 0,
    updatedAt: null,
    updatedBy: null,
    saved: false,
  };
}

export class DraftConflictError extends Error {
  constructor() {
    super(
      "Someone else saved this draft after you opened it, so your changes were not saved. Your text is still in the form below. " +
        "Open the draft in another tab to compare; saving this form again will replace their version with yours.",
    );
  }
}

/**
 * Saves the draft if nobody saved since `expectedRevision` was read; otherwise DraftConflictError and
 * nothing changes. Revision 0 means "there was no draft yet".
 */
export async function saveDraft(moduleId: string, content: ModuleContent, expectedRevision: number, userId: string) {
  const data = { ...content, updatedById: userId };
  if (expectedRevision === 0) {
    try {
      return await prisma.moduleDraft.create({ data: { moduleId, ...data, revision: 1 } });
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") throw new DraftConflictError();
      throw error;
    }
  }
  const updated = await prisma.moduleDraft.updateMany({
    where: { moduleId, revision: expectedRevision },
    data: { ...data, revision: { increment: 1 } },
  });
  if (updated.count !== 1) throw new DraftConflictError();
  return prisma.moduleDraft.findUniqueOrThrow({ where: { moduleId } });
}

export class DraftNotReadyError extends Error {
  constructor(readonly problems: string[]) {
    super("The draft is not ready to publish.");
  }
}

/** The draft says what the newest version already says: a new version would change nothing. */
export class NothingToPublishError extends Error {
  constructor(readonly latestVersion: number) {
    super(`Nothing to publish: this draft is the same as version ${latestVersion}.`);
  }
}

/**
 * Publishes the saved draft as the next version; the draft is then cleared. A draft the same as the
 * newest version publishes nothing (NothingToPublishError) and stays as it is.
 */
export async function publishDraft(moduleId: string, userId: string) {
  return prisma.$transaction(async (db) => {
    const draft = await db.moduleDraft.findUnique({ where: { moduleId } });
    if (!draft) throw new DraftNotReadyError(["Save the draft first."]);
    const parsed = ModuleContentSchema.safeParse({ ...draft, domains: draft.domains, questions: draft.questions });
    const problems = [
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => describeModuleProblem(issue.path, issue.message, draft))),
      ...bodyProblems(draft.body).map(describeBodyProblem),
    ];
    if (!parsed.success || problems.length) throw new DraftNotReadyError(problems);
    const latest = await db.moduleVersion.findFirst({ where: { moduleId }, orderBy: { version: "desc" } });
    if (latest && sameContent(parsed.data, { ...latest, ...versionContent(latest) })) throw new NothingToPublishError(latest.version);
    const version = await publishVersion(db, {
      moduleId,
      version: (latest?.version ?? 0) + 1,
      content: parsed.data,
      source: "editor",
      publishedById: userId,
    });
    await db.moduleDraft.delete({ where: { moduleId } });
    return version;
  });
}

export async function createModule(slug: string, title: string, userId: string) {
  return prisma.$transaction(async (db) => {
    const module = await db.module.create({ data: { slug } });
    await db.moduleDraft.create({ data: { moduleId: module.id, ...newModuleContent(title), updatedById: userId } });
    await recordAudit(db, { actorId: userId, action: "module.created", subjectType: "Module", subjectId: module.id, details: { slug } });
    return module;
  });
}
