import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

type Db = Prisma.TransactionClient | typeof prisma;

/** Records who did what to which thing; every change that matters to a trainee or board goes here. */
export function recordAudit(
  db: Db,
  event: { actorId: string | null; action: string; subjectType: string; subjectId: string; details?: Prisma.InputJsonValue },
) {
  return db.auditEvent.create({ data: { ...event, details: event.details ?? {} } });
}
