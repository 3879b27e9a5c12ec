// The hour ledger: creating entries, deciding on them, voiding them. Every change writes a
// LedgerEntryEvent, so each entry's history can be shown; entries are never deleted.
import type { Prisma } from "~/generated/prisma/client";
import type { Decision, EntryStatus } from "~/domain/hour-entries";
import { DECISION_STATUS } from "~/domain/hour-entries";
import type { LedgerEntry as EligibilityLedgerEntry } from "~/domain/eligibility";
import type { CourseDomain } from "~/domain/requirements";
import { prisma } from "~/utils/db.server";

type Db = Prisma.TransactionClient | typeof prisma;

const EVENT_FOR: Record<Decision, string> = { approve: "approved", reject: "rejected", "request-changes": "changes-requested" };

/** Creates an entry and its "created" event. */
export async function createLedgerEntry(db: Db, data: Prisma.LedgerEntryUncheckedCreateInput, actorId: string | null) {
  const entry = await db.ledgerEntry.create({ data: { ...data, createdById: actorId } });
  await db.ledgerEntryEvent.create({ data: { entryId: entry.id, actorId, action: "created", toStatus: entry.status } });
  return entry;
}

export class EntryChangedError extends Error {
  constructor() {
    super("Someone else changed this entry a moment ago. Reload to see where it stands.");
  }
}

/**
 * Moves an entry from one status to another only if it is still in the expected status (two
 * reviewers deciding at once: the second is told, nothing is overwritten), and records the event.
 */
async function moveEntry(
  entryId: string,
  from: EntryStatus[],
  to: EntryStatus,
  event: { actorId: string; action: string; comment: string | null },
  data: Prisma.LedgerEntryUncheckedUpdateManyInput = {},
  outer?: Prisma.TransactionClient,
) {
  const move = async (db: Prisma.TransactionClient) => {
    const before = await db.ledgerEntry.findUniqueOrThrow({ where: { id: entryId }, select: { status: true } });
    const moved = await db.ledgerEntry.updateMany({ where: { id: entryId, status: { in: from } }, data: { ...data, status: to } });
    if (moved.count !== 1) throw new EntryChangedError();
    await db.ledgerEntryEvent.create({
      data: { entryId, actorId: event.actorId, action: event.action, fromStatus: before.status, toStatus: to, comment: event.comment },
    });
  };
  return outer ? move(outer) : prisma.$transaction(move);
}

export function decideEntry(entryId: string, reviewerId: string, decision: Decision, comment: string | null) {
  return moveEntry(entryId, ["PENDING"], DECISION_STATUS[decision], { actorId: reviewerId, action: EVENT_FOR[decision], comment }, {
    reviewedById: reviewerId,
    reviewedAt: new Date(),
    reviewComment: comment,
  });
}

export function voidEntry(entryId: string, actorId: string, reason: string, db?: Prisma.TransactionClient) {
  return moveEntry(
    entryId,
    ["PENDING", "APPROVED", "REJECTED", "CHANGES_REQUESTED"],
    "VOIDED",
    { actorId, action: "voided", comment: reason },
    { voidedReason: reason },
    db,
  );
}

/**
 * Holds a trainee's evidence still until the transaction `db` ends: an approval that checks it after
 * this issues the credential on evidence no void can take away before the credential exists, and a
 * void waits for the approval (then stands as a later event in the record).
 */
export async function lockTraineeEvidence(db: Prisma.TransactionClient, traineeId: string) {
  const key = `evidence:${traineeId}`;
  await db.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS held`;
}

/** The trainee answers a request for changes: the corrected entry goes back to the supervisor. */
export function resubmitEntry(
  entryId: string,
  traineeId: string,
  changes: Prisma.LedgerEntryUncheckedUpdateManyInput,
  comment: string | null,
  db?: Prisma.TransactionClient,
) {
  return moveEntry(entryId, ["CHANGES_REQUESTED"], "PENDING", { actorId: traineeId, action: "resubmitted", comment }, changes, db);
}

export function entryHistory(entryId: string) {
  return prisma.ledgerEntryEvent.findMany({
    where: { entryId },
    orderBy: { createdAt: "asc" },
    select: { action: true, fromStatus: true, toStatus: true, comment: true, createdAt: true, actor: { select: { name: true } } },
  });
}

/**
 * Holds one trainee's practice hours for one day until the transaction `db` ends: a daily limit
 * checked after this still holds when the transaction commits, because a second post for that day
 * waits here until the first has committed (and then sees its hours).
 */
export async function lockTraineeDay(db: Prisma.TransactionClient, traineeId: string, day: Date) {
  const key = `practice-day:${traineeId}:${day.toISOString().slice(0, 10)}`;
  await db.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))) AS held`;
}

/** Minutes already logged by a trainee on one day (not counting rejected or void entries), read in `db`. */
export async function minutesOnDay(traineeId: string, day: Date, excludeEntryId?: string, db: Db = prisma) {
  const result = await db.ledgerEntry.aggregate({
    where: {
      traineeId,
      occurredOn: day,
      kind: { in: ["EXPERIENCE", "SUPERVISED"] },
      status: { notIn: ["REJECTED", "VOIDED"] },
      ...(excludeEntryId ? { id: { not: excludeEntryId } } : {}),
    },
    _sum: { minutes: true },
  });
  return result._sum.minutes ?? 0;
}

export const KIND: Record<string, EligibilityLedgerEntry["kind"]> = {
  TRAINING: "training",
  EXPERIENCE: "experience",
  SUPERVISED: "supervised",
  CONTINUING_EDUCATION: "continuing-education",
};
export const STATUS: Record<string, EligibilityLedgerEntry["status"]> = {
  APPROVED: "approved",
  PENDING: "pending",
  CHANGES_REQUESTED: "pending",
  REJECTED: "rejected",
  VOIDED: "voided",
};

/** The ledgers of many trainees in one query, in the shape evaluateEligibility reads. */
export async function ledgersForEligibility(traineeIds: readonly string[], db: Prisma.TransactionClient = prisma): Promise<Map<string, EligibilityLedgerEntry[]>> {
  const ledgers = new Map<string, EligibilityLedgerEntry[]>(traineeIds.map((id) => [id, []]));
  if (!traineeIds.length) return ledgers;
  const rows = await db.ledgerEntry.findMany({
    where: { traineeId: { in: [...traineeIds] } },
    select: { id: true, traineeId: true, kind: true, status: true, minutes: true, courseDomain: true, ceCategory: true, occurredOn: true },
  });
  for (const row of rows) {
    ledgers.get(row.traineeId)?.push({
      id: row.id,
      kind: KIND[row.kind]!,
      status: STATUS[row.status]!,
      hours: row.minutes / 60,
      courseDomain: (row.courseDomain as CourseDomain | null) ?? null,
      ceCategory: row.ceCategory,
      occurredOn: row.occurredOn,
    });
  }
  return ledgers;
}

/** One trainee's ledger in the shape evaluateEligibility reads. */
export async function ledgerForEligibility(traineeId: string, db?: Prisma.TransactionClient): Promise<EligibilityLedgerEntry[]> {
  return (await ledgersForEligibility([traineeId], db)).get(traineeId)!;
}
