// Signed Open Badges 3.0 credentials, the JWK sets and status lists that let anyone check them, and the
// public verification pages, against a real database. The signature is checked with plain `jose` as an
// outside verifier would, not only with PeerPath's own verification code.
import { SignJWT, calculateJwkThumbprint, createLocalJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import type { CredentialState } from "~/domain/credentials";
import { decodeStatusList, statusBit } from "~/domain/open-badges";
import { ROLES } from "~/domain/roles";
import { signedBadge, verifyPresentedCredential } from "~/models/credential-badge.server";
import { ensureSigningKey, jwksFor, signingKeyFor } from "~/models/signing-keys.server";
import { loader as badgeJsonLoader } from "~/routes/credentials.$number.badge[.]json";
import { loader as badgeJwtLoader } from "~/routes/credentials.$number.badge[.]jwt";
import { loader as jwksLoader } from "~/routes/jurisdictions.$code.jwks[.]json";
import { loader as statusLoader } from "~/routes/jurisdictions.$code.status.$purpose";
import { loader as numberLoader } from "~/routes/verify.$number";
import { action as uploadAction, loader as verifyLoader } from "~/routes/verify._index";
import { prisma } from "~/utils/db.server";
import { loadEnv, publicUrl } from "~/utils/env.server";
import { BASE, call, csrf, getRequest, jurisdiction, sessionCookie, uniqueEmail, userWithRole } from "./helpers";

const CODE = "VERJ";
const OTHER_CODE = "OTHERJ";
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const today = () => day(new Date().toISOString().slice(0, 10));
const yearsFromToday = (years: number) => new Date(today().getTime() + years * 365 * 86_400_000);

let stateId: string;
let typeId: string;
let holder: { id: string; name: string; email: string };
let holderCookie: string;
let sequence = 0;

// Each public request comes from its own address, so the rate limit only bites where a test means it to.
let addressCounter = 0;
const freshAddress = () => `10.0.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

beforeAll(async () => {
  stateId = (await jurisdiction(CODE, "Verification State")).id;
  await jurisdiction(OTHER_CODE, "Other State");
  typeId = (
    await prisma.credentialType.create({
      data: { jurisdictionId: stateId, code: "VPSS", name: "Verified Peer Support Specialist", authority: "Test rule 12", summary: "Supports peers in recovery." },
    })
  ).id;
  holder = await prisma.user.create({
    data: { name: "Dana Rivera", email: uniqueEmail("holder"), passwordHash: "not-used", roles: { create: { role: "TRAINEE", jurisdictionId: null } } },
  });
  holderCookie = await sessionCookie(holder.id);
});

type CredentialInput = { state?: CredentialState; stateReason?: string; issuedOn?: Date; expiresOn?: Date; provisional?: boolean };

/** An issued credential with the approved application it came from (Credential.applicationId is required). */
async function issue({ state = "ACTIVE", stateReason, issuedOn = today(), expiresOn = yearsFromToday(2), provisional = false }: CredentialInput = {}) {
  const position = ++sequence;
  const application = await prisma.credentialApplication.create({
    data: { traineeId: holder.id, credentialTypeId: typeId, status: "APPROVED", submittedAt: issuedOn, decidedAt: issuedOn },
  });
  return prisma.credential.create({
    data: {
      number: `${CODE}-VPSS-2026-${String(position).padStart(6, "0")}`,
      holderId: holder.id,
      holderName: holder.name,
      credentialTypeId: typeId,
      jurisdictionId: stateId,
      applicationId: application.id,
      provisional,
      issuedOn,
      expiresOn,
      state,
      stateReason: stateReason ?? null,
      stateChangedAt: state === "ACTIVE" ? null : new Date(),
      statusListIndex: position * 37,
    },
  });
}

const publicGet = (handler: Parameters<typeof call>[0], path: string, params: Record<string, string> = {}, address = freshAddress()) =>
  call(handler, getRequest(path), params, address);

/** A multipart post of the verification form, as a browser sends it. */
async function upload(fields: { badge?: File; pasted?: string; csrfToken?: string }, address = freshAddress()) {
  const token = await csrf();
  const body = new FormData();
  body.set("csrf", fields.csrfToken ?? token.token);
  if (fields.badge) body.set("badge", fields.badge);
  if (fields.pasted !== undefined) body.set("pasted", fields.pasted);
  return call(uploadAction, new Request(`${BASE}/verify`, { method: "POST", body, headers: { Cookie: token.cookie } }), {}, address);
}

async function publishedKeys() {
  const response = await publicGet(jwksLoader, `/jurisdictions/${CODE}/jwks.json`, { code: CODE });
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect(response.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
  return (await response.json()) as { keys: Record<string, string>[] };
}

async function statusList(purpose: string) {
  const response = await publicGet(statusLoader, `/jurisdictions/${CODE}/status/${purpose}`, { code: CODE, purpose });
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/jwt");
  return response.text();
}

describe("the signed badge", () => {
  it("downloads as a VC-JWT that plain jose verifies against the published JWK set", async () => {
    const credential = await issue();
    const response = await call(badgeJwtLoader, getRequest(`/credentials/${credential.number}/badge.jwt`, [holderCookie]), { number: credential.number });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/jwt");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${credential.number}-badge.jwt"`);
    const jwt = await response.text();

    const jwks = await publishedKeys();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty("d");
    expect(jwks.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(jwks.keys[0]!.kid).toBe(await calculateJwkThumbprint(jwks.keys[0]!));

    const origin = publicUrl();
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks as never), {
      issuer: `${origin}/jurisdictions/${CODE}`,
      algorithms: ["EdDSA"],
    });
    expect(protectedHeader).toEqual({ alg: "EdDSA", kid: jwks.keys[0]!.kid, typ: "JWT" });
    expect(payload).toMatchObject({ jti: `${origin}/verify/${credential.number}`, sub: `${origin}/verify/${credential.number}#holder` });
    expect(payload.nbf).toBe(credential.issuedOn.getTime() / 1000);
    expect(payload.exp).toBe(credential.expiresOn.getTime() / 1000 + 86_399);
    expect(payload.vc).toMatchObject({
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer: { id: `${origin}/jurisdictions/${CODE}`, type: ["Profile"], name: "Verification State" },
      credentialSubject: { type: ["AchievementSubject"], name: "Dana Rivera", achievement: { name: "Verified Peer Support Specialist" } },
      credentialStatus: [
        { statusPurpose: "revocation", statusListIndex: String(credential.statusListIndex), statusListCredential: `${origin}/jurisdictions/${CODE}/status/revocation` },
        { statusPurpose: "suspension", statusListIndex: String(credential.statusListIndex), statusListCredential: `${origin}/jurisdictions/${CODE}/status/suspension` },
      ],
    });
    expect(JSON.stringify(payload)).not.toContain(holder.email);
    expect(JSON.stringify(payload)).not.toContain(holder.id);
  });

  it("downloads as Open Badges JSON whose body is exactly what the JWT proof signed, and checks as valid", async () => {
    const credential = await issue();
    const response = await call(badgeJsonLoader, getRequest(`/credentials/${credential.number}/badge.json`, [holderCookie]), { number: credential.number });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${credential.number}-badge.json"`);
    const text = await response.text();
    const { proof, ...body } = JSON.parse(text);
    expect(proof.type).toBe("JwtProof2020");
    expect(decodeJwt(proof.jwt).vc).toEqual(body);

    const result = await verifyPresentedCredential(text);
    expect(result).toMatchObject({ valid: true, problem: null, summary: "This credential is valid: its signature, dates and status all hold." });
    expect(result.checks.map((check) => check.holds)).toEqual([true, true, true]);
    expect(result.credential).toMatchObject({ number: credential.number, holderName: "Dana Rivera", issuerName: "Verification State" });

    const uploaded = await upload({ badge: new File([text], "badge.json", { type: "application/json" }) });
    expect(uploaded.status).toBe(200);
    expect((await uploaded.json()).result).toMatchObject({ valid: true });
    const pasted = await upload({ pasted: proof.jwt });
    expect((await pasted.json()).result).toMatchObject({ valid: true });
  });

  it("refuses an altered JSON file, saying it was altered", async () => {
    const credential = await issue();
    const { json } = await signedBadge(credential.number);
    const altered = { ...json, credentialSubject: { ...json.credentialSubject, name: "Someone Else" } };
    const result = await verifyPresentedCredential(JSON.stringify(altered));
    expect(result).toMatchObject({ valid: false, problem: "altered", credential: null });
    expect(result.summary).toMatch(/altered/);

    const longer = { ...json, validUntil: "2099-12-31T23:59:59Z" };
    const uploaded = await upload({ badge: new File([JSON.stringify(longer)], "badge.json") });
    expect((await uploaded.json()).result).toMatchObject({ valid: false, problem: "altered" });
  });

  it("refuses a JWT forged with another key, whether it claims the issuer's kid or its own", async () => {
    const credential = await issue();
    const { jwt } = await signedBadge(credential.number);
    const claims = decodeJwt(jwt);
    const realKid = decodeProtectedHeader(jwt).kid!;
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const forge = (kid: string) => new SignJWT(claims).setProtectedHeader({ alg: "EdDSA", kid, typ: "JWT" }).sign(privateKey);

    const sameKid = await verifyPresentedCredential(await forge(realKid));
    expect(sameKid).toMatchObject({ valid: false, problem: "bad-signature", credential: null });
    expect(sameKid.checks).toEqual([{ check: "signature", holds: false, sentence: expect.stringMatching(/signature does not match/) }]);
    const jwks = await publishedKeys();
    await expect(jwtVerify(await forge(realKid), createLocalJWKSet(jwks as never))).rejects.toThrow();

    const ownKid = await verifyPresentedCredential(await forge("made-up-kid"));
    expect(ownKid).toMatchObject({ valid: false, problem: "unknown-issuer" });

    // A real signature over a body with one character changed.
    const [header, payload, signature] = jwt.split(".");
    const tampered = Buffer.from(JSON.stringify({ ...claims, vc: { ...(claims.vc as object), name: "Changed" } })).toString("base64url");
    expect((await verifyPresentedCredential(`${header}.${tampered}.${signature}`)).problem).toBe("bad-signature");
    expect(payload).not.toBe(tampered);
  });

  it("answers malformed input with a sentence, never an error", async () => {
    for (const text of ["", "hello", "{", "[1,2]", '{"name":"no proof"}', "a.b.c", JSON.stringify({ proof: { jwt: "x.y.z" } })]) {
      const result = await verifyPresentedCredential(text);
      expect(result.valid).toBe(false);
      expect(result.problem).toMatch(/malformed|unknown-issuer/);
      expect(result.summary).toMatch(/\.$/);
    }
    const response = await upload({ badge: new File(["not a badge"], "badge.txt") });
    expect(response.status).toBe(400);
    expect((await response.json()).result.summary).toMatch(/neither an Open Badges JSON file nor a JWT/);
    const nothing = await upload({});
    expect(nothing.status).toBe(400);
    expect((await nothing.json()).error).toBe("Choose a badge file (.json or .jwt), or paste the badge's text.");
    const big = await upload({ badge: new File(["x".repeat(101 * 1024)], "big.json") });
    expect(big.status).toBe(400);
    expect((await big.json()).error).toMatch(/larger than 100 KB/);
    const forged = await upload({ pasted: "x", csrfToken: "wrong" });
    expect(forged.status).toBe(403);
  });

  it("refuses a signed status list presented as a badge", async () => {
    await issue();
    const result = await verifyPresentedCredential(await statusList("revocation"));
    expect(result).toMatchObject({ valid: false, problem: "not-a-badge" });
  });

  it("reports dates and status from the live record: an expired, then a suspended, credential does not hold", async () => {
    const expired = await issue({ issuedOn: day("2020-01-01"), expiresOn: day("2022-12-31") });
    const expiredResult = await verifyPresentedCredential((await signedBadge(expired.number)).jwt);
    expect(expiredResult.valid).toBe(false);
    expect(expiredResult.checks.find((check) => check.check === "dates")).toEqual({
      check: "dates",
      holds: false,
      sentence: "The credential expired: it was valid until 2022-12-31.",
    });

    const credential = await issue();
    const { jwt } = await signedBadge(credential.number);
    expect((await verifyPresentedCredential(jwt)).valid).toBe(true);
    await prisma.credential.update({ where: { id: credential.id }, data: { state: "SUSPENDED", stateReason: "Under review" } });
    const suspended = await verifyPresentedCredential(jwt);
    expect(suspended.valid).toBe(false);
    expect(suspended.summary).toBe("This credential is not valid: the status check fails.");
    expect(suspended.checks.find((check) => check.check === "status")!.sentence).toBe("The credential is suspended by the issuing board.");
  });
});

