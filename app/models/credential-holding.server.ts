// Holding a credential: the holder's credentials and continuing education toward renewal, and the
// board's list of its jurisdictions' credentials with suspend, reinstate and revoke. Status is always
// computed from the stored state and the expiry date (domain/credentials.ts), never read from a column.
import {
  applyCredentialAction,
  continuingEducationClosed,
  credentialStatus,
  daysUntilExpiry,
  renewalOpen,
  utcDay,
  type CredentialAction,
  type CredentialState,
  type CredentialStatus,
} from "~/domain/credentials";
import { credentialActionNotice } from "~/domain/credential-notices";
import { hoursToMinutes } from "~/domain/course-domains";
import {
  GENERAL_CE_CATEGORY,
  ceCountsFrom,
  evaluateRenewal,
  type ContinuingEducationInput,
  type RenewalRule,
} from "~/domain/renewal";
import { can, type RoleGrant } from "~/domain/roles";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";
import { longDate } from "~/utils/long-date";
import { foldedSearch } from "~/utils/search-fold.server";
import { forbidden, notFound } from "~/utils/permissions.server";
import { recordAudit } from "./audit.server";
import { CredentialNumber } from "./credential-access.server";
import { createLedgerEntry, ledgerForEligibility } from "./ledger.server";
import { sendMail, writeNotice } from "./mail.server";
import { requirementsInForce } from "./requirements-in-force.server";

type Actor = { id: string; grants: readonly RoleGrant[] };

export const OWN_CREDENTIAL = "This is your own credential: another board member of the jurisdiction must decide on it.";
const NO_SUCH_CREDENTIAL = "There is no credential with that number. Check the number and try again.";

/** A credential number from the address, normalised; 404 when it cannot be one. */
function credentialNumberFrom(raw: string | undefined): string {
  const number = CredentialNumber.safeParse(raw ?? "");
  if (!number.success) throw notFound(NO_SUCH_CREDENTIAL);
  return number.data;
}

/** A problem a person can fix or should know about, with the status a route answers with. */
export class CredentialProblem extends Error {
  constructor(
    message: string,
    readonly status: 400 | 409,
  ) {
    super(message);
  }
}

export class CredentialChangedError extends CredentialProblem {
  constructor() {
    super("Someone else changed this credential a moment ago. Reload the page to see its status, then try again.", 409);
  }
}

// ---------------------------------------------------------------------------------------------
// The holder.

/** The holder's credentials, newest first, each with its status on `asOf`. One query. */
export async function credentialsOfHolder(holderId: string, asOf = new Date()) {
  const credentials = await prisma.credential.findMany({
    where: { holderId },
    select: {
      number: true,
      holderName: true,
      provisional: true,
      issuedOn: true,
      expiresOn: true,
      state: true,
      credentialType: { select: { name: true } },
      jurisdiction: { select: { name: true } },
    },
    orderBy: [{ issuedOn: "desc" }, { number: "asc" }],
  });
  return credentials.map((credential) => ({ ...credential, status: credentialStatus(credential, asOf) }));
}

const EVENT_SELECT = {
  id: true,
  action: true,
  reason: true,
  createdAt: true,
  actor: { select: { name: true } },
} as const;

/** The renewal rule in force for a credential type: from the newest requirement version; null when none. */
async function renewalRuleFor(credentialTypeId: string): Promise<RenewalRule | null> {
  const requirement = (await requirementsInForce([credentialTypeId])).get(credentialTypeId);
  return requirement?.requirement.renewal ?? null;
}

/** The credential by number for its holder only: 404 when there is none, 403 for anyone else. */
async function requireHeldCredential(holderId: string, rawNumber: string | undefined) {
  const credential = await prisma.credential.findUnique({
    where: { number: credentialNumberFrom(rawNumber) },
    select: {
      id: true,
      number: true,
      holderId: true,
      holderName: true,
      provisional: true,
      issuedOn: true,
      expiresOn: true,
      state: true,
      stateReason: true,
      credentialTypeId: true,
      credentialType: { select: { name: true, authority: true } },
      jurisdiction: { select: { name: true } },
    },
  });
  if (!credential) throw notFound(NO_SUCH_CREDENTIAL);
  if (credential.holderId !== holderId) throw forbidden("Only the holder can open this page. Anyone can check a credential on its public verification page.");
  return credential;
}

/**
 * One credential for its holder: its status, history, the CE entries of the current period and the
 * renewal verdict against the requirement version in force.
 */
export async function heldCredential(holderId: string, rawNumber: string | undefined, asOf = new Date()) {
  const credential = await requireHeldCredential(holderId, rawNumber);
  const renewal = await renewalRuleFor(credential.credentialTypeId);
  // Without a renewal rule there is no period to count in; show what was logged since issue.
  const periodStart = ceCountsFrom(credential, renewal);
  const [events, ceEntries, ledger] = await Promise.all([
    prisma.credentialEvent.findMany({ where: { credentialId: credential.id }, select: EVENT_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.ledgerEntry.findMany({
      where: { traineeId: holderId, kind: "CONTINUING_EDUCATION", occurredOn: { gte: periodStart } },
      select: { id: true, occurredOn: true, minutes: true, ceCategory: true, description: true, provider: true, status: true, voidedReason: true },
      orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }],
    }),
    ledgerForEligibility(holderId),
  ]);
  return {
    credential,
    status: credentialStatus(credential, asOf),
    daysUntilExpiry: daysUntilExpiry(credential.expiresOn, asOf),
    renewalOpen: renewalOpen(credential, asOf),
    renewal,
    periodStart,
    events,
    ceEntries,
    verdict: evaluateRenewal({ renewal, ledger, periodStart, asOf }),
  };
}

