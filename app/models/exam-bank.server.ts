// An exam's item bank as the board keeps it: items with immutable versions. Editing an item makes a
// new version and leaves the delivered ones exactly as they were, so their statistics stay valid;
// only a version's status moves (draft, pretest, live, retired). Every change is audited.
import { z } from "zod";
import { COURSE_DOMAIN_KEYS, type CourseDomainKey } from "~/domain/course-domains";
import type { ItemType } from "~/domain/exam-assembly";
import { validateItem } from "~/domain/exam-scoring";
import type { Permission } from "~/domain/roles";
import { QTI_IDENTIFIER, normaliseText, readQti, type QtiItem } from "~/domain/qti";
import type { ItemStatus, ItemType as DbItemType, Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { likeLiteral } from "~/utils/like-pattern";
import { invariantFound, requirePermission } from "~/utils/permissions.server";
import { recordAudit } from "./audit.server";
import { ITEM_TYPE_FROM_FILE } from "./exam-files.server";

type Db = Prisma.TransactionClient | typeof prisma;

export { ITEM_STATUSES, ITEM_STATUS_LABELS, ITEM_TYPE_LABELS, OPTION_IDS, domainLabel } from "~/domain/exam-labels";
import { ITEM_STATUS_LABELS, OPTION_IDS, domainLabel } from "~/domain/exam-labels";

export const ITEM_TYPE_FROM_DB: Record<DbItemType, ItemType> = { SINGLE: "single", MULTIPLE: "multiple", TRUE_FALSE: "true-false" };
export const ITEM_TYPE_TO_DB = ITEM_TYPE_FROM_FILE;


/** A refusal with sentences for the board and the HTTP status a route answers with. */
export class ItemBankError extends Error {
  constructor(
    readonly problems: string[],
    readonly status = 400,
  ) {
    super(problems.join(" "));
  }
}

const CHANGED_MEANWHILE = (version: number) =>
  `Someone saved version ${version} of this item while you were editing. Reload the page to see it, then make your change again.`;

// ---------------------------------------------------------------------------------------------
// Access

/** The exam, if the user holds the permission in its jurisdiction: 404 for no such exam, 403 otherwise. */
export async function requireExam(request: Request, examId: string | undefined, permission: Permission) {
  const id = z.string().min(1).max(40).safeParse(examId);
  const exam = invariantFound(
    id.success ? await prisma.exam.findUnique({ where: { id: id.data }, include: { jurisdiction: { select: { id: true, code: true, name: true } } } }) : null,
    "There is no such exam.",
  );
  const user = await requirePermission(request, permission, { jurisdictionId: exam.jurisdictionId });
  return { user, exam };
}

// ---------------------------------------------------------------------------------------------
// Item content: one check for the form, the edit and the import.

export type ItemContent = {
  type: ItemType;
  stem: string;
  options: { id: string; text: string }[];
  key: string[];
  rationale: string;
};

export const ExternalIdSchema = z
  .string()
  .trim()
  .regex(QTI_IDENTIFIER, "The item id must be 2 to 60 characters: letters, digits, hyphens, dots or underscores, starting with a letter (for example pr-adv-101).");

const LIMITS = { stem: 4000, option: 1000, rationale: 4000, options: OPTION_IDS.length };

/** Text as the bank stores it: lines trimmed, runs of spaces and blank lines collapsed (see qti.ts). */
export function cleanContent(content: ItemContent): ItemContent {
  return {
    type: content.type,
    stem: normaliseText(content.stem),
    options: content.options.map((option) => ({ id: option.id, text: normaliseText(option.text) })),
    key: [...new Set(content.key)].sort(),
    rationale: normaliseText(content.rationale),
  };
}

/** Every reason the item cannot be saved, as sentences; empty when it can. */
export function itemProblems(content: ItemContent): string[] {
  const problems = validateItem(content);
  if (content.stem.length > LIMITS.stem) problems.push(`The stem is ${content.stem.length} characters long; keep it to ${LIMITS.stem}.`);
  if (content.options.length > LIMITS.options) problems.push(`The item has ${content.options.length} options; keep it to ${LIMITS.options}.`);
  for (const option of content.options) {
    if (!/^[a-z]$/.test(option.id)) problems.push(`Option id "${option.id}" must be one lower-case letter.`);
    if (option.text.length > LIMITS.option) problems.push(`Option "${option.id}" is ${option.text.length} characters long; keep it to ${LIMITS.option}.`);
  }
  if (content.rationale.length > LIMITS.rationale) problems.push(`The rationale is ${content.rationale.length} characters long; keep it to ${LIMITS.rationale}.`);
  return problems;
}

const sameContent = (left: ItemContent, right: ItemContent) => JSON.stringify(cleanContent(left)) === JSON.stringify(cleanContent(right));

type VersionRow = { type: DbItemType; stem: string; options: Prisma.JsonValue; key: string[]; rationale: string };

export function contentOf(version: VersionRow): ItemContent {
  return {
    type: ITEM_TYPE_FROM_DB[version.type],
    stem: version.stem,
    options: (version.options as { id: string; text: string }[]).map((option) => ({ id: option.id, text: option.text })),
    key: [...version.key],
    rationale: version.rationale,
  };
}

// ---------------------------------------------------------------------------------------------
// Listing and reading

export type BankFilters = { domain?: string | null; status?: ItemStatus | null; q?: string | null };

/**
 * A page of the bank, by item id. The status filter keeps items with any version in that status
 * (an item can be live in version 1 while version 2 is a draft); the search looks in every version's
 * stem and in the item id, as literal text (`%` and `_` are not wildcards).
 */
export async function listItems(examId: string, filters: BankFilters, page: { skip: number; take: number }) {
  const text = filters.q?.trim();
  const q = text ? likeLiteral(text) : null;
  const where: Prisma.ExamItemWhereInput = {
    examId,
    ...(filters.domain ? { domain: filters.domain } : {}),
    AND: [
      filters.status ? { versions: { some: { status: filters.status } } } : {},
      q ? { OR: [{ externalId: { contains: q, mode: "insensitive" } }, { versions: { some: { stem: { contains: q, mode: "insensitive" } } } }] } : {},
    ],
  };
  const [total, items] = await Promise.all([
    prisma.examItem.count({ where }),
    prisma.examItem.findMany({
      where,
      orderBy: { externalId: "asc" },
      skip: page.skip,
      take: page.take,
      select: {
        id: true,
        externalId: true,
        domain: true,
        versions: { select: { id: true, version: true, status: true, type: true, stem: true }, orderBy: { version: "desc" } },
      },
    }),
  ]);
  return {
    total,
    items: items.map((item) => ({
      id: item.id,
      externalId: item.externalId,
      domain: item.domain,
      latest: item.versions[0] ?? null,
      versions: item.versions.map((version) => ({ version: version.version, status: version.status })),
    })),
  };
}

/** Items per domain and status, counting each item once per status it has a version in. */
export async function bankCounts(examId: string) {
  const versions = await prisma.examItemVersion.findMany({
    where: { item: { examId } },
    select: { itemId: true, status: true, item: { select: { domain: true } } },
  });
  const seen = new Set<string>();
  const counts: Record<string, Record<ItemStatus, number>> = {};
  for (const domain of COURSE_DOMAIN_KEYS) counts[domain] = { DRAFT: 0, PRETEST: 0, LIVE: 0, RETIRED: 0 };
  for (const version of versions) {
    const key = `${version.itemId}:${version.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    (counts[version.item.domain] ??= { DRAFT: 0, PRETEST: 0, LIVE: 0, RETIRED: 0 })[version.status] += 1;
  }
  return counts;
}

/** Items with a live version, per domain: what a form can be drawn from. */
export async function liveCountsByDomain(db: Db, examId: string): Promise<Record<string, number>> {
  const groups = await db.examItem.groupBy({
    by: ["domain"],
    where: { examId, versions: { some: { status: "LIVE" } } },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((group) => [group.domain, group._count._all]));
}

/** Sentences naming each domain whose live items cannot fill the blueprint; empty when they can. */
export function blueprintShortfalls(blueprint: Record<string, number>, live: Record<string, number>): string[] {
  return Object.entries(blueprint).flatMap(([domain, wanted]) => {
    const available = live[domain] ?? 0;
    if (available >= wanted) return [];
    return [
      `${domainLabel(domain)} needs ${wanted} live item${wanted === 1 ? "" : "s"} on every form but the bank has ${available}; make ${wanted - available} more ${domainLabel(domain)} item${wanted - available === 1 ? "" : "s"} live or lower its count.`,
    ];
  });
}

export async function itemWithVersions(examId: string, itemId: string | undefined) {
  const id = z.string().min(1).max(40).safeParse(itemId);
  const item = invariantFound(
    id.success
      ? await prisma.examItem.findFirst({
          where: { id: id.data, examId },
          include: { versions: { orderBy: { version: "desc" }, include: { _count: { select: { answers: true } } } } },
        })
      : null,
    "There is no such item in this exam.",
  );
  const authorIds = [...new Set(item.versions.flatMap((version) => (version.createdById ? [version.createdById] : [])))];
  const authors = new Map((await prisma.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]));
  return {
    id: item.id,
    externalId: item.externalId,
    domain: item.domain,
    versions: item.versions.map((version) => ({
      id: version.id,
      version: version.version,
      status: version.status,
      createdAt: version.createdAt,
      author: version.createdById ? (authors.get(version.createdById) ?? "a board member") : "content file or import",
      deliveries: version._count.answers,
      content: contentOf(version),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Changes

export { NewItemStatusSchema, type NewItemStatus } from "~/domain/exam-labels";
import type { NewItemStatus } from "~/domain/exam-labels";

const DOMAIN_ID_PREFIX: Record<CourseDomainKey, string> = {
  advocacy: "adv",
  "mentoring-education": "men",
  "recovery-wellness-support": "rws",
  "ethical-responsibility": "eth",
};

/** The next free id like "icrc-pr-adv-017" for a new item of the domain. */
async function nextExternalId(db: Db, exam: { id: string; code: string }, domain: CourseDomainKey) {
  const prefix = `${exam.code}-${DOMAIN_ID_PREFIX[domain]}-`;
  const taken = await db.examItem.findMany({ where: { examId: exam.id, externalId: { startsWith: likeLiteral(prefix) } }, select: { externalId: true } });
  const numbers = taken.map((item) => Number(item.externalId.slice(prefix.length))).filter(Number.isInteger);
  return `${prefix}${String(Math.max(0, ...numbers) + 1).padStart(3, "0")}`;
}

/** A new item, version 1; its id is given or the next free one for its domain. */
export async function createItem(input: {
  examId: string;
  externalId?: string | null;
  domain: CourseDomainKey;
  status: NewItemStatus;
  content: ItemContent;
  actorId: string;
}) {
  const content = cleanContent(input.content);
  const problems = itemProblems(content);
  if (problems.length) throw new ItemBankError(problems);
  const exam = await prisma.exam.findUniqueOrThrow({ where: { id: input.examId }, select: { id: true, code: true } });
  try {
    return await prisma.$transaction(async (db) => {
      await lockItemIds(db, exam.id);
      const externalId = input.externalId?.trim() || (await nextExternalId(db, exam, input.domain));
      const [taken] = await itemIdsTaken(db, exam.id, [externalId]);
      if (taken !== undefined) throw new ItemBankError([sameIdProblem(externalId, taken)], 409);
      const item = await db.examItem.create({
        data: {
          examId: exam.id,
          externalId,
          domain: input.domain,
          versions: { create: { version: 1, status: input.status, ...versionData(content), createdById: input.actorId } },
        },
        include: { versions: true },
      });
      await recordAudit(db, {
        actorId: input.actorId,
        action: "exam-item.created",
        subjectType: "ExamItem",
        subjectId: item.id,
        details: { examId: exam.id, externalId, domain: input.domain, status: input.status, versionId: item.versions[0]!.id },
      });
      return item;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ItemBankError([`An item with the id "${input.externalId}" is already in this bank; choose another id, or edit that item.`], 409);
    }
    throw error;
  }
}

/**
 * A new version of the item with the content given; earlier versions are not touched. Refused when
 * someone saved a version after `basedOnVersion`, or when nothing changed. Making the new version
 * live retires the item's other live version, so a form never has two versions of one item.
 */
export async function reviseItem(input: {
  itemId: string;
  basedOnVersion: number;
  status: NewItemStatus;
  content: ItemContent;
  actorId: string;
}) {
  const content = cleanContent(input.content);
  const problems = itemProblems(content);
  if (problems.length) throw new ItemBankError(problems);
  try {
    return await prisma.$transaction(async (db) => {
      const latest = await db.examItemVersion.findFirst({ where: { itemId: input.itemId }, orderBy: { version: "desc" } });
      if (!latest) throw new ItemBankError(["This item has no versions to edit."], 404);
      if (latest.version !== input.basedOnVersion) throw new ItemBankError([CHANGED_MEANWHILE(latest.version)], 409);
      if (sameContent(contentOf(latest), content)) {
        throw new ItemBankError(["Nothing changed, so no new version was saved. Change the stem, an option, the key or the rationale first."]);
      }
      const created = await db.examItemVersion.create({
        data: { itemId: input.itemId, version: latest.version + 1, status: input.status, ...versionData(content), createdById: input.actorId },
      });
      const retired = input.status === "LIVE" ? await retireOtherLiveVersions(db, input.itemId, created.id) : [];
      await recordAudit(db, {
        actorId: input.actorId,
        action: "exam-item.revised",
        subjectType: "ExamItem",
        subjectId: input.itemId,
        details: { versionId: created.id, version: created.version, basedOnVersion: input.basedOnVersion, status: input.status, retiredVersions: retired },
      });
      return { version: created, retiredVersions: retired };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ItemBankError([CHANGED_MEANWHILE(input.basedOnVersion + 1)], 409);
    throw error;
  }
}

/**
 * Moves one version to another status. A version that candidates have answered never goes back to
 * draft (draft means "not yet delivered"); making one live retires the item's other live version.
 * Returns the versions retired, and a warning when a published exam's blueprint can no longer be filled.
 */
export async function setVersionStatus(input: { examId: string; itemId: string; versionId: string; status: ItemStatus; actorId: string }) {
  return prisma.$transaction(async (db) => {
    const version = await db.examItemVersion.findFirst({
      where: { id: input.versionId, itemId: input.itemId, item: { examId: input.examId } },
      include: { item: { select: { id: true, externalId: true } }, _count: { select: { answers: true } } },
    });
    if (!version) throw new ItemBankError(["There is no such version of this item."], 404);
    if (version.status === input.status) {
      throw new ItemBankError([`Version ${version.version} is already ${ITEM_STATUS_LABELS[input.status].toLowerCase()}.`]);
    }
    if (input.status === "DRAFT" && version._count.answers > 0) {
      throw new ItemBankError([
        `Version ${version.version} has been delivered to candidates, so it cannot go back to draft. Retire it, or edit the item to make a new version.`,
      ]);
    }
    if (input.status === "PRETEST" || input.status === "LIVE") {
      const problems = itemProblems(contentOf(version));
      if (problems.length) throw new ItemBankError([`Version ${version.version} cannot be delivered: ${problems.join(" ")}`]);
    }
    // Guarded by the status read above, so two board members changing it at once cannot both win.
    const updated = await db.examItemVersion.updateMany({ where: { id: version.id, status: version.status }, data: { status: input.status } });
    if (updated.count !== 1) throw new ItemBankError(["Someone changed this version's status just now. Reload the page and try again."], 409);
    const retired = input.status === "LIVE" ? await retireOtherLiveVersions(db, version.itemId, version.id) : [];
    await recordAudit(db, {
      actorId: input.actorId,
      action: "exam-item.status-changed",
      subjectType: "ExamItem",
      subjectId: version.itemId,
      details: { versionId: version.id, version: version.version, from: version.status, to: input.status, retiredVersions: retired },
    });
    const exam = await db.exam.findUniqueOrThrow({ where: { id: input.examId }, select: { published: true, blueprint: true } });
    const shortfalls = exam.published ? blueprintShortfalls(exam.blueprint as Record<string, number>, await liveCountsByDomain(db, input.examId)) : [];
    return {
      version: version.version,
      retiredVersions: retired,
      warning: shortfalls.length ? `The published exam can no longer be assembled: ${shortfalls.join(" ")}` : null,
    };
  });
}

async function retireOtherLiveVersions(db: Prisma.TransactionClient, itemId: string, keepVersionId: string) {
  const others = await db.examItemVersion.findMany({ where: { itemId, status: "LIVE", id: { not: keepVersionId } }, select: { id: true, version: true } });
  if (others.length) await db.examItemVersion.updateMany({ where: { id: { in: others.map((other) => other.id) } }, data: { status: "RETIRED" } });
  return others.map((other) => other.version);
}

function versionData(content: ItemContent) {
  return {
    type: ITEM_TYPE_TO_DB[content.type],
    stem: content.stem,
    options: content.options,
    key: content.key,
    rationale: content.rationale,
  };
}

/**
 * Item ids are unique in an exam whatever their case: "PR-ADV-001" beside "pr-adv-001" would be two
 * items a board member, a QTI file or another tool cannot tell apart. The database's unique index is
 * case-sensitive (Prisma's schema cannot declare one on lower(id), and the migrations must match the
 * schema), so every writer of new ids takes this lock on the exam's ids first, then checks.
 */
async function lockItemIds(db: Prisma.TransactionClient, examId: string) {
  const key = `exam-item-ids:${examId}`;
  await db.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS held`;
}

/** The exam's ids equal to any of `ids` but for case, as stored. */
async function itemIdsTaken(db: Db, examId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const lower = ids.map((id) => id.toLowerCase());
  const rows = await db.$queryRaw<{ externalId: string }[]>`
    SELECT "externalId" FROM "ExamItem" WHERE "examId" = ${examId} AND lower("externalId") = ANY(${lower}::text[]) ORDER BY "externalId"`;
  return rows.map((row) => row.externalId);
}

function sameIdProblem(wanted: string, taken: string) {
  return wanted === taken
    ? `An item with the id "${taken}" is already in this bank; choose another id, or edit that item.`
    : `The bank already has an item "${taken}", which differs from "${wanted}" only in upper and lower case; item ids must differ by more than case. Choose another id, or edit that item.`;
}

function isUniqueViolation(error: unknown) {
  return (error as { code?: string } | null)?.code === "P2002";
}

// ---------------------------------------------------------------------------------------------
// QTI

/** Latest version of every item (or one item, or one version of it), ready for qti.ts to write. */
export async function itemsForExport(examId: string, only?: { externalId: string; version?: number | null }): Promise<QtiItem[]> {
  const items = await prisma.examItem.findMany({
    where: { examId, ...(only ? { externalId: only.externalId } : {}) },
    orderBy: { externalId: "asc" },
    select: {
      externalId: true,
      domain: true,
      versions: {
        where: only?.version ? { version: only.version } : {},
        orderBy: { version: "desc" },
        take: 1,
        select: { type: true, stem: true, options: true, key: true, rationale: true },
      },
    },
  });
  return items.flatMap((item) => {
    const version = item.versions[0];
    return version ? [{ identifier: item.externalId, domain: item.domain, ...contentOf(version) }] : [];
  });
}

/** A sentence for each imported id the bank already has, the same or but for case. */
async function importClashes(db: Db, examId: string, identifiers: readonly string[]): Promise<string[]> {
  const taken = await itemIdsTaken(db, examId, identifiers);
  return identifiers.flatMap((identifier) => {
    const match = taken.find((id) => id.toLowerCase() === identifier.toLowerCase());
    if (match === undefined) return [];
    return match === identifier
      ? [`Item "${identifier}" is already in this bank. Import never overwrites an item: edit it here, or give the imported item another identifier.`]
      : [`Item "${identifier}" differs from the bank's item "${match}" only in upper and lower case; item ids must differ by more than case. Edit that item here, or give the imported item another identifier.`];
  });
}

/**
 * Imports every item of a QTI file as a new draft item (version 1), or none: a file with any
 * problem, or an id already in the bank, changes nothing. Import never overwrites an item.
 */
export async function importQti(input: { examId: string; xml: string; defaultDomain: CourseDomainKey | null; actorId: string }) {
  const read = readQti(input.xml, { defaultDomain: input.defaultDomain });
  if (!read.ok) throw new ItemBankError(read.problems);
  const items = read.items.map((item) => ({ ...item, ...cleanContent(item) }));
  const problems = items.flatMap((item) => itemProblems(item).map((problem) => `Item "${item.identifier}": ${problem}`));
  problems.push(...(await importClashes(prisma, input.examId, items.map((item) => item.identifier))));
  if (problems.length) throw new ItemBankError(problems);

  try {
    return await prisma.$transaction(
      async (db) => {
        await lockItemIds(db, input.examId);
        // Read again under the lock: another board member may have added one of these ids meanwhile.
        if ((await importClashes(db, input.examId, items.map((item) => item.identifier))).length) {
          throw new ItemBankError(["Another board member added an item with one of these ids just now. Nothing was imported; try again."], 409);
        }
        const created = await db.examItem.createManyAndReturn({
          data: items.map((item) => ({ examId: input.examId, externalId: item.identifier, domain: item.domain })),
          select: { id: true, externalId: true },
        });
        const idOf = new Map(created.map((row) => [row.externalId, row.id]));
        await db.examItemVersion.createMany({
          data: items.map((item) => ({ itemId: idOf.get(item.identifier)!, version: 1, status: "DRAFT" as const, ...versionData(item), createdById: input.actorId })),
        });
        await recordAudit(db, {
          actorId: input.actorId,
          action: "exam-items.imported",
          subjectType: "Exam",
          subjectId: input.examId,
          details: { format: "QTI 3.0", count: items.length, externalIds: items.map((item) => item.identifier) },
        });
        return { count: items.length };
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new ItemBankError(["Another board member added an item with one of these ids just now. Nothing was imported; try again."], 409);
    throw error;
  }
}
