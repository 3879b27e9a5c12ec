// A credential as a signed Open Badges 3.0 badge (VC-JWT), and the check of a badge someone presents:
// signature against the issuing jurisdiction's stored key, the JSON against what was signed, the
// dates, and the status read live from the credential row.
import { SignJWT, compactVerify, decodeJwt, decodeProtectedHeader } from "jose";
import { z } from "zod";
import { CREDENTIAL_NUMBER_PATTERN } from "~/domain/credentials";
import {
  canonicalJson,
  judgeVerification,
  openBadgeCredential,
  vcJwtClaims,
  type OpenBadgeCredential,
  type VerificationCheck,
} from "~/domain/open-badges";
import { databasePool, prisma } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";
import { notFound } from "~/utils/permissions.server";
import { SIGNING_ALGORITHM, signingKeyFor, verificationKeyByJurisdictionCode, verificationKeyByKid } from "./signing-keys.server";

export type SignedBadgeJson = OpenBadgeCredential & { proof: { type: "JwtProof2020"; jwt: string } };
export type SignedBadge = { jwt: string; json: SignedBadgeJson };

const badgeColumns = {
  number: true,
  holderName: true,
  provisional: true,
  issuedOn: true,
  expiresOn: true,
  statusListIndex: true,
  jurisdictionId: true,
  credentialType: { select: { code: true, name: true, summary: true, authority: true } },
  jurisdiction: { select: { code: true, name: true } },
} as const;

/**
 * The credential's badge: `jwt` is the VC-JWT (header alg EdDSA, kid, typ JWT) and `json` the same
 * credential with the JWT as its proof, so an uploaded JSON file can be checked against its signature.
 * Throws a 404 response when there is no credential with that number. Ed25519 signatures are
 * deterministic and the claims carry no issue time, so the same credential always signs the same.
 */
export async function signedBadge(credentialNumber: string): Promise<SignedBadge> {
  const credential = await prisma.credential.findUnique({ where: { number: credentialNumber }, select: badgeColumns });
  if (!credential) throw notFound("There is no credential with that number.");
  const key = await signingKeyFor(credential.jurisdictionId);
  const badge = openBadgeCredential(credential, publicUrl());
  const jwt = await new SignJWT(vcJwtClaims(badge))
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid, typ: "JWT" })
    .sign(key.privateKey);
  return { jwt, json: { ...badge, proof: { type: "JwtProof2020", jwt } } };
}

// ---------------------------------------------------------------------------------------------
// Verifying what a visitor uploads.

export type VerificationProblem = "malformed" | "unknown-issuer" | "bad-signature" | "altered" | "not-a-badge";

export type PresentedVerification = {
  valid: boolean;
  /** Set when the credential could not be judged at all; the summary says why. */
  problem: VerificationProblem | null;
  summary: string;
  checks: VerificationCheck[];
  /** What the signed credential says, shown only once its signature has been checked. */
  credential: {
    number: string | null;
    name: string;
    holderName: string;
    issuerName: string;
    validFrom: string;
    validUntil: string | null;
  } | null;
};

const refused = (problem: VerificationProblem, summary: string): PresentedVerification => ({
  valid: false,
  problem,
  summary,
  checks: problem === "malformed" || problem === "not-a-badge" ? [] : [{ check: "signature", holds: false, sentence: summary }],
  credential: null,
});

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

const PresentedJson = z.looseObject({
  proof: z.union([
    z.looseObject({ jwt: z.string().regex(COMPACT_JWS) }),
    z.array(z.looseObject({ jwt: z.string().regex(COMPACT_JWS).optional() })),
  ]),
});

const DateTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a date-time");

const SignedBadgeClaims = z.object({
  iss: z.string(),
  vc: z.looseObject({
    id: z.string(),
    type: z.array(z.string()).refine((types) => types.includes("OpenBadgeCredential"), "not an OpenBadgeCredential"),
    name: z.string(),
    issuer: z.looseObject({ id: z.string(), name: z.string() }),
    validFrom: DateTime,
    validUntil: DateTime.optional(),
    credentialSubject: z.looseObject({ name: z.string() }),
  }),
});

/** The compact JWT and, for an uploaded JSON credential, the body that must equal what was signed. */
function readPresented(text: string): { jwt: string; body: Record<string, unknown> | null } | { error: string } {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) return { error: "The file is empty. Choose the badge file (.json or .jwt) you were given." };
  if (COMPACT_JWS.test(trimmed)) return { jwt: trimmed, body: null };
  if (!trimmed.startsWith("{")) {
    return { error: "This is neither an Open Badges JSON file nor a JWT. Choose the badge file (.json or .jwt) you were given." };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { error: "The file is not valid JSON. Choose the badge file (.json or .jwt) exactly as it was downloaded." };
  }
  const presented = PresentedJson.safeParse(parsed);
  if (!presented.success) {
    return { error: "This JSON credential has no JWT proof PeerPath can check (it needs proof.jwt). Upload the .jwt file instead, if you have it." };
  }
  const { proof, ...body } = presented.data;
  const jwt = Array.isArray(proof) ? proof.find((entry) => entry.jwt)?.jwt : proof.jwt;
  if (!jwt) return { error: "This JSON credential has no JWT proof PeerPath can check (it needs proof.jwt)." };
  return { jwt, body };
}

