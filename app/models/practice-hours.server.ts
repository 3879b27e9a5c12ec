// Hours a trainee logs (experience and supervised practice) or claims (training taken elsewhere),
// and what happens to them: decisions by the named supervisor or the reviewing board, resubmission
// after changes were requested, voiding. The rules are in domain/hour-entries.ts; status moves and
// the history are written by ledger.server.ts.
import type { Prisma } from "~/generated/prisma/client";
import type { z } from "zod";
import {
  DECISIONS_FOR_SOURCE,
  dailyLimitProblem,
  hoursToMinutes,
  reviewProblem,
  voidProblem,
  type EntryOversight,
  type Decision,
  type externalTrainingSchema,
  type practiceHoursSchema,
  type resubmissionSchema,
} from "~/domain/hour-entries";
import type { RoleGrant } from "~/domain/roles";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { CertificateRejectedError, readCertificate, storeDocument } from "./documents.server";
import { EntryChangedError, createLedgerEntry, decideEntry, lockTraineeDay, lockTraineeEvidence, minutesOnDay, resubmitEntry, voidEntry } from "./ledger.server";

type Actor = { id: string; grants: readonly RoleGrant[] };
export type PracticeHours = z.infer<ReturnType<typeof practiceHoursSchema>>;
export type ExternalTraining = z.infer<ReturnType<typeof externalTrainingSchema>>;
export type Resubmission = z.infer<ReturnType<typeof resubmissionSchema>>;
type Page = { skip: number; take: number };

/** A refusal the user can act on: the route shows it next to `field`, or above the form. */
export class HoursProblem extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** Any refusal from this model (or the ledger and documents beneath it) as a HoursProblem; anything else is rethrown. */
export function asHoursProblem(error: unknown): HoursProblem {
  if (error instanceof HoursProblem) return error;
  if (error instanceof EntryChangedError) return new HoursProblem(error.message, 409);
  if (error instanceof CertificateRejectedError) return new HoursProblem(error.message, 400, "certificate");
  throw error;
}

const NOT_FOUND = "There is no entry with this number. It may have been typed wrongly.";

// ---------------------------------------------------------------------------------------------
// Logging and claiming.

