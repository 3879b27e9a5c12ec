// Credential requirements in the database: one immutable version per change, seeded from
// content/requirements/*.yaml and edited by boards.
import fs from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { readNewRequirement, RequirementSchema, type Requirement } from "~/domain/requirements";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

export async function readRequirementFiles(dir = path.resolve("content", "requirements")): Promise<Requirement[]> {
  const names = (await fs.readdir(dir)).filter((name) => name.endsWith(".yaml")).sort();
  return Promise.all(
    names.map(async (name) => {
      const { requirement, problems } = readNewRequirement(parse(await fs.readFile(path.join(dir, name), "utf8")));
      if (!requirement) throw new Error(`content/requirements/${name}: ${problems[0]}`);
      return requirement;
    }),
  );
}

/** Gives each credential type with a requirement file its first version, if it has none yet. */
export async function seedRequirements() {
  for (const requirement of await readRequirementFiles()) {
    const credentialType = await prisma.credentialType.findFirst({
      where: { code: requirement.credentialCode, jurisdiction: { code: requirement.jurisdictionCode } },
      select: { id: true },
    });
    if (!credentialType) continue;
    const existing = await prisma.requirementVersion.count({ where: { credentialTypeId: credentialType.id } });
    if (existing) continue;
    await prisma.requirementVersion.create({
      data: { credentialTypeId: credentialType.id, version: requirement.version, requirement, note: "Loaded from content/requirements." },
    });
  }
}

export const asRequirement = (json: unknown) => RequirementSchema.parse(json);

/**
 * Why the exam a requirement names cannot be used, as sentences; empty when it can. Eligibility reads
 * passes on that exam, so it must be one of the jurisdiction's own exams in PeerPath: another board's
 * exam, or a code no exam has, would leave the requirement one that no trainee could meet.
 */
export async function examReferenceProblems(requirement: Requirement, jurisdiction: { id: string; name: string }): Promise<string[]> {
  const code = requirement.exam.examId;
  if (code === null) return [];
  const exam = await prisma.exam.findUnique({ where: { code }, select: { jurisdictionId: true } });
  if (exam?.jurisdictionId === jurisdiction.id) return [];
  const own = await prisma.exam.findMany({ where: { jurisdictionId: jurisdiction.id }, select: { code: true }, orderBy: { code: "asc" } });
  const choices = own.length
    ? `Use one of ${jurisdiction.name}'s exams (${own.map((other) => other.code).join(", ")}), or null while the exam is run outside PeerPath.`
    : `${jurisdiction.name} has no exams in PeerPath yet, so use null while the exam is run outside PeerPath.`;
  return [`exam.examId: There is no exam with the code ${code} in ${jurisdiction.name}. ${choices}`];
}

/** The version in force: the newest. */
export async function currentRequirement(credentialTypeId: string) {
  const row = await prisma.requirementVersion.findFirst({ where: { credentialTypeId }, orderBy: { version: "desc" } });
  return row ? { ...row, requirement: asRequirement(row.requirement) } : null;
}

export class RequirementChangedError extends Error {
  constructor() {
    super("Another board member saved a new version while you were editing. Reload to see it, then make your change again.");
  }
}

/** Saves a new version after `basedOnVersion`; refused if someone saved another version meanwhile. */
export async function saveRequirementVersion(input: {
  credentialTypeId: string;
  basedOnVersion: number;
  requirement: Requirement;
  note: string;
  userId: string;
}) {
  return prisma.$transaction(async (db) => {
    const latest = await db.requirementVersion.findFirst({
      where: { credentialTypeId: input.credentialTypeId },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    if ((latest?.version ?? 0) !== input.basedOnVersion) throw new RequirementChangedError();
    const version = input.basedOnVersion + 1;
    try {
      const created = await db.requirementVersion.create({
        data: {
          credentialTypeId: input.credentialTypeId,
          version,
          requirement: { ...input.requirement, version },
          note: input.note,
          createdById: input.userId,
        },
      });
      await recordAudit(db, {
        actorId: input.userId,
        action: "requirement.versioned",
        subjectType: "RequirementVersion",
        subjectId: created.id,
        details: { credentialTypeId: input.credentialTypeId, version },
      });
      return created;
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") throw new RequirementChangedError();
      throw error;
    }
  });
}
