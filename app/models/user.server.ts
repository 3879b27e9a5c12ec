// Accounts and the roles they hold. Sign-up, invitations, the seed and the tests all create users here.
import type { Prisma } from "~/generated/prisma/client";
import { roleGrantLabel, roleRemovalProblem, type Role } from "~/domain/roles";
import { hashPassword } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";

type Db = Prisma.TransactionClient | typeof prisma;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email already exists. Sign in instead, or use another email.");
  }
}

/** Gives a role unless the user has it already (PostgreSQL's unique index treats NULL scopes as distinct). */
export async function grantRole(db: Db, userId: string, role: Role, jurisdictionId: string | null = null) {
  const existing = await db.roleAssignment.findFirst({ where: { userId, role, jurisdictionId } });
  return existing ?? db.roleAssignment.create({ data: { userId, role, jurisdictionId } });
}

export async function createUser(
  input: { email: string; name: string; password: string; roles: { role: Role; jurisdictionId?: string | null }[] },
  options: { actorId?: string | null; db?: Db } = {},
) {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const create = async (db: Db) => {
    if (await db.user.findUnique({ where: { email }, select: { id: true } })) throw new EmailTakenError();
    const user = await db.user.create({ data: { email, name: input.name.trim(), passwordHash } });
    for (const { role, jurisdictionId } of input.roles) await grantRole(db, user.id, role, jurisdictionId ?? null);
    await recordAudit(db, {
      actorId: options.actorId ?? user.id,
      action: "user.created",
      subjectType: "User",
      subjectId: user.id,
      details: { roles: input.roles.map((grant) => grant.role) },
    });
    return user;
  };
  try {
    return options.db ? await create(options.db) : await prisma.$transaction(create);
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides, the loser hears the same message.
    if ((error as { code?: string }).code === "P2002") throw new EmailTakenError();
    throw error;
  }
}

const NO_LONGER_HELD = "That role is no longer held. Reload the page to see the accounts as they are.";

export class RoleRemovalProblem extends Error {
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
  }
}

/**
 * An administrator takes one role away from an account. The account, its records and its history stay;
 * what the role opened is refused from the holder's next request on, since grants are read with the
 * session each time.
 */
export async function removeRole(actorId: string, assignmentId: string) {
  return prisma.$transaction(async (db) => {
    const assignment = await db.roleAssignment.findUnique({
      where: { id: assignmentId },
      select: { id: true, userId: true, role: true, jurisdiction: { select: { name: true } }, user: { select: { name: true } } },
    });
    if (!assignment) throw new RoleRemovalProblem(NO_LONGER_HELD, 404);
    let administrators = 0;
    if (assignment.role === "ADMIN") {
      // Locked, so two administrators removing each other at once cannot leave none.
      await db.$queryRaw`SELECT "id" FROM "RoleAssignment" WHERE "role" = 'ADMIN' FOR UPDATE`;
      administrators = await db.roleAssignment.count({ where: { role: "ADMIN" } });
    }
    const problem = roleRemovalProblem({ actorId, holderId: assignment.userId, role: assignment.role, administrators });
    if (problem) throw new RoleRemovalProblem(problem, 409);
    // deleteMany, not delete: a second click racing the first finds nothing to remove, and says so.
    const removed = await db.roleAssignment.deleteMany({ where: { id: assignment.id } });
    if (removed.count !== 1) throw new RoleRemovalProblem(NO_LONGER_HELD, 404);
    const label = roleGrantLabel(assignment.role, assignment.jurisdiction?.name);
    await recordAudit(db, { actorId, action: "role.removed", subjectType: "User", subjectId: assignment.userId, details: { role: assignment.role, label } });
    return { name: assignment.user.name, label };
  });
}