/**
 * What the CE form on a credential's page needs before parsing: the holder's credential, its rule and
 * the first day CE counts from (the same as the page shows).
 */
export async function ceContext(holderId: string, rawNumber: string | undefined) {
  const credential = await requireHeldCredential(holderId, rawNumber);
  const renewal = await renewalRuleFor(credential.credentialTypeId);
  return { credential, renewal, countsFrom: ceCountsFrom(credential, renewal) };
}

/**
 * Logs CE hours the holder took. They are self-reported and count at once (status APPROVED): the board
 * sees them in the renewal review and may void any it does not accept. The hours belong to the holder's
 * ledger, so they count toward every credential whose rule names the category (or the total).
 */
export async function logContinuingEducation(holderId: string, credentialId: string, input: ContinuingEducationInput, asOf = new Date()) {
  return prisma.$transaction(async (db) => {
    const credential = await db.credential.findUnique({ where: { id: credentialId }, select: { id: true, number: true, holderId: true, state: true, expiresOn: true } });
    if (!credential || credential.holderId !== holderId) throw forbidden("You can log continuing education only toward your own credential.");
    const closed = continuingEducationClosed(credential, asOf);
    if (closed) throw new CredentialProblem(closed, 400);
    const entry = await createLedgerEntry(
      db,
      {
        traineeId: holderId,
        kind: "CONTINUING_EDUCATION",
        status: "APPROVED",
        source: "LOGGED",
        ceCategory: input.category === GENERAL_CE_CATEGORY ? null : input.category,
        minutes: hoursToMinutes(input.hours),
        occurredOn: input.occurredOn,
        description: input.description,
        provider: input.provider,
      },
      holderId,
    );
    await recordAudit(db, {
      actorId: holderId,
      action: "continuing-education.logged",
      subjectType: "LedgerEntry",
      subjectId: entry.id,
      details: { credentialNumber: credential.number, minutes: entry.minutes, ceCategory: entry.ceCategory },
    });
    return entry;
  });
}

// ---------------------------------------------------------------------------------------------
// The board.

/**
 * The jurisdictions whose credentials the user manages, decided by the same `can` as every permission
 * (a board member: the jurisdictions they sit on).
 */
export async function credentialScope(grants: readonly RoleGrant[]) {
  const jurisdictions = await prisma.jurisdiction.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return jurisdictions.filter((jurisdiction) => can(grants, "manage:credentials:own-jurisdiction", { jurisdictionId: jurisdiction.id }));
}

export type BoardCredentialQuery = {
  jurisdictionIds: readonly string[];
  status?: CredentialStatus;
  /** Part of the name on the credential or of its number, as typed: any case, with or without accents, `%` and `_` literal. */
  search?: string;
};

/** Expired is computed, so the filter compares dates: valid through the expiry day, expired after it. */
function statusWhere(status: CredentialStatus | undefined, today: Date): Prisma.CredentialWhereInput {
  switch (status) {
    case "active":
      return { state: "ACTIVE", expiresOn: { gte: today } };
    case "expired":
      return { state: "ACTIVE", expiresOn: { lt: today } };
    case "suspended":
      return { state: "SUSPENDED" };
    case "revoked":
      return { state: "REVOKED" };
    default:
      return {};
  }
}

async function searchWhere(search: string | undefined): Promise<Prisma.CredentialWhereInput> {
  if (!search) return {};
  const asNumber = CredentialNumber.safeParse(search);
  // A whole number goes straight to the unique index; anything else narrows the jurisdiction's rows.
  if (asNumber.success) return { number: asNumber.data };
  return { searchText: { contains: await foldedSearch(search) } };
}

/**
 * One page of the credentials in scope, by number, with the total for the pager: two queries however
 * many rows, led by the (jurisdictionId, state) index.
 */
export async function boardCredentialsPage(query: BoardCredentialQuery, page: { skip: number; take: number }, asOf = new Date()) {
  const where: Prisma.CredentialWhereInput = {
    jurisdictionId: { in: [...query.jurisdictionIds] },
    ...statusWhere(query.status, utcDay(asOf)),
    ...(await searchWhere(query.search)),
  };
  const [rows, total] = await Promise.all([
    prisma.credential.findMany({
      where,
      select: {
        number: true,
        holderName: true,
        issuedOn: true,
        expiresOn: true,
        state: true,
        credentialType: { select: { name: true } },
        jurisdiction: { select: { name: true } },
      },
      orderBy: { number: "asc" },
      skip: page.skip,
      take: page.take,
    }),
    prisma.credential.count({ where }),
  ]);
  return { rows: rows.map((row) => ({ ...row, status: credentialStatus(row, asOf) })), total };
}

