import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  MIN_STATUS_LIST_BITS,
  OB_CONTEXT,
  StatusListError,
  VC_CONTEXT,
  canonicalJson,
  decodeStatusList,
  encodeStatusList,
  judgeVerification,
  openBadgeCredential,
  statusBit,
  statusListCredential,
  vcJwtClaims,
  type BadgeSource,
} from "./open-badges";

const ORIGIN = "https://peerpath.example.org";

const source: BadgeSource = {
  number: "KY-APSS-2026-000042",
  holderName: "Dana Rivera",
  provisional: false,
  issuedOn: new Date("2026-03-01T00:00:00Z"),
  expiresOn: new Date("2028-02-29T00:00:00Z"),
  statusListIndex: 17,
  credentialType: { code: "APSS", name: "Adult Peer Support Specialist", summary: "Supports adults in recovery.", authority: "908 KAR 2:220" },
  jurisdiction: { code: "KY", name: "Kentucky" },
};

describe("openBadgeCredential", () => {
  const credential = openBadgeCredential(source, ORIGIN);

  it("is an Open Badges 3.0 credential in the VC 2.0 data model", () => {
    expect(credential["@context"]).toEqual([VC_CONTEXT, OB_CONTEXT]);
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.id).toBe(`${ORIGIN}/verify/KY-APSS-2026-000042`);
    expect(credential.issuer).toEqual({ id: `${ORIGIN}/jurisdictions/KY`, type: ["Profile"], name: "Kentucky" });
    expect(credential.name).toBe("Adult Peer Support Specialist");
  });

  it("is valid from the start of the day of issue through the end of the expiry date", () => {
    expect(credential.validFrom).toBe("2026-03-01T00:00:00Z");
    expect(credential.validUntil).toBe("2028-02-29T23:59:59Z");
  });

  it("names the holder and the achievement, and carries no email or account id", () => {
    expect(credential.credentialSubject).toEqual({
      type: ["AchievementSubject"],
      name: "Dana Rivera",
      achievement: {
        id: `${ORIGIN}/jurisdictions/KY/credentials/APSS`,
        type: ["Achievement"],
        name: "Adult Peer Support Specialist",
        description: "Supports adults in recovery.",
        criteria: { narrative: expect.stringContaining("908 KAR 2:220") },
      },
    });
    expect(JSON.stringify(credential)).not.toMatch(/[\w.]+@[\w.]+|"identifier"|"email"/);
  });

  it("points to the jurisdiction's revocation and suspension lists at its index", () => {
    expect(credential.credentialStatus).toEqual([
      {
        id: `${credential.id}#revocation`,
        type: "BitstringStatusListEntry",
        statusPurpose: "revocation",
        statusListIndex: "17",
        statusListCredential: `${ORIGIN}/jurisdictions/KY/status/revocation`,
      },
      {
        id: `${credential.id}#suspension`,
        type: "BitstringStatusListEntry",
        statusPurpose: "suspension",
        statusListIndex: "17",
        statusListCredential: `${ORIGIN}/jurisdictions/KY/status/suspension`,
      },
    ]);
  });

  it("says when a credential is provisional", () => {
    expect(openBadgeCredential({ ...source, provisional: true }, ORIGIN).name).toBe("Adult Peer Support Specialist (provisional)");
  });
});

describe("vcJwtClaims", () => {
  it("repeats the issuer, id and dates as registered claims around the credential", () => {
    const credential = openBadgeCredential(source, ORIGIN);
    const claims = vcJwtClaims(credential);
    expect(claims).toEqual({
      iss: `${ORIGIN}/jurisdictions/KY`,
      sub: `${credential.id}#holder`,
      jti: credential.id,
      nbf: Date.parse("2026-03-01T00:00:00Z") / 1000,
      exp: Date.parse("2028-02-29T23:59:59Z") / 1000,
      vc: credential,
    });
  });
});

describe("canonicalJson", () => {
  it("ignores key order but not values or array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: "x" } })).toBe(canonicalJson({ a: { c: "x", d: [1, 2] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: "1" })).not.toBe(canonicalJson({ a: 1 }));
  });
});