const jurisdictionCodeOf = (issuer: unknown) => (typeof issuer === "string" ? /\/jurisdictions\/([A-Z0-9-]+)$/.exec(issuer)?.[1] : undefined);

/** The key the JWT names by kid or, failing that, the key of the jurisdiction its issuer names. */
async function keyFor(jwt: string) {
  let kid: string | undefined;
  let issuer: unknown;
  try {
    kid = decodeProtectedHeader(jwt).kid;
    issuer = decodeJwt(jwt).iss;
  } catch {
    return { error: "malformed" as const };
  }
  const key = kid ? await verificationKeyByKid(kid) : null;
  if (key) return { key };
  const code = jurisdictionCodeOf(issuer);
  const byIssuer = !kid && code ? await verificationKeyByJurisdictionCode(code) : null;
  return byIssuer ? { key: byIssuer } : { error: "unknown-issuer" as const };
}

/**
 * Checks a credential someone presents: a compact VC-JWT, or the Open Badges JSON with its JWT proof.
 * Never throws for bad input: every refusal is a result with a sentence.
 */
export async function verifyPresentedCredential(text: string, asOf = new Date()): Promise<PresentedVerification> {
  const presented = readPresented(text);
  if ("error" in presented) return refused("malformed", presented.error);

  const found = await keyFor(presented.jwt);
  if ("error" in found) {
    return found.error === "malformed"
      ? refused("malformed", "The badge's JWT could not be read. Upload the file exactly as it was downloaded.")
      : refused("unknown-issuer", "The issuer is not a jurisdiction PeerPath knows, so the signature cannot be checked.");
  }
  const { key } = found;

  let payload: unknown;
  try {
    const verified = await compactVerify(presented.jwt, key.publicKey, { algorithms: [SIGNING_ALGORITHM] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    return refused("bad-signature", "The signature does not match: this credential was not signed by its issuer, or was changed after signing.");
  }

  const claims = SignedBadgeClaims.safeParse(payload);
  if (!claims.success) return refused("not-a-badge", "The signed content is not an Open Badges credential. Upload a credential badge, not a status list or another token.");
  const { vc, iss } = claims.data;
  if (iss !== vc.issuer.id || jurisdictionCodeOf(vc.issuer.id) !== key.jurisdictionCode) {
    return refused("bad-signature", "The credential names a different issuer from the one whose key signed it.");
  }
  if (presented.body && canonicalJson(presented.body) !== canonicalJson(vc)) {
    return refused("altered", "The JSON file has been altered: its contents differ from what the issuer signed. Ask the holder for the original file.");
  }

  const number = /\/verify\/([^/?#]+)$/.exec(vc.id)?.[1];
  const record = number && CREDENTIAL_NUMBER_PATTERN.test(number)
    ? await prisma.credential.findUnique({ where: { number }, select: { state: true, jurisdictionId: true } })
    : null;
  const verdict = judgeVerification({
    signatureValid: true,
    validFrom: new Date(vc.validFrom),
    validUntil: vc.validUntil ? new Date(vc.validUntil) : null,
    revoked: record?.state === "REVOKED",
    suspended: record?.state === "SUSPENDED",
    recordFound: record !== null && record.jurisdictionId === key.jurisdictionId,
    asOf,
  });
  return {
    ...verdict,
    problem: null,
    credential: {
      number: number ?? null,
      name: vc.name,
      holderName: vc.credentialSubject.name,
      issuerName: vc.issuer.name,
      validFrom: vc.validFrom,
      validUntil: vc.validUntil ?? null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The public verification page's record.

export type PublicCredentialRecord = {
  holderName: string;
  credentialName: string;
  jurisdictionName: string;
  provisional: boolean;
  /** Calendar days, YYYY-MM-DD. */
  issuedOn: string;
  expiresOn: string;
  state: "ACTIVE" | "SUSPENDED" | "REVOKED";
};

/**
 * What anyone may see about a credential number, and nothing else personal (not the board's reason for
 * a suspension or revocation: that is for the holder and the board): one indexed lookup by
 * number with its type and jurisdiction joined in a single round trip (the public page must be fast).
 * Dates come back as text so no time zone can shift the day.
 */
export async function publicCredentialRecord(number: string): Promise<PublicCredentialRecord | null> {
  // A named prepared statement on the pg pool: Prisma's raw queries cost ~1 ms of CPU more per page.
  const { rows } = await databasePool.query<PublicCredentialRecord>({
    name: "public-credential-record",
    text: `
    SELECT c."holderName", t."name" AS "credentialName", j."name" AS "jurisdictionName", c."provisional",
           c."issuedOn"::text AS "issuedOn", c."expiresOn"::text AS "expiresOn", c."state"::text AS "state"
    FROM "Credential" c
    JOIN "CredentialType" t ON t."id" = c."credentialTypeId"
    JOIN "Jurisdiction" j ON j."id" = c."jurisdictionId"
    WHERE c."number" = $1
    LIMIT 1`,
    values: [number],
  });
  return rows[0] ?? null;
}
