// A jurisdiction's Bitstring Status Lists, built live from its credentials at each request and signed
// as a VC-JWT: a revocation or suspension shows in the list the moment the board records it.
import { SignJWT } from "jose";
import { encodeStatusList, statusListCredential, vcJwtClaims, type StatusPurpose } from "~/domain/open-badges";
import { prisma } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";
import { SIGNING_ALGORITHM, signingKeyFor } from "./signing-keys.server";

const STATE_FOR_PURPOSE = { revocation: "REVOKED", suspension: "SUSPENDED" } as const satisfies Record<StatusPurpose, string>;

/** How long a verifier may rely on a list it fetched; it is also sent as the HTTP cache lifetime. */
export const STATUS_LIST_TTL_SECONDS = 5 * 60;

/** The list's credential and its bits' indexes, unsigned; null for an unknown jurisdiction. */
export async function statusListFor(jurisdictionCode: string, purpose: StatusPurpose, now = new Date()) {
  const jurisdiction = await prisma.jurisdiction.findUnique({ where: { code: jurisdictionCode }, select: { id: true, code: true, name: true } });
  if (!jurisdiction) return null;
  const rows = await prisma.credential.findMany({
    where: { jurisdictionId: jurisdiction.id, state: STATE_FOR_PURPOSE[purpose] },
    select: { statusListIndex: true },
  });
  const credential = statusListCredential({
    origin: publicUrl(),
    jurisdiction,
    purpose,
    encodedList: await encodeStatusList(rows.map((row) => row.statusListIndex)),
    validFrom: now,
    validUntil: new Date(now.getTime() + STATUS_LIST_TTL_SECONDS * 1000),
  });
  return { jurisdictionId: jurisdiction.id, credential };
}

/** The status list as a compact VC-JWT signed with the jurisdiction's key; null for an unknown code. */
export async function signedStatusList(jurisdictionCode: string, purpose: StatusPurpose, now = new Date()): Promise<string | null> {
  const list = await statusListFor(jurisdictionCode, purpose, now);
  if (!list) return null;
  const key = await signingKeyFor(list.jurisdictionId);
  return new SignJWT(vcJwtClaims(list.credential))
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: "JWT" })
    .sign(key.privateKey);
}