describe("Bitstring Status List", () => {
  it("sets bit i exactly for the given indexes", async () => {
    const indexes = [0, 7, 8, 17, 1000, MIN_STATUS_LIST_BITS - 1];
    const bits = await decodeStatusList(await encodeStatusList(indexes));
    expect(bits.length * 8).toBe(MIN_STATUS_LIST_BITS);
    const set = new Set(indexes);
    for (let index = 0; index < MIN_STATUS_LIST_BITS; index++) {
      if (statusBit(bits, index) !== set.has(index)) throw new Error(`bit ${index} should be ${set.has(index)}`);
    }
  });

  it("counts from the most significant bit of the first byte", async () => {
    const bits = await decodeStatusList(await encodeStatusList([0, 9]));
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
  });

  it("is at least 16 KB, GZIP-compressed, base64url with the multibase u prefix", async () => {
    const encoded = await encodeStatusList([]);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const compressed = Buffer.from(encoded.slice(1), "base64url");
    expect(compressed.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    // Any GZIP reader reads it: here Node's own.
    expect(gunzipSync(compressed)).toEqual(Buffer.alloc(16 * 1024));
    const bits = await decodeStatusList(encoded);
    expect(bits.length).toBe(16 * 1024);
    expect(bits.every((byte) => byte === 0)).toBe(true);
  });

  it("reads a list compressed by another GZIP writer", async () => {
    const bytes = new Uint8Array(16 * 1024);
    bytes[2] = 0b0010_0000;
    const bits = await decodeStatusList(`u${gzipSync(bytes).toString("base64url")}`);
    expect(statusBit(bits, 18)).toBe(true);
    expect(statusBit(bits, 17)).toBe(false);
  });

  it("grows past the minimum when an index needs it", async () => {
    const bits = await decodeStatusList(await encodeStatusList([MIN_STATUS_LIST_BITS + 3]));
    expect(bits.length).toBe(16 * 1024 + 1);
    expect(statusBit(bits, MIN_STATUS_LIST_BITS + 3)).toBe(true);
  });

  it("refuses bad indexes and unreadable lists with a sentence", async () => {
    await expect(encodeStatusList([-1])).rejects.toThrow(StatusListError);
    await expect(decodeStatusList("zabc")).rejects.toThrow(/must start with "u"/);
    await expect(decodeStatusList("uAAAA")).rejects.toThrow(/GZIP/);
    expect(() => statusBit(new Uint8Array(2), 16)).toThrow(/outside the status list/);
  });

  it("refuses a list that decompresses beyond 16 MB", async () => {
    const bomb = `u${gzipSync(new Uint8Array(17 * 1024 * 1024)).toString("base64url")}`;
    await expect(decodeStatusList(bomb)).rejects.toThrow(/larger than 16 MB/);
  });

  it("wraps the list in a BitstringStatusListCredential", () => {
    const list = statusListCredential({
      origin: ORIGIN,
      jurisdiction: { code: "KY", name: "Kentucky" },
      purpose: "suspension",
      encodedList: "uH4sI",
      validFrom: new Date("2026-05-01T10:00:00.123Z"),
      validUntil: new Date("2026-05-01T11:00:00Z"),
    });
    expect(vcJwtClaims(list).sub).toBe(`${ORIGIN}/jurisdictions/KY/status/suspension#list`);
    expect(list).toMatchObject({
      id: `${ORIGIN}/jurisdictions/KY/status/suspension`,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: { id: `${ORIGIN}/jurisdictions/KY` },
      validFrom: "2026-05-01T10:00:00Z",
      credentialSubject: { id: `${ORIGIN}/jurisdictions/KY/status/suspension#list`, type: "BitstringStatusList", statusPurpose: "suspension", encodedList: "uH4sI" },
    });
  });
});

describe("judgeVerification", () => {
  const facts = {
    signatureValid: true,
    validFrom: new Date("2026-03-01T00:00:00Z"),
    validUntil: new Date("2028-02-29T23:59:59Z"),
    revoked: false,
    suspended: false,
    asOf: new Date("2027-01-01T12:00:00Z"),
  };

  it("holds when the signature, the dates and the status all hold", () => {
    const verdict = judgeVerification(facts);
    expect(verdict.valid).toBe(true);
    expect(verdict.summary).toBe("This credential is valid: its signature, dates and status all hold.");
    expect(verdict.checks.map((check) => [check.check, check.holds])).toEqual([
      ["signature", true],
      ["dates", true],
      ["status", true],
    ]);
    expect(verdict.checks[1]!.sentence).toBe("The dates hold: valid from 2026-03-01 until 2028-02-29.");
  });

  it("is good through the last second of the expiry date and expired after it", () => {
    expect(judgeVerification({ ...facts, asOf: new Date("2028-02-29T23:59:59Z") }).valid).toBe(true);
    const expired = judgeVerification({ ...facts, asOf: new Date("2028-03-01T00:00:00Z") });
    expect(expired.valid).toBe(false);
    expect(expired.checks[1]!.sentence).toBe("The credential expired: it was valid until 2028-02-29.");
    expect(expired.summary).toBe("This credential is not valid: the dates check fails.");
  });

  it("is not valid before it starts", () => {
    const early = judgeVerification({ ...facts, asOf: new Date("2026-02-28T23:59:59Z") });
    expect(early.checks[1]).toEqual({ check: "dates", holds: false, sentence: "The credential is not valid yet: it becomes valid on 2026-03-01." });
  });

  it("says which checks fail", () => {
    const verdict = judgeVerification({ ...facts, signatureValid: false, revoked: true });
    expect(verdict.valid).toBe(false);
    expect(verdict.summary).toBe("This credential is not valid: the signature and status checks fail.");
    expect(verdict.checks[2]!.sentence).toBe("The credential has been revoked by the issuing board.");
    expect(judgeVerification({ ...facts, suspended: true }).checks[2]!.sentence).toBe("The credential is suspended by the issuing board.");
    expect(judgeVerification({ ...facts, recordFound: false }).checks[2]).toEqual({
      check: "status",
      holds: false,
      sentence: "The issuer has no record of this credential, so its status cannot be confirmed.",
    });
  });
});
