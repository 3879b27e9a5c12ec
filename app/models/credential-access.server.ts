// Who may open a credential's private downloads (certificate, signed badge): its holder, and the board
// of the jurisdiction that issued it. Everyone else sees only the public verification page.
import { z } from "zod";
import { can } from "~/domain/roles";
import { CREDENTIAL_NUMBER_PATTERN } from "~/domain/credentials";
import { prisma } from "~/utils/db.server";
import { forbidden, notFound, requireUser } from "~/utils/permissions.server";

export const CredentialNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(CREDENTIAL_NUMBER_PATTERN, "Enter a credential number like KY-APSS-2026-000001");

export const credentialWithContext = {
  credentialType: { select: { code: true, name: true, summary: true, authority: true } },
  jurisdiction: { select: { id: true, code: true, name: true } },
} as const;

/** The credential with its type and jurisdiction, for its holder or its board; 404 or 403 otherwise. */
export async function requireCredentialAccess(request: Request, rawNumber: string | undefined) {
  const user = await requireUser(request);
  const number = CredentialNumber.safeParse(rawNumber ?? "");
  if (!number.success) throw notFound("There is no credential with that number.");
  const credential = await prisma.credential.findUnique({ where: { number: number.data }, include: credentialWithContext });
  if (!credential) throw notFound("There is no credential with that number.");
  const isHolder = credential.holderId === user.id;
  const isBoard = can(user.grants, "manage:credentials:own-jurisdiction", { jurisdictionId: credential.jurisdictionId });
  if (!isHolder && !isBoard) throw forbidden("Only the holder and the issuing board can open this credential's files.");
  return { user, credential };
}