describe("badge downloads", () => {
  it("are for the holder and the issuing board only", async () => {
    const credential = await issue();
    const path = `/credentials/${credential.number}/badge.jwt`;
    const params = { number: credential.number };
    for (const loader of [badgeJwtLoader, badgeJsonLoader]) {
      const signedOut = await call(loader, getRequest(path), params);
      expect(signedOut.status).toBe(302);
      expect(signedOut.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);

      for (const role of ROLES) {
        const user = await userWithRole(role, OTHER_CODE);
        expect((await call(loader, getRequest(path, [await sessionCookie(user.id)]), params)).status).toBe(403);
      }
      const board = await userWithRole("BOARD_MEMBER", CODE);
      expect((await call(loader, getRequest(path, [await sessionCookie(board.id)]), params)).status).toBe(200);
      expect((await call(loader, getRequest(path, [holderCookie]), params)).status).toBe(200);

      const unknown = "VERJ-VPSS-2026-999999";
      expect((await call(loader, getRequest(`/credentials/${unknown}/badge.jwt`, [holderCookie]), { number: unknown })).status).toBe(404);
      expect((await call(loader, getRequest("/credentials/nonsense/badge.jwt", [holderCookie]), { number: "nonsense" })).status).toBe(404);
    }
  });
});

describe("the public verification page", () => {
  it("shows the holder, credential, jurisdiction, status and dates, and nothing else personal", async () => {
    const credential = await issue({ provisional: true, issuedOn: day("2026-03-01"), expiresOn: day("2099-02-28") });
    const response = await publicGet(numberLoader, `/verify/${credential.number}`, { number: credential.number });
    expect(response.status).toBe(200);
    const page = await response.json();
    expect(page).toEqual({
      number: credential.number,
      holderName: "Dana Rivera",
      credentialName: "Verified Peer Support Specialist",
      jurisdictionName: "Verification State",
      provisional: true,
      status: "active",
      issuedOn: { day: "2026-03-01", label: "March 1, 2026" },
      expiresOn: { day: "2099-02-28", label: "February 28, 2099", heading: "Valid through" },
    });
  });

  it("reads a lower-case number, and shows an expired credential as expired", async () => {
    const credential = await issue({ issuedOn: day("2020-01-01"), expiresOn: day("2022-12-31") });
    const page = await (await publicGet(numberLoader, `/verify/${credential.number.toLowerCase()}`, { number: credential.number.toLowerCase() })).json();
    expect(page.status).toBe("expired");
    expect(page.expiresOn.heading).toBe("Expired after");
  });

  it("never says a suspended or revoked credential is valid through its expiry date", async () => {
    const credential = await issue({ issuedOn: day("2026-03-01"), expiresOn: day("2099-02-28") });
    const heading = async () => (await (await publicGet(numberLoader, `/verify/${credential.number}`, { number: credential.number })).json()).expiresOn.heading;
    await prisma.credential.update({ where: { id: credential.id }, data: { state: "SUSPENDED", stateReason: "Complaint under investigation", stateChangedAt: new Date() } });
    expect(await heading()).toBe("Expiry date (not valid while suspended)");
    await prisma.credential.update({ where: { id: credential.id }, data: { state: "REVOKED", stateReason: "Misconduct established", stateChangedAt: new Date() } });
    expect(await heading()).toBe("Expiry date (revoked, so not valid)");
  });

  it("answers an unknown or malformed number with 404 and a sentence", async () => {
    for (const number of ["VERJ-VPSS-2026-999999", "not-a-number", "x".repeat(300)]) {
      const response = await publicGet(numberLoader, `/verify/${number}`, { number });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("There is no credential with that number. Check the number on the certificate and try again.");
    }
  });

  it("shows a revoked credential as revoked, and sets its bit in the revocation list only", async () => {
    const credential = await issue();
    const bystander = await issue();
    await prisma.credential.update({ where: { id: credential.id }, data: { state: "REVOKED", stateReason: "Obtained by misrepresentation", stateChangedAt: new Date() } });

    const page = await (await publicGet(numberLoader, `/verify/${credential.number}`, { number: credential.number })).json();
    expect(page.status).toBe("revoked");
    // The board's reason is for the holder and the board, not for anyone who looks the number up.
    expect(JSON.stringify(page)).not.toContain("misrepresentation");

    const jwks = createLocalJWKSet((await publishedKeys()) as never);
    const revocation = await jwtVerify(await statusList("revocation"), jwks, { algorithms: ["EdDSA"] });
    const suspension = await jwtVerify(await statusList("suspension"), jwks, { algorithms: ["EdDSA"] });
    const bitsOf = (list: typeof revocation) => decodeStatusList((list.payload.vc as { credentialSubject: { encodedList: string } }).credentialSubject.encodedList);
    const [revoked, suspended] = await Promise.all([bitsOf(revocation), bitsOf(suspension)]);
    expect(revocation.payload.vc).toMatchObject({
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      credentialSubject: { type: "BitstringStatusList", statusPurpose: "revocation" },
    });
    expect(revoked.length).toBe(16 * 1024);
    expect(statusBit(revoked, credential.statusListIndex)).toBe(true);
    expect(statusBit(revoked, bystander.statusListIndex)).toBe(false);
    expect(statusBit(suspended, credential.statusListIndex)).toBe(false);

    const presented = await verifyPresentedCredential((await signedBadge(credential.number)).jwt);
    expect(presented.checks.find((check) => check.check === "status")!.sentence).toBe("The credential has been revoked by the issuing board.");
  });

  it("sends a valid number from the form to its page and explains a bad one", async () => {
    const redirected = await publicGet(verifyLoader, "/verify?number=verj-vpss-2026-000001", {});
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("Location")).toBe("/verify/VERJ-VPSS-2026-000001");
    const bad = await publicGet(verifyLoader, "/verify?number=12345", {});
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ number: "12345", error: "Enter a credential number like KY-APSS-2026-000001" });
    expect(await (await publicGet(verifyLoader, "/verify", {})).json()).toEqual({ number: "", error: null });
  });
});

