// Each jurisdiction signs its credentials and status lists with its own Ed25519 key, generated the
// first time it is needed and kept in SigningKey. The public half is published as a JWK set; the kid
// is the key's JWK thumbprint (RFC 7638), so anyone can recompute it from the published key.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import { prisma } from "~/utils/db.server";

export const SIGNING_ALGORITHM = "EdDSA";

export type PublicJwk = { kty: string; crv: string; x: string; kid: string; alg: string; use: "sig" };
export type LoadedSigningKey = { kid: string; jurisdictionId: string; privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: PublicJwk };

type StoredKey = { kid: string; jurisdictionId: string; publicJwk: unknown; privateJwk: unknown };

// A key never changes once stored, so each process keeps the imported keys it has used.
const byJurisdiction = new Map<string, Promise<LoadedSigningKey>>();
const byKid = new Map<string, Promise<LoadedSigningKey & { jurisdictionCode: string }>>();

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

async function importStored(stored: StoredKey): Promise<LoadedSigningKey> {
  const publicJwk = stored.publicJwk as PublicJwk;
  const [privateKey, publicKey] = await Promise.all([
    importJWK(stored.privateJwk as JWK, SIGNING_ALGORITHM),
    importJWK(publicJwk as JWK, SIGNING_ALGORITHM),
  ]);
  return { kid: stored.kid, jurisdictionId: stored.jurisdictionId, privateKey: privateKey as CryptoKey, publicKey: publicKey as CryptoKey, publicJwk };
}

const keyColumns = { kid: true, jurisdictionId: true, publicJwk: true, privateJwk: true } as const;

/**
 * The jurisdiction's key from the database, created if it has none. Safe when several instances race:
 * each generates a candidate, one insert wins (jurisdictionId is unique), the others read the winner.
 * Uncached: use signingKeyFor.
 */
export async function ensureSigningKey(jurisdictionId: string): Promise<LoadedSigningKey> {
  const existing = await prisma.signingKey.findUnique({ where: { jurisdictionId }, select: keyColumns });
  if (existing) return importStored(existing);

  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { crv: "Ed25519", extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(privateJwk);
  const publicJwk: PublicJwk = { kty: privateJwk.kty!, crv: privateJwk.crv!, x: privateJwk.x!, kid, alg: SIGNING_ALGORITHM, use: "sig" };
  try {
    const created = await prisma.signingKey.create({
      data: { kid, jurisdictionId, algorithm: SIGNING_ALGORITHM, publicJwk, privateJwk: { ...privateJwk, kid, alg: SIGNING_ALGORITHM } },
      select: keyColumns,
    });
    return importStored(created);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await prisma.signingKey.findUniqueOrThrow({ where: { jurisdictionId }, select: keyColumns });
    return importStored(winner);
  }
}

/** The jurisdiction's signing key, generated on first use and cached for the life of the process. */
export function signingKeyFor(jurisdictionId: string): Promise<LoadedSigningKey> {
  let loading = byJurisdiction.get(jurisdictionId);
  if (!loading) {
    loading = ensureSigningKey(jurisdictionId);
    // A failure (the database was down) is not cached: the next request tries again.
    loading.catch(() => byJurisdiction.delete(jurisdictionId));
    byJurisdiction.set(jurisdictionId, loading);
  }
  return loading;
}

type VerificationKey = LoadedSigningKey & { jurisdictionCode: string };

/** The key with this kid and the code of the jurisdiction it belongs to; null when there is none. */
export async function verificationKeyByKid(kid: string): Promise<VerificationKey | null> {
  const cached = byKid.get(kid);
  if (cached) return cached;
  const stored = await prisma.signingKey.findUnique({
    where: { kid },
    select: { ...keyColumns, jurisdiction: { select: { code: true } } },
  });
  // An unknown kid is not remembered: the cache only ever holds keys that exist.
  if (!stored) return null;
  const loading = importStored(stored).then((key) => ({ ...key, jurisdictionCode: stored.jurisdiction.code }));
  loading.catch(() => byKid.delete(kid));
  byKid.set(kid, loading);
  return loading;
}

/** The jurisdiction's key by its code, for a credential whose header names no kid; null when none. */
export async function verificationKeyByJurisdictionCode(code: string): Promise<VerificationKey | null> {
  const stored = await prisma.signingKey.findFirst({ where: { jurisdiction: { code } }, select: { kid: true } });
  return stored ? verificationKeyByKid(stored.kid) : null;
}

/**
 * The jurisdiction's public keys as a JWK set (never the private part); null for an unknown code.
 * A jurisdiction that has not signed anything yet has an empty set: reading it creates nothing.
 */
export async function jwksFor(jurisdictionCode: string): Promise<{ keys: PublicJwk[] } | null> {
  const jurisdiction = await prisma.jurisdiction.findUnique({
    where: { code: jurisdictionCode },
    select: { signingKeys: { select: { publicJwk: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!jurisdiction) return null;
  return { keys: jurisdiction.signingKeys.map((key) => publicOnly(key.publicJwk as PublicJwk)) };
}

/** Copies only the public members, so a stored value can never leak `d` into the set. */
function publicOnly(jwk: PublicJwk): PublicJwk {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: jwk.kid, alg: jwk.alg, use: "sig" };
}
