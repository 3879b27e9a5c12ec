// A PeerPath credential as an Open Badges 3.0 credential (a W3C Verifiable Credential, data model 2.0),
// its VC-JWT claims, the W3C Bitstring Status Lists that publish revocation and suspension, and the
// verdict a verifier reaches. Pure: the caller passes the public origin and the day to judge on.
// Sources: Open Badges 3.0 (https://www.imsglobal.org/spec/ob/v3p0), VC Data Model 2.0, Bitstring
// Status List 1.0 (https://www.w3.org/TR/vc-bitstring-status-list/).
import { base64url } from "jose";
import { z } from "zod";

export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

export const STATUS_PURPOSES = ["revocation", "suspension"] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/** A jurisdiction code as it appears in issuer ids and URLs (KY, ICRC, PA). */
export const JurisdictionCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, "A jurisdiction code is a few capital letters, like KY.");

export const StatusPurposeParam = z.enum(STATUS_PURPOSES, { error: "A status list is either revocation or suspension." });

/** What the badge is built from: the credential row with its type and jurisdiction. */
export type BadgeSource = {
  number: string;
  holderName: string;
  provisional: boolean;
  issuedOn: Date;
  expiresOn: Date;
  statusListIndex: number;
  credentialType: { code: string; name: string; summary: string; authority: string };
  jurisdiction: { code: string; name: string };
};

export type StatusListEntry = {
  id: string;
  type: "BitstringStatusListEntry";
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
};

export type OpenBadgeCredential = {
  "@context": string[];
  id: string;
  type: string[];
  issuer: { id: string; type: string[]; name: string };
  name: string;
  description: string;
  validFrom: string;
  validUntil: string;
  credentialSubject: {
    /** Absent: the holder has no public identifier. */
    id?: string;
    type: string[];
    name: string;
    achievement: {
      id: string;
      type: string[];
      name: string;
      description: string;
      criteria: { narrative: string };
    };
  };
  credentialStatus: StatusListEntry[];
};

export type VcJwtClaims = { iss: string; sub: string; jti: string; nbf: number; exp?: number; vc: Record<string, unknown> };

export const verificationUrl = (origin: string, number: string) => `${origin}/verify/${number}`;
export const issuerId = (origin: string, jurisdictionCode: string) => `${origin}/jurisdictions/${jurisdictionCode}`;
export const jwksUrl = (origin: string, jurisdictionCode: string) => `${issuerId(origin, jurisdictionCode)}/jwks.json`;
export const statusListUrl = (origin: string, jurisdictionCode: string, purpose: StatusPurpose) =>
  `${issuerId(origin, jurisdictionCode)}/status/${purpose}`;

/** A date-time without milliseconds, as credentials usually show it: 2026-03-01T00:00:00Z. */
export const isoSeconds = (instant: Date) => instant.toISOString().replace(/\.\d{3}Z$/, "Z");

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/** Valid from the start of the day of issue (UTC). */
export const validFromOf = (issuedOn: Date) => `${dayOf(issuedOn)}T00:00:00Z`;
/** Valid through the last second of the expiry date (UTC): the credential is good all that day. */
export const validUntilOf = (expiresOn: Date) => `${dayOf(expiresOn)}T23:59:59Z`;