describe("JWK sets and status lists", () => {
  it("answer 404 for an unknown jurisdiction or purpose", async () => {
    expect((await publicGet(jwksLoader, "/jurisdictions/NOPE/jwks.json", { code: "NOPE" })).status).toBe(404);
    expect((await publicGet(jwksLoader, "/jurisdictions/bad code/jwks.json", { code: "bad code" })).status).toBe(404);
    expect((await publicGet(statusLoader, "/jurisdictions/NOPE/status/revocation", { code: "NOPE", purpose: "revocation" })).status).toBe(404);
    expect((await publicGet(statusLoader, `/jurisdictions/${CODE}/status/expiry`, { code: CODE, purpose: "expiry" })).status).toBe(404);
  });

  it("lists no key for a jurisdiction that has signed nothing, without creating one", async () => {
    const quiet = await jurisdiction("QUIETJ");
    expect(await jwksFor("QUIETJ")).toEqual({ keys: [] });
    expect(await prisma.signingKey.count({ where: { jurisdictionId: quiet.id } })).toBe(0);
  });

  it("generates exactly one key when instances race to create it", async () => {
    const racing = await jurisdiction("RACEJ");
    const keys = await Promise.all(Array.from({ length: 6 }, () => ensureSigningKey(racing.id)));
    expect(new Set(keys.map((key) => key.kid)).size).toBe(1);
    expect(await prisma.signingKey.count({ where: { jurisdictionId: racing.id } })).toBe(1);
    expect((await signingKeyFor(racing.id)).kid).toBe(keys[0]!.kid);
    const published = await jwksFor("RACEJ");
    expect(published!.keys.map((key) => key.kid)).toEqual([keys[0]!.kid]);
    expect(published!.keys[0]).not.toHaveProperty("d");
  });
});

describe("the rate limit", () => {
  it("answers a burst over the limit from one address with 429 and Retry-After; other addresses go on", async () => {
    const credential = await issue();
    const limit = loadEnv().VERIFY_RATE_LIMIT;
    const address = "203.0.113.77";
    const visit = () => publicGet(numberLoader, `/verify/${credential.number}`, { number: credential.number }, address);
    for (let index = 0; index < limit; index++) expect((await visit()).status).toBe(200);
    const refused = await visit();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/^Too many verification requests from your network\. Try again in \d+ seconds?\.$/);
    expect((await upload({ pasted: "x" }, address)).status).toBe(429);
    expect((await publicGet(verifyLoader, "/verify?number=X", {}, address)).status).toBe(429);
    expect((await publicGet(numberLoader, `/verify/${credential.number}`, { number: credential.number })).status).toBe(200);
  });
});