/** Everyone holding the supervisor role, except the trainee: a trainee never supervises themself. */
export function supervisorChoices(traineeId: string) {
  return prisma.user.findMany({
    where: { id: { not: traineeId }, roles: { some: { role: "SUPERVISOR" } } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

export function jurisdictionChoices() {
  return prisma.jurisdiction.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/**
 * Checks the 24-hour limit inside the transaction `db` that then writes the hours. The day stays
 * locked until that transaction ends, so two posts racing for the last hours of a day are taken one
 * after the other and the second sees the first.
 */
async function checkDailyLimit(db: Prisma.TransactionClient, traineeId: string, day: Date, minutes: number, excludeEntryId?: string) {
  await lockTraineeDay(db, traineeId, day);
  const problem = dailyLimitProblem(await minutesOnDay(traineeId, day, excludeEntryId, db), minutes);
  if (problem) throw new HoursProblem(problem, 400, "hours");
}

/** Experience or supervised hours, pending until the supervisor the trainee named decides. */
export async function logPracticeHours(trainee: Actor, input: PracticeHours) {
  if (input.supervisorId === trainee.id) {
    throw new HoursProblem("You cannot supervise your own hours. Choose the supervisor who oversaw this work.", 400, "supervisorId");
  }
  const supervisor = await prisma.user.findFirst({
    where: { id: input.supervisorId, roles: { some: { role: "SUPERVISOR" } } },
    select: { id: true, name: true },
  });
  if (!supervisor) throw new HoursProblem("Choose your supervisor from the list.", 400, "supervisorId");
  const minutes = hoursToMinutes(input.hours);
  const entry = await prisma.$transaction(async (db) => {
    await checkDailyLimit(db, trainee.id, input.occurredOn, minutes);
    const created = await createLedgerEntry(
      db,
      {
        traineeId: trainee.id,
        kind: input.kind,
        source: "LOGGED",
        status: "PENDING",
        minutes,
        occurredOn: input.occurredOn,
        setting: input.setting,
        description: input.description,
        supervisorId: supervisor.id,
      },
      trainee.id,
    );
    await recordAudit(db, {
      actorId: trainee.id,
      action: "hours.logged",
      subjectType: "LedgerEntry",
      subjectId: created.id,
      details: { kind: input.kind, minutes, supervisorId: supervisor.id },
    });
    return created;
  });
  return { entry, supervisor };
}

/** Training taken elsewhere, with its certificate, pending until a board member of the chosen jurisdiction decides. */
export async function claimExternalTraining(trainee: Actor, input: ExternalTraining, upload: FormDataEntryValue | null) {
  const jurisdiction = await prisma.jurisdiction.findUnique({ where: { id: input.jurisdictionId }, select: { id: true, name: true } });
  if (!jurisdiction) throw new HoursProblem("Choose the board to review it from the list.", 400, "jurisdictionId");
  const certificate = await readCertificate(upload);
  const minutes = hoursToMinutes(input.hours);
  const entry = await prisma.$transaction(async (db) => {
    const document = await storeDocument(db, trainee.id, "training-certificate", certificate);
    const created = await createLedgerEntry(
      db,
      {
        traineeId: trainee.id,
        kind: "TRAINING",
        source: "EXTERNAL_CERTIFICATE",
        status: "PENDING",
        minutes,
        occurredOn: input.occurredOn,
        courseDomain: input.courseDomain,
        provider: input.provider,
        description: input.description,
        reviewJurisdictionId: jurisdiction.id,
        documentId: document.id,
      },
      trainee.id,
    );
    await recordAudit(db, {
      actorId: trainee.id,
      action: "external-training.claimed",
      subjectType: "LedgerEntry",
      subjectId: created.id,
      details: { minutes, jurisdictionId: jurisdiction.id, documentId: document.id, sha256: document.sha256 },
    });
    return created;
  });
  return { entry, jurisdiction };
}

// ---------------------------------------------------------------------------------------------
// Reading.

/** A trainee's whole ledger, every source, newest first. */
export async function traineeLedger(traineeId: string, page: Page) {
  const where = { traineeId };
  const [total, entries] = await Promise.all([
    prisma.ledgerEntry.count({ where }),
    prisma.ledgerEntry.findMany({
      where,
      select: { id: true, occurredOn: true, kind: true, source: true, minutes: true, courseDomain: true, status: true, description: true },
      orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }, { id: "desc" }],
      ...page,
    }),
  ]);
  return { total, entries };
}

/**
 * The trainee's hours sent back for changes, oldest first: the list of the Hours page is by date
 * worked, so these could sit pages deep while the supervisor waits for the correction.
 */
export function hoursToCorrect(traineeId: string) {
  return prisma.ledgerEntry.findMany({
    where: { traineeId, status: "CHANGES_REQUESTED" },
    select: { id: true, kind: true, minutes: true, occurredOn: true, reviewComment: true, supervisor: { select: { name: true } } },
    orderBy: [{ occurredOn: "asc" }, { id: "asc" }],
  });
}

/** One entry with everything its page shows (who may see it: canViewEntry). */
export function findEntry(entryId: string) {
  return prisma.ledgerEntry.findUnique({
    where: { id: entryId },
    select: {
      id: true,
      traineeId: true,
      supervisorId: true,
      reviewJurisdictionId: true,
      kind: true,
      source: true,
      status: true,
      minutes: true,
      occurredOn: true,
      courseDomain: true,
      description: true,
      setting: true,
      provider: true,
      reviewComment: true,
      voidedReason: true,
      createdAt: true,
      trainee: { select: { name: true } },
      supervisor: { select: { name: true } },
      reviewJurisdiction: { select: { name: true } },
      document: { select: { id: true, filename: true, mimeType: true, sizeBytes: true } },
    },
  });
}

const queueSelect = {
  id: true,
  kind: true,
  minutes: true,
  occurredOn: true,
  courseDomain: true,
  description: true,
  setting: true,
  provider: true,
  createdAt: true,
  trainee: { select: { name: true } },
} as const;

/** Logged hours waiting for this supervisor, oldest first. */
export async function supervisorQueue(supervisorId: string, page: Page) {
  const where = { supervisorId, source: "LOGGED", status: "PENDING", traineeId: { not: supervisorId } } as const;
  const [total, entries] = await Promise.all([
    prisma.ledgerEntry.count({ where }),
    prisma.ledgerEntry.findMany({ where, select: queueSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], ...page }),
  ]);
  return { total, entries };
}

/** Training taken elsewhere waiting for the boards of these jurisdictions, oldest first; never the member's own. */
export async function externalTrainingQueue(reviewer: Actor, page: Page) {
  const jurisdictionIds = reviewer.grants.flatMap((grant) => (grant.role === "BOARD_MEMBER" && grant.jurisdictionId ? [grant.jurisdictionId] : []));
  const where = {
    source: "EXTERNAL_CERTIFICATE",
    status: "PENDING",
    reviewJurisdictionId: { in: jurisdictionIds },
    traineeId: { not: reviewer.id },
  } as const;
  const [total, entries] = await Promise.all([
    prisma.ledgerEntry.count({ where }),
    prisma.ledgerEntry.findMany({
      where,
      select: {
        ...queueSelect,
        reviewJurisdiction: { select: { name: true } },
        document: { select: { id: true, filename: true, mimeType: true, sizeBytes: true } },
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      ...page,
    }),
  ]);
  return { total, entries };
}

// ---------------------------------------------------------------------------------------------
// Deciding, resubmitting, voiding.

const DECISION_ACTIONS: Record<Decision, string> = { approve: "approved", reject: "rejected", "request-changes": "changes-requested" };

/**
 * A supervisor's decision on logged hours, or a board member's on training taken elsewhere. `source`
 * is the queue the decision came from: an entry of another kind is not in it.
 */
export async function decideOnEntry(
  entryId: string,
  reviewer: Actor,
  source: "LOGGED" | "EXTERNAL_CERTIFICATE",
  decision: Decision,
  comment: string | null,
) {
  const entry = await prisma.ledgerEntry.findUnique({
    where: { id: entryId },
    select: { traineeId: true, status: true, source: true, supervisorId: true, reviewJurisdictionId: true, minutes: true, trainee: { select: { name: true } } },
  });
  if (!entry || entry.source !== source) throw new HoursProblem(NOT_FOUND, 404);
  if (!DECISIONS_FOR_SOURCE[entry.source]?.includes(decision)) throw new HoursProblem("Choose one of the decisions offered.", 400, "decision");
  const problem = reviewProblem(entry, reviewer);
  if (problem) throw new HoursProblem(problem, reviewer.id !== entry.traineeId && entry.status !== "PENDING" ? 409 : 403);
  await decideEntry(entryId, reviewer.id, decision, comment);
  await recordAudit(prisma, {
    actorId: reviewer.id,
    action: `hours.${DECISION_ACTIONS[decision]}`,
    subjectType: "LedgerEntry",
    subjectId: entryId,
    details: { comment },
  });
  return entry;
}

/** The trainee corrects hours a supervisor sent back; they go back to the same supervisor. */
export async function resubmitPracticeHours(entryId: string, trainee: Actor, input: Resubmission) {
  const entry = await prisma.ledgerEntry.findUnique({ where: { id: entryId }, select: { traineeId: true, status: true, source: true } });
  if (!entry) throw new HoursProblem(NOT_FOUND, 404);
  if (entry.traineeId !== trainee.id) throw new HoursProblem("Only the trainee who logged these hours can correct them.", 403);
  if (entry.source !== "LOGGED" || entry.status !== "CHANGES_REQUESTED") {
    throw new HoursProblem("These hours are not waiting for your changes. Reload to see where they stand.", 409);
  }
  const minutes = hoursToMinutes(input.hours);
  await prisma.$transaction(async (db) => {
    await checkDailyLimit(db, trainee.id, input.occurredOn, minutes, entryId);
    await resubmitEntry(
      entryId,
      trainee.id,
      // The supervisor's comment stays in the history; the entry itself is waiting again, undecided.
      { occurredOn: input.occurredOn, minutes, setting: input.setting, description: input.description, reviewComment: null, reviewedAt: null, reviewedById: null },
      input.comment,
      db,
    );
  });
  await recordAudit(prisma, { actorId: trainee.id, action: "hours.resubmitted", subjectType: "LedgerEntry", subjectId: entryId, details: { minutes } });
}

/**
 * Which boards oversee the trainee's entries (see EntryOversight), as far as `viewer` needs: only a
 * board member's grants are checked against the trainee's jurisdictions, so no one else waits for them.
 */
export async function entryOversight(entry: { traineeId: string; reviewJurisdictionId: string | null }, viewer: Actor): Promise<EntryOversight> {
  if (!viewer.grants.some((grant) => grant.role === "BOARD_MEMBER")) return { reviewJurisdictionId: entry.reviewJurisdictionId, traineeJurisdictionIds: [] };
  const [goals, applications, credentials] = await Promise.all([
    prisma.traineeGoal.findMany({ where: { traineeId: entry.traineeId }, select: { credentialType: { select: { jurisdictionId: true } } } }),
    prisma.credentialApplication.findMany({ where: { traineeId: entry.traineeId }, select: { credentialType: { select: { jurisdictionId: true } } } }),
    prisma.credential.findMany({ where: { holderId: entry.traineeId }, select: { jurisdictionId: true } }),
  ]);
  const traineeJurisdictionIds = new Set([...goals, ...applications].map((row) => row.credentialType.jurisdictionId));
  for (const credential of credentials) traineeJurisdictionIds.add(credential.jurisdictionId);
  return { reviewJurisdictionId: entry.reviewJurisdictionId, traineeJurisdictionIds: [...traineeJurisdictionIds] };
}

/** An application's trainee and jurisdiction, for the way back to it from an hours entry; null if none. */
export async function applicationReference(applicationId: string) {
  const application = await prisma.credentialApplication.findUnique({
    where: { id: applicationId },
    select: { id: true, traineeId: true, credentialType: { select: { jurisdictionId: true } } },
  });
  return application ? { id: application.id, traineeId: application.traineeId, jurisdictionId: application.credentialType.jurisdictionId } : null;
}

/** Voids an entry with a reason: it keeps its history and stops counting (who may: voidProblem). */
export async function voidHours(entryId: string, actor: Actor, reason: string) {
  const entry = await prisma.ledgerEntry.findUnique({ where: { id: entryId }, select: { traineeId: true, status: true, reviewJurisdictionId: true } });
  if (!entry) throw new HoursProblem(NOT_FOUND, 404);
  const problem = voidProblem(entry, actor, await entryOversight(entry, actor));
  if (problem) throw new HoursProblem(problem, entry.status === "VOIDED" ? 409 : 403);
  await prisma.$transaction(async (db) => {
    await lockTraineeEvidence(db, entry.traineeId);
    await voidEntry(entryId, actor.id, reason, db);
    await recordAudit(db, { actorId: actor.id, action: "hours.voided", subjectType: "LedgerEntry", subjectId: entryId, details: { reason } });
  });
}
