// Invitations to accounts with roles other than trainee. The link carries a random token; only its
// SHA-256 hash is stored, so a database leak does not leak usable links.
import crypto from "node:crypto";
import type { InvitableRole } from "~/domain/roles";
import type { Prisma } from "~/generated/prisma/client";
import { verifyPassword } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { createUser, grantRole, normalizeEmail } from "./user.server";

export const INVITATION_DAYS = 7;

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export async function createInvitation(input: {
  email: string;
  name: string;
  role: InvitableRole;
  jurisdictionId: string | null;
  invitedById: string;
}) {
  const token = crypto.randomBytes(32).toString("base64url");
  const invitation = await prisma.$transaction(async (db) => {
    const created = await db.invitation.create({
      data: {
        tokenHash: hashToken(token),
        email: normalizeEmail(input.email),
        name: input.name.trim(),
        role: input.role,
        jurisdictionId: input.role === "BOARD_MEMBER" ? input.jurisdictionId : null,
        invitedById: input.invitedById,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600_000),
      },
    });
    await recordAudit(db, {
      actorId: input.invitedById,
      action: "invitation.created",
      subjectType: "Invitation",
      subjectId: created.id,
      details: { email: created.email, role: created.role, jurisdictionId: created.jurisdictionId },
    });
    return created;
  });
  return { invitation, token };
}

export type InvitationState =
  | { status: "open"; invitation: NonNullable<Awaited<ReturnType<typeof findInvitation>>> }
  | { status: "unknown" | "expired" | "used" };

function findInvitation(token: string, db: Prisma.TransactionClient = prisma) {
  return db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { jurisdiction: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
}

export async function invitationState(token: string, now = new Date(), db?: Prisma.TransactionClient): Promise<InvitationState> {
  const invitation = await findInvitation(token, db);
  if (!invitation) return { status: "unknown" };
  if (invitation.acceptedAt) return { status: "used" };
  if (invitation.expiresAt <= now) return { status: "expired" };
  return { status: "open", invitation };
}

export const INVITATION_PROBLEMS = {
  unknown: "This invitation link is not valid. Check that you copied the whole link, or ask for a new one.",
  expired: "This invitation has expired. Ask the person who invited you for a new link.",
  used: "This invitation has already been used. Sign in with the account it created.",
} as const;

export class InvitationUnavailableError extends Error {
  constructor(readonly status: keyof typeof INVITATION_PROBLEMS) {
    super(INVITATION_PROBLEMS[status]);
  }
}

export class ExistingAccountPasswordError extends Error {
  constructor() {
    super("An account with this email already exists. Enter that account's current password to add the new role to it.");
  }
}

/**
 * Accepts an invitation once: creates the account (or adds the role to an existing account with the
 * same email, after checking its current password) and marks the link used, atomically.
 */
export async function acceptInvitation(token: string, password: string) {
  return prisma.$transaction(async (db) => {
    // The conditional update is the lock: of two simultaneous accepts, one updates a row, the other none.
    const claimed = await db.invitation.updateMany({
      where: { tokenHash: hashToken(token), acceptedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) {
      // Read inside the transaction: a second connection from a full pool would never come.
      const state = await invitationState(token, new Date(), db);
      throw new InvitationUnavailableError(state.status === "open" ? "used" : state.status);
    }
    const invitation = await db.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    const existing = await db.user.findUnique({ where: { email: invitation.email } });
    // Someone who already has an account proves it is theirs; throwing rolls the claim back.
    if (existing && !(await verifyPassword(existing.passwordHash, password))) throw new ExistingAccountPasswordError();
    const user =
      existing ??
      (await createUser(
        { email: invitation.email, name: invitation.name, password, roles: [] },
        { actorId: invitation.invitedById, db },
      ));
    await grantRole(db, user.id, invitation.role, invitation.jurisdictionId);
    await recordAudit(db, {
      actorId: user.id,
      action: "invitation.accepted",
      subjectType: "Invitation",
      subjectId: invitation.id,
      details: { role: invitation.role, jurisdictionId: invitation.jurisdictionId },
    });
    return { userId: user.id, existingAccount: Boolean(existing) };
  });
}