/** The Open Badges 3.0 credential for a PeerPath credential, without its proof. */
export function openBadgeCredential(source: BadgeSource, origin: string): OpenBadgeCredential {
  const issuer = issuerId(origin, source.jurisdiction.code);
  const id = verificationUrl(origin, source.number);
  const credentialName = source.provisional ? `${source.credentialType.name} (provisional)` : source.credentialType.name;
  const statusEntry = (purpose: StatusPurpose): StatusListEntry => ({
    id: `${id}#${purpose}`,
    type: "BitstringStatusListEntry",
    statusPurpose: purpose,
    statusListIndex: String(source.statusListIndex),
    statusListCredential: statusListUrl(origin, source.jurisdiction.code, purpose),
  });
  return {
    "@context": [VC_CONTEXT, OB_CONTEXT],
    id,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: issuer, type: ["Profile"], name: source.jurisdiction.name },
    name: credentialName,
    description: `${credentialName}, number ${source.number}, issued by ${source.jurisdiction.name}.`,
    validFrom: validFromOf(source.issuedOn),
    validUntil: validUntilOf(source.expiresOn),
    credentialSubject: {
      type: ["AchievementSubject"],
      name: source.holderName,
      achievement: {
        id: `${issuer}/credentials/${source.credentialType.code}`,
        type: ["Achievement"],
        name: source.credentialType.name,
        description: source.credentialType.summary,
        criteria: {
          narrative: `Met the ${source.jurisdiction.name} requirements for ${source.credentialType.name} (${source.credentialType.authority}), reviewed and approved by its board.`,
        },
      },
    },
    credentialStatus: [statusEntry("revocation"), statusEntry("suspension")],
  };
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * The VC-JWT claims (the Open Badges 3.0 JWT proof format): the credential in `vc`, its issuer, id and
 * dates repeated as registered claims, `sub` the subject's id. A badge's holder has no public
 * identifier (no email, no account id), so its subject is named by the credential: `<id>#holder`.
 */
export function vcJwtClaims(credential: {
  id: string;
  issuer: { id: string };
  validFrom: string;
  validUntil?: string;
  credentialSubject: { id?: string };
}): VcJwtClaims {
  return {
    iss: credential.issuer.id,
    sub: credential.credentialSubject.id ?? `${credential.id}#holder`,
    jti: credential.id,
    nbf: seconds(credential.validFrom),
    ...(credential.validUntil ? { exp: seconds(credential.validUntil) } : {}),
    vc: credential as unknown as Record<string, unknown>,
  };
}

/** JSON with object keys sorted, so two documents compare equal whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// ---------------------------------------------------------------------------------------------
// Bitstring Status List: bit i (counted from the most significant bit of the first byte) is set when
// the credential at index i has the list's purpose (revoked, or suspended).

/** The spec's minimum list length, 16 KB, so a list does not reveal how few credentials exist. */
export const MIN_STATUS_LIST_BITS = 131_072;
/** A decoded list larger than this is refused (a small GZIP can expand hugely). */
export const MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024;

export class StatusListError extends Error {}

/**
 * The encodedList value: multibase "u" + base64url (no padding) of the GZIP-compressed bitstring.
 * GZIP through the web-standard CompressionStream, so this module stays free of Node built-ins.
 */
export async function encodeStatusList(setIndexes: Iterable<number>, minimumBits = MIN_STATUS_LIST_BITS): Promise<string> {
  const indexes = [...setIndexes];
  for (const index of indexes) {
    if (!Number.isSafeInteger(index) || index < 0) throw new StatusListError(`A status list index must be a whole number from 0; got ${index}.`);
  }
  const neededBits = indexes.length ? Math.max(...indexes) + 1 : 0;
  const bytes = new Uint8Array(Math.ceil(Math.max(minimumBits, neededBits) / 8));
  for (const index of indexes) bytes[index >> 3]! |= 0x80 >> (index & 7);
  const compressed = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
  return `u${base64url.encode(new Uint8Array(compressed))}`;
}

/** The bitstring from an encodedList; a StatusListError with a sentence when it cannot be read. */
export async function decodeStatusList(encodedList: string): Promise<Uint8Array> {
  if (!encodedList.startsWith("u") || !/^[A-Za-z0-9_-]+$/.test(encodedList.slice(1))) {
    throw new StatusListError('The status list is not multibase base64url (it must start with "u").');
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const compressed = base64url.decode(encodedList.slice(1));
    const reader = new Blob([new Uint8Array(compressed)]).stream().pipeThrough(new DecompressionStream("gzip")).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.length;
      if (total > MAX_STATUS_LIST_BYTES) {
        await reader.cancel();
        throw new StatusListError("The status list is larger than 16 MB once decompressed, so it was not read.");
      }
      chunks.push(read.value);
    }
  } catch (error) {
    if (error instanceof StatusListError) throw error;
    throw new StatusListError("The status list could not be decompressed (it must be GZIP).");
  }
  const bitstring = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bitstring.set(chunk, offset);
    offset += chunk.length;
  }
  return bitstring;
}