/** One credential for a board member of its jurisdiction: 404 when there is none, 403 for other boards. */
export async function boardCredential(actor: Actor, rawNumber: string | undefined, asOf = new Date()) {
  const credential = await prisma.credential.findUnique({
    where: { number: credentialNumberFrom(rawNumber) },
    select: {
      id: true,
      number: true,
      holderName: true,
      provisional: true,
      issuedOn: true,
      expiresOn: true,
      state: true,
      stateReason: true,
      stateChangedAt: true,
      applicationId: true,
      jurisdictionId: true,
      holderId: true,
      holder: { select: { name: true, email: true } },
      credentialType: { select: { name: true } },
      jurisdiction: { select: { name: true } },
      events: { select: EVENT_SELECT, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  if (!credential) throw notFound(NO_SUCH_CREDENTIAL);
  if (!can(actor.grants, "manage:credentials:own-jurisdiction", { jurisdictionId: credential.jurisdictionId })) {
    throw forbidden("Only a board member of the issuing jurisdiction can manage this credential.");
  }
  return { credential, status: credentialStatus(credential, asOf), daysUntilExpiry: daysUntilExpiry(credential.expiresOn, asOf) };
}

const EVENT_ACTION: Record<CredentialAction, string> = { suspend: "suspended", reinstate: "reinstated", revoke: "revoked" };

/**
 * A board member suspends, reinstates or revokes a credential, with a reason. Refused with a sentence
 * when the rules forbid it (revocation is final). The state moves only if no one changed it since it
 * was read, and the event and audit record are written in the same transaction.
 */
export async function changeCredentialState(credentialNumber: string, actor: Actor, action: CredentialAction, reason: string, asOf = new Date()) {
  return prisma.$transaction(async (db) => {
    const credential = await db.credential.findUnique({
      where: { number: credentialNumberFrom(credentialNumber) },
      select: { id: true, number: true, state: true, expiresOn: true, jurisdictionId: true, holderId: true },
    });
    if (!credential) throw notFound(NO_SUCH_CREDENTIAL);
    if (!can(actor.grants, "manage:credentials:own-jurisdiction", { jurisdictionId: credential.jurisdictionId })) {
      throw forbidden("Only a board member of the issuing jurisdiction can manage this credential.");
    }
    // A board member who holds the credential never decides on it, whatever their grants.
    if (credential.holderId === actor.id) throw forbidden(OWN_CREDENTIAL);
    const from: CredentialState = credential.state;
    const outcome = applyCredentialAction(credential, action, asOf);
    if (!outcome.ok) throw new CredentialProblem(outcome.message, 409);
    const moved = await db.credential.updateMany({
      where: { id: credential.id, state: from },
      data: { state: outcome.state, stateReason: reason, stateChangedAt: new Date() },
    });
    if (moved.count !== 1) throw new CredentialChangedError();
    const event = await db.credentialEvent.create({
      data: { credentialId: credential.id, action: EVENT_ACTION[action], reason, actorId: actor.id, details: { from, to: outcome.state } },
      select: { id: true },
    });
    await recordAudit(db, {
      actorId: actor.id,
      action: `credential.${EVENT_ACTION[action]}`,
      subjectType: "Credential",
      subjectId: credential.id,
      details: { number: credential.number, from, to: outcome.state, reason },
    });
    return { number: credential.number, from, to: outcome.state, eventId: event.id };
  });
}

/**
 * Emails the holder the board's action, once it is committed, with the reason. Keyed by the event, so
 * each action is one message however often this runs, and a second suspension after a reinstatement is
 * its own message. Writing the email never undoes the action: a failure is logged, and the holder still
 * sees the change on the credential's page.
 */
export async function sendCredentialActionNotice(eventId: string, action: CredentialAction, asOf = new Date()) {
  await writeNotice(`the notice of credential event ${eventId}`, async () => {
    const event = await prisma.credentialEvent.findUniqueOrThrow({
      where: { id: eventId },
      select: {
        reason: true,
        credential: {
          select: {
            number: true,
            state: true,
            expiresOn: true,
            holder: { select: { name: true, email: true } },
            credentialType: { select: { name: true } },
            jurisdiction: { select: { name: true } },
          },
        },
      },
    });
    const { credential } = event;
    const notice = credentialActionNotice(action, {
      holderName: credential.holder.name,
      credentialName: credential.credentialType.name,
      jurisdictionName: credential.jurisdiction.name,
      number: credential.number,
      status: credentialStatus(credential, asOf),
      validThrough: longDate(credential.expiresOn),
      reason: event.reason ?? "none given",
      credentialUrl: `${publicUrl()}/credentials/${credential.number}`,
      verifyUrl: `${publicUrl()}/verify/${credential.number}`,
    });
    await sendMail({ dedupeKey: `credential-action:${eventId}`, toEmail: credential.holder.email, toName: credential.holder.name, ...notice });
  });
}
