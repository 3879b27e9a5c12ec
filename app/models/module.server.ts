// Course modules in the database: publishing immutable versions, syncing content/modules, reading.
import crypto from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { splitSections, type ModuleContent, type Question } from "~/domain/module-content";
import { contentFields } from "~/domain/module-versions";
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { recordAudit } from "./audit.server";
import { readModuleFiles, type ModuleFileProblem } from "./module-files.server";

type Db = Prisma.TransactionClient | typeof prisma;

export type RenderedSection = { title: string; html: string };

/** A stable fingerprint of a module's content, to tell a changed file from an unchanged one. */
export function contentHash(content: ModuleContent) {
  const canonical = JSON.stringify(contentFields(content));
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

export function renderSections(body: string): RenderedSection[] {
  return splitSections(body).map((section) => ({ title: section.title, html: renderMarkdown(section.markdown) }));
}

export async function publishVersion(
  db: Db,
  input: { moduleId: string; version: number; content: ModuleContent; source: "content" | "editor"; publishedById: string | null },
) {
  const { content } = input;
  const created = await db.moduleVersion.create({
    data: {
      moduleId: input.moduleId,
      version: input.version,
      title: content.title,
      summary: content.summary,
      estimatedMinutes: content.estimatedMinutes,
      passMark: content.passMark,
      domains: content.domains,
      competencies: content.competencies,
      objectives: content.objectives,
      body: content.body,
      sections: renderSections(content.body),
      questions: content.questions,
      source: input.source,
      contentHash: contentHash(content),
      publishedById: input.publishedById,
    },
  });
  await recordAudit(db, {
    actorId: input.publishedById,
    action: "module.published",
    subjectType: "ModuleVersion",
    subjectId: created.id,
    details: { moduleId: input.moduleId, version: input.version, source: input.source },
  });
  return created;
}

export type SyncReport = {
  published: string[];
  unchanged: string[];
  problems: ModuleFileProblem[];
};

/**
 * Brings content/modules into the database. A new file, or a file whose version is higher than the
 * newest published one, publishes a version. A file whose text changed without a raised version is
 * reported and the published version stays as it was. Safe to run any number of times.
 */
export async function syncModuleFiles(dir?: string): Promise<SyncReport> {
  const { files, problems } = await readModuleFiles(dir);
  const report: SyncReport = { published: [], unchanged: [], problems: [...problems] };
  for (const { path, module: file } of files) {
    const { id: slug, version, ...content } = file;
    const outcome = await prisma.$transaction(async (db) => {
      const module = await db.module.upsert({ where: { slug }, create: { slug }, update: {} });
      const latest = await db.moduleVersion.findFirst({
        where: { moduleId: module.id },
        orderBy: { version: "desc" },
        select: { version: true, contentHash: true },
      });
      if (!latest || latest.version < version) {
        await publishVersion(db, { moduleId: module.id, version, content, source: "content", publishedById: null });
        return "published" as const;
      }
      if (latest.version === version && latest.contentHash !== contentHash(content)) {
        return `version: the text differs from published version ${version}; raise version to publish the change` as const;
      }
      if (latest.version > version) {
        return `version: the database already has version ${latest.version}, newer than this file's ${version}; export it from the instructor pages to update the file` as const;
      }
      return "unchanged" as const;
    });
    if (outcome === "published") report.published.push(`${slug} v${version}`);
    else if (outcome === "unchanged") report.unchanged.push(slug);
    else report.problems.push({ path, message: outcome });
  }
  return report;
}

export function formatSyncReport(report: SyncReport) {
  const lines = [
    `Course content: ${report.published.length} published, ${report.unchanged.length} unchanged, ${report.problems.length} problem(s).`,
  ];
  if (report.published.length) lines.push(`  Published: ${report.published.join(", ")}`);
  for (const problem of report.problems) lines.push(`  ${problem.path}: ${problem.message}`);
  return lines.join("\n");
}

export const asDomains = (domains: Prisma.JsonValue) => domains as ModuleContent["domains"];

/** The typed content of a stored version (its JSON columns were written by publishVersion). */
export function versionContent(row: {
  domains: Prisma.JsonValue;
  questions: Prisma.JsonValue;
  sections: Prisma.JsonValue;
}) {
  return {
    domains: row.domains as ModuleContent["domains"],
    questions: row.questions as Question[],
    sections: row.sections as RenderedSection[],
  };
}

/** The newest published version of every module, for catalogues and lists. */
export async function latestVersions(select: Prisma.ModuleVersionSelect = {}) {
  return prisma.moduleVersion.findMany({
    distinct: ["moduleId"],
    orderBy: [{ moduleId: "asc" }, { version: "desc" }],
    select: { id: true, moduleId: true, version: true, title: true, ...select },
  });
}