/** Whether bit `index` is set; an index beyond the list is an error, not "not set". */
export function statusBit(bitstring: Uint8Array, index: number): boolean {
  if (!Number.isSafeInteger(index) || index < 0 || index >= bitstring.length * 8) {
    throw new StatusListError(`Index ${index} is outside the status list (${bitstring.length * 8} entries).`);
  }
  return (bitstring[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** The BitstringStatusListCredential for one jurisdiction and purpose, without its proof. */
export function statusListCredential(parts: {
  origin: string;
  jurisdiction: { code: string; name: string };
  purpose: StatusPurpose;
  encodedList: string;
  validFrom: Date;
  validUntil: Date;
}) {
  const id = statusListUrl(parts.origin, parts.jurisdiction.code, parts.purpose);
  return {
    "@context": [VC_CONTEXT],
    id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: { id: issuerId(parts.origin, parts.jurisdiction.code), name: parts.jurisdiction.name },
    validFrom: isoSeconds(parts.validFrom),
    validUntil: isoSeconds(parts.validUntil),
    credentialSubject: {
      id: `${id}#list`,
      type: "BitstringStatusList",
      statusPurpose: parts.purpose,
      encodedList: parts.encodedList,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The verdict: a credential holds when its signature, its dates and its status all hold.

export type VerificationCheck = { check: "signature" | "dates" | "status"; holds: boolean; sentence: string };
export type Verdict = { valid: boolean; summary: string; checks: VerificationCheck[] };

const day = (instant: Date) => instant.toISOString().slice(0, 10);

export function judgeVerification(facts: {
  signatureValid: boolean;
  validFrom: Date;
  validUntil: Date | null;
  revoked: boolean;
  suspended: boolean;
  asOf: Date;
  /** False when the issuer has no record of the credential, so its status cannot be confirmed. */
  recordFound?: boolean;
}): Verdict {
  const signature: VerificationCheck = facts.signatureValid
    ? { check: "signature", holds: true, sentence: "The signature is valid: the issuing board signed exactly this credential." }
    : { check: "signature", holds: false, sentence: "The signature does not match: this credential was not signed by the issuer, or was changed after signing." };

  let dates: VerificationCheck;
  if (facts.asOf.getTime() < facts.validFrom.getTime()) {
    dates = { check: "dates", holds: false, sentence: `The credential is not valid yet: it becomes valid on ${day(facts.validFrom)}.` };
  } else if (facts.validUntil && facts.asOf.getTime() > facts.validUntil.getTime()) {
    dates = { check: "dates", holds: false, sentence: `The credential expired: it was valid until ${day(facts.validUntil)}.` };
  } else {
    dates = {
      check: "dates",
      holds: true,
      sentence: facts.validUntil
        ? `The dates hold: valid from ${day(facts.validFrom)} until ${day(facts.validUntil)}.`
        : `The dates hold: valid from ${day(facts.validFrom)}.`,
    };
  }

  const status: VerificationCheck =
    facts.recordFound === false
      ? { check: "status", holds: false, sentence: "The issuer has no record of this credential, so its status cannot be confirmed." }
      : facts.revoked
        ? { check: "status", holds: false, sentence: "The credential has been revoked by the issuing board." }
        : facts.suspended
          ? { check: "status", holds: false, sentence: "The credential is suspended by the issuing board." }
          : { check: "status", holds: true, sentence: "The credential is neither revoked nor suspended." };

  const checks = [signature, dates, status];
  const valid = checks.every((check) => check.holds);
  const failing = checks.filter((check) => !check.holds).map((check) => check.check);
  const summary = valid
    ? "This credential is valid: its signature, dates and status all hold."
    : `This credential is not valid: the ${listWords(failing)} ${failing.length === 1 ? "check fails" : "checks fail"}.`;
  return { valid, summary, checks };
}

function listWords(words: string[]) {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}
