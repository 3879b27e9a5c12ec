// Live sessions: scheduling, registration (with capacity held atomically), and attendance, which
// credits the trainee's hour ledger. Rules come from domain/live-sessions.ts; this file reads and
// writes. Every change is audited; ledger entries are created and voided through ledger.server.ts so
// each keeps its history.
import {
  attendanceProblem,
  cancellationProblem,
  creditFor,
  editProblem,
  formatSessionTime,
  placesProblem,
  registrationProblem,
  sameAttendance,
  sessionCancellationProblem,
  sessionChanges,
  sessionDomains,
  type AttendanceMark,
  type ScheduledSession,
  type SessionChange,
} from "~/domain/live-sessions";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { addedNotice, cancellationNotice, changeNotice } from "~/domain/session-notices";
import { recordAudit } from "./audit.server";
import { sendMail, writeNotice } from "./mail.server";
import { EntryChangedError, createLedgerEntry, voidEntry } from "./ledger.server";
import { normalizeEmail } from "./user.server";

/** A rule refused the request: the message is for the user, the status for the response. */
export class SessionRuleError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 = 409,
    /** The form field the message belongs beside, when it is about one. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

const NOT_YOURS = "Only the instructor who runs this session can manage it.";
const CHANGED = "Someone else recorded attendance for this trainee a moment ago. Reload the page to see where it stands.";
const SESSION_CHANGED = "This session was changed or cancelled a moment ago. Reload the page to see where it stands.";
export const CORRECTION_REASON = "Attendance corrected";

export async function scheduleSession(instructorId: string, session: ScheduledSession) {
  return prisma.$transaction(async (db) => {
    const created = await db.liveSession.create({ data: { ...session, instructorId } });
    await recordAudit(db, {
      actorId: instructorId,
      action: "live-session.scheduled",
      subjectType: "LiveSession",
      subjectId: created.id,
      details: { topic: session.topic, startsAt: session.startsAt.toISOString() },
    });
    return created;
  });
}

const listFields = {
  id: true,
  topic: true,
  startsAt: true,
  durationMinutes: true,
  capacity: true,
  attendanceRecordedAt: true,
  cancelledAt: true,
  _count: { select: { registrations: true } },
} as const;

/**
 * An instructor's sessions, one page at a time: those still to start first (soonest first), then
 * those that have started (most recent first).
 */
export async function instructorSessions(instructorId: string, page: { skip: number; take: number }, now = new Date()) {
  const upcomingWhere = { instructorId, startsAt: { gt: now } };
  const pastWhere = { instructorId, startsAt: { lte: now } };
  const [upcomingCount, pastCount] = await Promise.all([
    prisma.liveSession.count({ where: upcomingWhere }),
    prisma.liveSession.count({ where: pastWhere }),
  ]);
  const upcomingTake = Math.max(0, Math.min(page.take, upcomingCount - page.skip));
  const [upcoming, past] = await Promise.all([
    upcomingTake > 0
      ? prisma.liveSession.findMany({ where: upcomingWhere, select: listFields, orderBy: [{ startsAt: "asc" }, { id: "asc" }], skip: page.skip, take: upcomingTake })
      : [],
    page.take - upcomingTake > 0
      ? prisma.liveSession.findMany({
          where: pastWhere,
          select: listFields,
          orderBy: [{ startsAt: "desc" }, { id: "asc" }],
          skip: Math.max(0, page.skip - upcomingCount),
          take: page.take - upcomingTake,
        })
      : [],
  ]);
  const sessions = [...upcoming, ...past];
  // How many of each session's registrations have a mark: "recorded" means every one, not just the first.
  const marked = sessions.length
    ? await prisma.sessionRegistration.groupBy({
        by: ["sessionId"],
        where: { sessionId: { in: sessions.map((session) => session.id) }, attendance: { not: null } },
        _count: { _all: true },
      })
    : [];
  const markedBySession = new Map(marked.map((row) => [row.sessionId, row._count._all]));
  return { sessions: sessions.map((session) => ({ ...session, marked: markedBySession.get(session.id) ?? 0 })), total: upcomingCount + pastCount };
}

/** A session with its registrations and the training minutes each has been credited. */
export async function sessionWithRegistrations(sessionId: string) {
  const session = await prisma.liveSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      instructorId: true,
      topic: true,
      description: true,
      domains: true,
      startsAt: true,
      durationMinutes: true,
      location: true,
      onlineUrl: true,
      capacity: true,
      attendanceRecordedAt: true,
      cancelledAt: true,
      cancellationReason: true,
      instructor: { select: { name: true } },
      registrations: {
        select: {
          id: true,
          registeredAt: true,
          attendance: true,
          minutesAttended: true,
          recordedAt: true,
          trainee: { select: { id: true, name: true, email: true } },
          ledgerEntries: { where: { status: "APPROVED" }, select: { minutes: true } },
        },
        orderBy: [{ trainee: { name: "asc" } }, { id: "asc" }],
      },
    },
  });
  if (!session) return null;
  return {
    ...session,
    domains: sessionDomains(session.domains),
    registrations: session.registrations.map(({ ledgerEntries, ...registration }) => ({
      ...registration,
      creditedMinutes: ledgerEntries.reduce((sum, entry) => sum + entry.minutes, 0),
    })),
  };
}

/** Sessions a trainee can still register for, soonest first, with places taken and their own registration. */
export async function upcomingSessions(traineeId: string, page: { skip: number; take: number }, now = new Date()) {
  const where = { startsAt: { gt: now }, cancelledAt: null };
  const [total, sessions] = await Promise.all([
    prisma.liveSession.count({ where }),
    prisma.liveSession.findMany({
      where,
      select: {
        id: true,
        topic: true,
        description: true,
        domains: true,
        startsAt: true,
        durationMinutes: true,
        location: true,
        onlineUrl: true,
        capacity: true,
        instructor: { select: { name: true } },
        _count: { select: { registrations: true } },
        registrations: { where: { traineeId }, select: { id: true } },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return {
    total,
    sessions: sessions.map(({ registrations, _count, ...session }) => ({
      ...session,
      domains: sessionDomains(session.domains),
      registered: registrations.length > 0,
      registeredCount: _count.registrations,
    })),
  };
}

/** Every session a trainee is or was registered for, newest first, with the outcome and minutes credited. */
export async function traineeRegistrations(traineeId: string) {
  const registrations = await prisma.sessionRegistration.findMany({
    where: { traineeId },
    select: {
      id: true,
      attendance: true,
      minutesAttended: true,
      session: { select: { id: true, topic: true, startsAt: true, durationMinutes: true, cancelledAt: true, cancellationReason: true } },
      ledgerEntries: { where: { status: "APPROVED" }, select: { minutes: true } },
    },
    orderBy: [{ session: { startsAt: "desc" } }, { id: "asc" }],
  });
  return registrations.map(({ ledgerEntries, ...registration }) => ({
    ...registration,
    creditedMinutes: ledgerEntries.reduce((sum, entry) => sum + entry.minutes, 0),
  }));
}

/**
 * Registers a trainee. The session row is locked for the check and the insert, so two trainees
 * taking the last place at once cannot both get it.
 */
export async function register(sessionId: string, traineeId: string, now = new Date()) {
  try {
    return await prisma.$transaction(async (db) => {
      const locked = await db.$queryRaw<{ id: string }[]>`SELECT id FROM "LiveSession" WHERE id = ${sessionId} FOR UPDATE`;
      if (!locked.length) throw new SessionRuleError("This session no longer exists.", 404);
      const session = await db.liveSession.findUniqueOrThrow({
        where: { id: sessionId },
        select: { startsAt: true, capacity: true, topic: true, cancelledAt: true },
      });
      const [registered, existing] = await Promise.all([
        db.sessionRegistration.count({ where: { sessionId } }),
        db.sessionRegistration.findUnique({ where: { sessionId_traineeId: { sessionId, traineeId } }, select: { id: true } }),
      ]);
      const problem = registrationProblem(session, registered, existing !== null, now);
      if (problem) throw new SessionRuleError(problem);
      const registration = await db.sessionRegistration.create({ data: { sessionId, traineeId } });
      await recordAudit(db, {
        actorId: traineeId,
        action: "live-session.registered",
        subjectType: "SessionRegistration",
        subjectId: registration.id,
        details: { sessionId },
      });
      return { registration, topic: session.topic };
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new SessionRuleError("You are already registered for this session.");
    throw error;
  }
}

export async function cancelRegistration(sessionId: string, traineeId: string, now = new Date()) {
  return prisma.$transaction(async (db) => {
    const session = await db.liveSession.findUnique({ where: { id: sessionId }, select: { startsAt: true, topic: true, cancelledAt: true } });
    if (!session) throw new SessionRuleError("This session no longer exists.", 404);
    const registration = await db.sessionRegistration.findUnique({
      where: { sessionId_traineeId: { sessionId, traineeId } },
      select: { id: true },
    });
    const problem = cancellationProblem(session, registration !== null, now);
    if (problem) throw new SessionRuleError(problem);
    // Before the start nothing has been credited, so the registration can go; the audit keeps the trace.
    await db.sessionRegistration.delete({ where: { id: registration!.id } });
    await recordAudit(db, {
      actorId: traineeId,
      action: "live-session.registration-cancelled",
      subjectType: "SessionRegistration",
      subjectId: registration!.id,
      details: { sessionId },
    });
    return { topic: session.topic };
  });
}

/**
 * The instructor's own session. With `lock`, its row stays locked until the transaction ends; register()
 * takes the same lock, so a registration and a change of places, an edit and a cancellation, or
 * attendance and an edit never interleave: the second waits, then sees what the first did.
 */
async function ownSession(db: Prisma.TransactionClient | typeof prisma, sessionId: string, instructorId: string, { lock }: { lock: boolean }) {
  if (lock) await db.$queryRaw`SELECT id FROM "LiveSession" WHERE id = ${sessionId} FOR UPDATE`;
  const session = await db.liveSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      instructorId: true,
      topic: true,
      description: true,
      startsAt: true,
      durationMinutes: true,
      domains: true,
      location: true,
      onlineUrl: true,
      capacity: true,
      attendanceRecordedAt: true,
      cancelledAt: true,
    },
  });
  if (!session) throw new SessionRuleError("We could not find this session.", 404);
  if (session.instructorId !== instructorId) throw new SessionRuleError(NOT_YOURS, 403);
  return { ...session, domains: sessionDomains(session.domains) };
}

/** Writes to a session only if it is still as checked: not started as read, not cancelled, no attendance. */
async function changeUnstarted(
  db: Prisma.TransactionClient,
  session: { id: string; startsAt: Date },
  data: Prisma.LiveSessionUpdateManyMutationInput,
) {
  const updated = await db.liveSession.updateMany({
    where: { id: session.id, startsAt: session.startsAt, cancelledAt: null, attendanceRecordedAt: null },
    data,
  });
  if (updated.count !== 1) throw new SessionRuleError(SESSION_CHANGED);
}

/**
 * The instructor changes a session's details before it starts, under the same rules as scheduling.
 * Places may not drop below the trainees registered, counted under the lock register() takes, so a
 * registration racing the change is either counted or refused as full. Nothing changed, nothing written.
 */
export async function editSession(sessionId: string, instructorId: string, edit: ScheduledSession, now = new Date()) {
  const outcome = await prisma.$transaction(async (db) => {
    const session = await ownSession(db, sessionId, instructorId, { lock: true });
    const problem = editProblem(session, now);
    if (problem) throw new SessionRuleError(problem);
    const registered = await db.sessionRegistration.count({ where: { sessionId } });
    const tooFew = placesProblem(edit.capacity, { capacity: session.capacity, registered });
    if (tooFew) throw new SessionRuleError(tooFew, 409, "capacity");
    const changes: SessionChange[] = sessionChanges(session, edit);
    if (!changes.length) return { topic: session.topic, changes };
    await changeUnstarted(db, session, edit);
    await recordAudit(db, {
      actorId: instructorId,
      action: "live-session.edited",
      subjectType: "LiveSession",
      subjectId: sessionId,
      details: { changes: changes.map(({ field, from, to }) => ({ field, from, to })) as Prisma.InputJsonValue },
    });
    return { topic: edit.topic, changes };
  });
  if (outcome.changes.length) {
    await tellRegistered(sessionId, `edited:${now.toISOString()}`, (name, session) => changeNotice(name, session, outcome.changes));
  }
  return outcome;
}

/**
 * The instructor cancels a session before it starts. Final: the registrations stay (their trainees
 * see the session as cancelled, with the reason), but no one can register, and no attendance or hours
 * can be recorded for it.
 */
export async function cancelSession(sessionId: string, instructorId: string, reason: string, now = new Date()) {
  const outcome = await prisma.$transaction(async (db) => {
    const session = await ownSession(db, sessionId, instructorId, { lock: true });
    const problem = sessionCancellationProblem(session, now);
    if (problem) throw new SessionRuleError(problem);
    const registered = await db.sessionRegistration.count({ where: { sessionId } });
    await changeUnstarted(db, session, { cancelledAt: now, cancellationReason: reason });
    await recordAudit(db, {
      actorId: instructorId,
      action: "live-session.cancelled",
      subjectType: "LiveSession",
      subjectId: sessionId,
      details: { reason, startsAt: session.startsAt.toISOString(), registered },
    });
    return { topic: session.topic, registered };
  });
  await tellRegistered(sessionId, "cancelled", (name, session) => cancellationNotice(name, session, reason));
  return outcome;
}

/**
 * Emails each trainee registered for the session what changed, through the outbox (once per trainee and
 * event: the dedupe key). After the change is committed, and never its undoing: a message that cannot
 * be written is logged, and the trainee still sees the change on their Live sessions page.
 */
async function tellRegistered(
  sessionId: string,
  event: string,
  noticeFor: (traineeName: string, session: { topic: string; startsAt: Date; instructorName: string }) => { subject: string; body: string } | null,
) {
  const session = await prisma.liveSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { topic: true, startsAt: true, instructor: { select: { name: true } }, registrations: { select: { id: true, trainee: { select: { name: true, email: true } } } } },
  });
  for (const { id, trainee } of session.registrations) {
    const notice = noticeFor(trainee.name, { topic: session.topic, startsAt: session.startsAt, instructorName: session.instructor.name });
    if (!notice) continue;
    await writeNotice(`the session notice for registration ${id}`, () =>
      sendMail({ dedupeKey: `live-session:${sessionId}:${event}:${id}`, toEmail: trainee.email, toName: trainee.name, ...notice }),
    );
  }
}

/**
 * The instructor adds a trainee who did not register (someone who walked in, or a session entered
 * after it took place). Capacity limits self-registration only: the instructor decides who is in the room.
 */
export async function addTrainee(sessionId: string, instructorId: string, email: string, now = new Date()) {
  const trainee = await prisma.user.findFirst({
    where: { email: normalizeEmail(email), roles: { some: { role: "TRAINEE" } } },
    select: { id: true, name: true, email: true },
  });
  try {
    const added = await prisma.$transaction(async (db) => {
      const session = await ownSession(db, sessionId, instructorId, { lock: true });
      if (session.cancelledAt) throw new SessionRuleError("This session is cancelled, so no one can be added to it.");
      if (!trainee) throw new SessionRuleError("No trainee has an account with that email. Ask them to sign up first, then add them.", 400);
      const registration = await db.sessionRegistration.create({ data: { sessionId, traineeId: trainee.id } });
      await recordAudit(db, {
        actorId: instructorId,
        action: "live-session.trainee-added",
        subjectType: "SessionRegistration",
        subjectId: registration.id,
        details: { sessionId, traineeId: trainee.id },
      });
      return { registration, traineeName: trainee.name, traineeEmail: trainee.email };
    });
    const emailed = await tellAdded(added.registration.id, added.traineeName, added.traineeEmail, now);
    return { traineeName: added.traineeName, emailed };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new SessionRuleError(`${trainee!.name} is already on this session's list.`);
    throw error;
  }
}

/** Emails a trainee the instructor added to a session still to come; whether a notice was written. */
async function tellAdded(registrationId: string, traineeName: string, traineeEmail: string, now: Date) {
  const { session } = await prisma.sessionRegistration.findUniqueOrThrow({
    where: { id: registrationId },
    select: { session: { select: { id: true, topic: true, startsAt: true, durationMinutes: true, location: true, onlineUrl: true, instructor: { select: { name: true } } } } },
  });
  const notice = addedNotice(traineeName, { ...session, instructorName: session.instructor.name }, now);
  if (!notice) return false;
  // The trainee is on the list either way and sees the session on their Live sessions page.
  return writeNotice(`the notice for added registration ${registrationId}`, () =>
    sendMail({ dedupeKey: `live-session:${session.id}:added:${registrationId}`, toEmail: traineeEmail, toName: traineeName, ...notice }),
  );
}

export type AttendanceOutcome = { recorded: number; corrected: number; unchanged: number };

/**
 * Records attendance for some of a session's registrations: only the session's own instructor, and
 * not before it starts. Each change credits the ledger with one approved training entry per domain
 * (source LIVE_SESSION, linked to the registration). A correction first voids the entries the earlier
 * mark credited, then credits anew; an unchanged mark does nothing.
 */
export async function recordAttendance(
  sessionId: string,
  instructorId: string,
  marks: { registrationId: string; mark: AttendanceMark }[],
  now = new Date(),
): Promise<AttendanceOutcome> {
  const session = await ownSession(prisma, sessionId, instructorId, { lock: false });
  const problem = attendanceProblem(session, now);
  if (problem) throw new SessionRuleError(problem);
  const registrations = await prisma.sessionRegistration.findMany({
    where: { sessionId, id: { in: marks.map((entry) => entry.registrationId) } },
    select: {
      id: true,
      traineeId: true,
      attendance: true,
      minutesAttended: true,
      recordedAt: true,
      // In a fixed order, so two corrections racing for the same entries collide on the first one.
      ledgerEntries: { where: { status: { not: "VOIDED" } }, select: { id: true }, orderBy: { id: "asc" } },
    },
  });
  const byId = new Map(registrations.map((registration) => [registration.id, registration]));
  const outcome: AttendanceOutcome = { recorded: 0, corrected: 0, unchanged: 0 };
  for (const { registrationId, mark } of marks) {
    const registration = byId.get(registrationId);
    if (!registration) throw new SessionRuleError("One of these trainees is no longer registered. Reload the page and try again.", 400);
    if (sameAttendance(mark, registration)) {
      outcome.unchanged++;
      continue;
    }
    const correcting = registration.attendance !== null;
    // Voiding first means a failure part-way leaves a trainee short of hours (visible, and fixed by
    // recording again), never credited twice. A second instructor tab correcting the same trainee at
    // the same moment fails here, as the entries are no longer approved.
    try {
      for (const entry of registration.ledgerEntries) await voidEntry(entry.id, instructorId, CORRECTION_REASON);
    } catch (error) {
      if (error instanceof EntryChangedError) throw new SessionRuleError(CHANGED);
      throw error;
    }
    await prisma.$transaction(async (db) => {
      // The session as credited below must still be the one read above: not edited or cancelled since.
      const current = await ownSession(db, sessionId, instructorId, { lock: true });
      if (attendanceProblem(current, now) || sessionChanges(session, current).length) throw new SessionRuleError(SESSION_CHANGED);
      // Only if nobody recorded this registration since we read it (first marks have no entries to void).
      const updated = await db.sessionRegistration.updateMany({
        where: { id: registration.id, recordedAt: registration.recordedAt },
        data: { attendance: mark.attendance, minutesAttended: mark.minutesAttended, recordedById: instructorId, recordedAt: now },
      });
      if (updated.count !== 1) throw new SessionRuleError(CHANGED);
      const outcomeText =
        mark.attendance === "PARTIAL" ? `partly present (${mark.minutesAttended} of ${session.durationMinutes} minutes)` : "present";
      for (const credit of creditFor(session.domains, session.durationMinutes, mark.attendance, mark.minutesAttended)) {
        await createLedgerEntry(
          db,
          {
            traineeId: registration.traineeId,
            kind: "TRAINING",
            status: "APPROVED",
            source: "LIVE_SESSION",
            courseDomain: credit.domain,
            minutes: credit.minutes,
            occurredOn: session.startsAt,
            description: `Live session "${session.topic}" on ${formatSessionTime(session.startsAt)}: ${outcomeText}`,
            sessionRegistrationId: registration.id,
          },
          instructorId,
        );
      }
      await db.liveSession.update({ where: { id: sessionId }, data: { attendanceRecordedAt: now } });
      await recordAudit(db, {
        actorId: instructorId,
        action: "attendance.recorded",
        subjectType: "SessionRegistration",
        subjectId: registration.id,
        details: {
          sessionId,
          traineeId: registration.traineeId,
          attendance: mark.attendance,
          minutesAttended: mark.minutesAttended,
          previous: correcting ? { attendance: registration.attendance, minutesAttended: registration.minutesAttended } : null,
          voidedEntryIds: registration.ledgerEntries.map((entry) => entry.id),
        },
      });
    });
    if (correcting) outcome.corrected++;
    else outcome.recorded++;
  }
  return outcome;
}
