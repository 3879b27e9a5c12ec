// A credential's certificate, its renewal reminders and the outbox they land in, against a real
// database: who may download the certificate (holder and issuing board only), what it shows, the 409
// for a credential not in force, and reminders sent once per threshold however often the job runs.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renewedExpiry, type CredentialState } from "~/domain/credentials";
import { ROLES, type Role } from "~/domain/roles";
import type { Prisma } from "~/generated/prisma/client";
import { sendMail } from "~/models/mail.server";
import { sendDueRenewalReminders } from "~/models/renewal-reminders.server";
import { loader as outboxLoader } from "~/routes/admin.outbox";
import { loader as certificateLoader } from "~/routes/credentials.$number.certificate[.]pdf";
import { prisma } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";
import { call, getRequest, jurisdiction, sessionCookie, uniqueEmail } from "./helpers";
import { pdfContents } from "./pdf";

const DAY_MS = 24 * 60 * 60 * 1000;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const daysAfter = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The reminder job's "now": mid-morning, so day arithmetic is seen to ignore the time of day. */
const AS_OF = new Date("2031-03-01T10:30:00Z");
const TODAY = day("2031-03-01");

let cpsTypeId: string;
let stateId: string;
let otherStateId: string;
let sequence = 0;

async function person(name: string, role: Role, jurisdictionId: string | null = null) {
  return prisma.user.create({
    data: { name, email: uniqueEmail(role.toLowerCase()), passwordHash: "not-used", roles: { create: { role, jurisdictionId } } },
  });
}

type CredentialInput = { holderId: string; holderName: string; expiresOn: Date; state?: CredentialState; provisional?: boolean };

/** An issued credential with the approved application it came from (Credential.applicationId is required). */
async function credential({ holderId, holderName, expiresOn, state = "ACTIVE", provisional = false }: CredentialInput) {
  const position = ++sequence;
  const application = await prisma.credentialApplication.create({
    data: { traineeId: holderId, credentialTypeId: cpsTypeId, status: "APPROVED", submittedAt: day("2029-01-10"), decidedAt: day("2029-02-01") },
  });
  return prisma.credential.create({
    data: {
      number: `CERTJ-CPS-2029-${String(position).padStart(6, "0")}`,
      holderId,
      holderName,
      credentialTypeId: cpsTypeId,
      jurisdictionId: stateId,
      applicationId: application.id,
      provisional,
      issuedOn: day("2029-02-01"),
      expiresOn,
      state,
      stateChangedAt: state === "ACTIVE" ? null : day("2030-01-01"),
      statusListIndex: position,
    },
  });
}

const certificatePath = (number: string) => `/credentials/${number}/certificate.pdf`;
const downloadCertificate = async (number: string, cookies: string[] = []) =>
  call(certificateLoader, getRequest(certificatePath(number), cookies), { number });

beforeAll(async () => {
  // The real IC&RC requirement shape, under a test jurisdiction's codes.
  const requirement = { ...parse(fs.readFileSync("content/requirements/icrc-pr.yaml", "utf8")), jurisdictionCode: "CERTJ", credentialCode: "CPS" };
  const state = await jurisdiction("CERTJ", "Certificate State Board");
  stateId = state.id;
  otherStateId = (await jurisdiction("OTHERJ", "Other State Board")).id;
  const credentialType = await prisma.credentialType.create({
    data: {
      jurisdictionId: state.id,
      code: "CPS",
      name: "Certified Peer Specialist",
      authority: "Test rule",
      summary: "A credential for tests.",
      requirements: { create: { version: 1, requirement: requirement as Prisma.InputJsonValue } },
    },
  });
  cpsTypeId = credentialType.id;
  // A newer version asks for more CE hours: reminders quote the version in force.
  await prisma.requirementVersion.create({
    data: {
      credentialTypeId: cpsTypeId,
      version: 2,
      requirement: { ...requirement, version: 2, renewal: { ...requirement.renewal, continuingEducation: { totalHours: 24, categories: [{ key: "ethics", label: "Ethics", minHours: 6 }] } } },
    },
  });
});

describe("the certificate download", () => {
  let holder: { id: string; name: string };
  let holderCookie: string;
  let activeNumber: string;
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    holder = await person("Casey Holder", "TRAINEE");
    holderCookie = await sessionCookie(holder.id);
    activeNumber = (await credential({ holderId: holder.id, holderName: "Casey Q. Holder", expiresOn: day("2034-12-31") })).number;
    // One user per role, none of them the holder; the board member sits on the issuing board.
    for (const role of ROLES) {
      const user = await person(`Other ${role.toLowerCase()}`, role, role === "BOARD_MEMBER" ? stateId : null);
      cookies.set(role, await sessionCookie(user.id));
    }
  });

  it("gives the holder a one-page landscape PDF with who, what, the number, the dates and a QR code", async () => {
    const response = await downloadCertificate(activeNumber, [holderCookie]);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="certificate-${activeNumber}.pdf"`);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    const { doc, text, images } = await pdfContents(bytes);
    expect(doc.getPageCount()).toBe(1);
    const page = doc.getPage(0);
    expect(page.getWidth()).toBeGreaterThan(page.getHeight());
    expect(doc.getTitle()).toContain(activeNumber);
    expect(doc.getSubject()).toContain(activeNumber);
    expect(doc.getAuthor()).toBe("Certificate State Board");
    expect(text).toContain("Certificate State Board");
    expect(text).toContain("Casey Q. Holder"); // the name as issued
    expect(text).toContain("Certified Peer Specialist");
    expect(text).toContain(activeNumber);
    expect(text).toContain("February 1, 2029");
    expect(text).toContain("December 31, 2034");
    expect(text).not.toContain("Provisional");
    // The QR code is an embedded image; the address it encodes is printed under it.
    expect(images).toBe(1);
    expect(text.replace(/\n/g, "")).toContain(`${publicUrl()}/verify/${activeNumber}`);
  });

  it("prints the holder's name as issued in Latin, Greek or Cyrillic letters, in an embedded font", async () => {
    const holderName = "Łukasz Żółć (Лукаш, Λουκάς) 李";
    const issued = await credential({ holderId: holder.id, holderName, expiresOn: day("2034-12-31") });
    const response = await downloadCertificate(issued.number, [holderCookie]);
    expect(response.status).toBe(200);
    const { doc, text, fonts } = await pdfContents(new Uint8Array(await response.arrayBuffer()));
    expect(fonts.length > 0 && fonts.every((font) => /^\/DejaVuSans(-Bold)?-/.test(font)), fonts.join()).toBe(true);
    // The CJK letter is not in the font: it prints as □, not as another letter or nothing.
    expect(text).toContain("Łukasz Żółć (Лукаш, Λουκάς) □");
    expect(doc.getSubject()).toContain(holderName);
  });

  it("says so on a provisional credential", async () => {
    const provisional = await credential({ holderId: holder.id, holderName: holder.name, expiresOn: day("2031-12-31"), provisional: true });
    const response = await downloadCertificate(provisional.number, [holderCookie]);
    expect(response.status).toBe(200);
    const { text } = await pdfContents(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain("Provisional credential");
  });

  it("accepts the number in lower case, as a visitor may type it", async () => {
    const response = await downloadCertificate(activeNumber.toLowerCase(), [holderCookie]);
    expect(response.status).toBe(200);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const response = await downloadCertificate(activeNumber);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(certificatePath(activeNumber))}`);
  });

  it.each(ROLES)("answers a %s who is not the holder: the issuing board only", async (role) => {
    const response = await downloadCertificate(activeNumber, [cookies.get(role)!]);
    expect(response.status).toBe(role === "BOARD_MEMBER" ? 200 : 403);
  });

  it("refuses a board member of another jurisdiction", async () => {
    const outsider = await person("Outside Board", "BOARD_MEMBER", otherStateId);
    const response = await downloadCertificate(activeNumber, [await sessionCookie(outsider.id)]);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/holder and the issuing board/);
  });

  it("answers 404 for an unknown or malformed number", async () => {
    expect((await downloadCertificate("CERTJ-CPS-2029-999999", [holderCookie])).status).toBe(404);
    expect((await downloadCertificate("not-a-number", [holderCookie])).status).toBe(404);
  });

  it.each([
    ["REVOKED", /revoked/],
    ["SUSPENDED", /suspended/],
  ] as const)("refuses with 409 when the credential is %s, even to its board", async (state, message) => {
    const refused = await credential({ holderId: holder.id, holderName: holder.name, expiresOn: day("2034-12-31"), state });
    for (const cookie of [holderCookie, cookies.get("BOARD_MEMBER")!]) {
      const response = await downloadCertificate(refused.number, [cookie]);
      expect(response.status).toBe(409);
      expect(response.headers.get("Content-Type")).not.toBe("application/pdf");
      expect(await response.text()).toMatch(message);
    }
  });
});

describe("sendMail", () => {
  it("records a message once per dedupe key and keeps it in the outbox without SMTP_URL", async () => {
    const mail = { dedupeKey: "test:once", toEmail: "robin@example.org", toName: "Robin", subject: "Hello", body: "First" };
    expect(await sendMail(mail)).toBe(true);
    expect(await sendMail({ ...mail, body: "Second" })).toBe(false);
    const messages = await prisma.outboxMessage.findMany({ where: { dedupeKey: "test:once" } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ body: "First", transport: "outbox", error: null });
    expect(messages[0]!.sentAt).toBeInstanceOf(Date);
  });

  it("refuses a subject that would break onto a second header line", async () => {
    await expect(sendMail({ dedupeKey: "test:bad", toEmail: "robin@example.org", toName: "Robin", subject: "Hi\r\nBcc: x@example.org", body: "x" })).rejects.toThrow(
      /one line/,
    );
    expect(await prisma.outboxMessage.count({ where: { dedupeKey: "test:bad" } })).toBe(0);
  });
});

describe("renewal reminders", () => {
  let holder: { id: string; name: string; email: string };

  beforeAll(async () => {
    holder = await person("Riley Renewer", "TRAINEE");
  });

  const remindersOf = (credentialId: string) =>
    prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `renewal-reminder:${credentialId}:` } }, orderBy: { createdAt: "asc" } });
  const credentialExpiringIn = (days: number, state: CredentialState = "ACTIVE") =>
    credential({ holderId: holder.id, holderName: holder.name, expiresOn: daysAfter(TODAY, days), state });

  it("sends one 90-day reminder 80 days before expiry, however often and concurrently the job runs", async () => {
    const due = await credentialExpiringIn(80);
    const counts = [
      ...(await Promise.all([sendDueRenewalReminders(AS_OF), sendDueRenewalReminders(AS_OF), sendDueRenewalReminders(AS_OF)])),
      await sendDueRenewalReminders(AS_OF),
      await sendDueRenewalReminders(new Date(AS_OF.getTime() + 3 * 60 * 60 * 1000)),
    ];
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(1);

    const messages = await remindersOf(due.id);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.dedupeKey).toBe(`renewal-reminder:${due.id}:${isoDay(due.expiresOn)}:90`);
    expect(message!.toEmail).toBe(holder.email);
    expect(message!.toName).toBe("Riley Renewer");
    expect(message!.transport).toBe("outbox");
    expect(message!.sentAt).toBeInstanceOf(Date);
    expect(message!.subject).toBe("Renewal reminder: your Certified Peer Specialist credential expires on May 20, 2031");
    expect(message!.body).toContain(due.number);
    expect(message!.body).toContain("valid through May 20, 2031: it expires in 80 days");
    // The newest requirement version's CE hours, with the category minimum.
    expect(message!.body).toContain("24 hours of continuing education (CE), including at least 6 hours in Ethics");
    expect(message!.body).toContain(`${publicUrl()}/credentials/${due.number}`);
  });

  it("sends only the 30-day reminder to a credential 20 days from expiry", async () => {
    const due = await credentialExpiringIn(20);
    expect(await sendDueRenewalReminders(AS_OF)).toBe(1);
    const messages = await remindersOf(due.id);
    expect(messages.map((message) => message.dedupeKey.split(":").at(-1))).toEqual(["30"]);
  });

  it("sends nothing for an expired, revoked or suspended credential, or one not yet in the window", async () => {
    const none = await Promise.all([
      credentialExpiringIn(-1),
      credentialExpiringIn(20, "REVOKED"),
      credentialExpiringIn(5, "SUSPENDED"),
      credentialExpiringIn(91),
    ]);
    expect(await sendDueRenewalReminders(AS_OF)).toBe(0);
    for (const credential of none) expect(await remindersOf(credential.id)).toHaveLength(0);
  });

  it("sends 90, 30 and 7 days out, then nothing once the credential expires", async () => {
    const credential = await credentialExpiringIn(95);
    for (const offset of [0, 10, 11, 40, 70, 71, 87, 88, 89, 95, 96, 120]) await sendDueRenewalReminders(daysAfter(AS_OF, offset));
    const messages = await remindersOf(credential.id);
    expect(messages.map((message) => message.dedupeKey.split(":").at(-1))).toEqual(["90", "30", "7"]);
    expect(messages[2]!.body).toContain("it expires in 7 days");
  });

  it("starts the reminders again after a renewal moves the expiry date", async () => {
    const credential = await credentialExpiringIn(80);
    await sendDueRenewalReminders(AS_OF);
    expect(await remindersOf(credential.id)).toHaveLength(1);

    const expiresOn = renewedExpiry(credential.expiresOn, 24);
    await prisma.credential.update({ where: { id: credential.id }, data: { expiresOn } });
    await sendDueRenewalReminders(AS_OF); // two years away now: nothing due
    expect(await remindersOf(credential.id)).toHaveLength(1);

    await sendDueRenewalReminders(daysAfter(expiresOn, -85));
    const messages = await remindersOf(credential.id);
    expect(messages.map((message) => message.dedupeKey)).toEqual([
      `renewal-reminder:${credential.id}:${isoDay(credential.expiresOn)}:90`,
      `renewal-reminder:${credential.id}:${isoDay(expiresOn)}:90`,
    ]);
  });
});

describe("the outbox page", () => {
  type OutboxPage = { messages: { subject: string; toEmail: string; createdAt: string; transport: string; sentAt: string | null }[]; total: number; page: number; pages: number };

  it("lists the messages for an administrator, newest first", async () => {
    const admin = await person("Ada Admin", "ADMIN");
    const response = await call(outboxLoader, getRequest("/admin/outbox", [await sessionCookie(admin.id)]));
    expect(response.status).toBe(200);
    const page = (await response.json()) as OutboxPage;
    const total = await prisma.outboxMessage.count();
    expect(page.total).toBe(total);
    expect(page.messages.length).toBe(Math.min(total, 25));
    expect(page.messages.some((message) => message.subject.startsWith("Renewal reminder: your Certified Peer Specialist"))).toBe(true);
    const times = page.messages.map((message) => message.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(page.messages.every((message) => message.transport === "outbox" && message.sentAt)).toBe(true);
  });

  it("pages through the messages, and treats a nonsense page as the first", async () => {
    const admin = await person("Ada Pager", "ADMIN");
    const cookie = await sessionCookie(admin.id);
    await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        sendMail({ dedupeKey: `test:page:${index}`, toEmail: "pat@example.org", toName: "Pat", subject: `Paged ${index}`, body: "Body" }),
      ),
    );
    const total = await prisma.outboxMessage.count();
    const second = (await (await call(outboxLoader, getRequest("/admin/outbox?page=2", [cookie]))).json()) as OutboxPage;
    expect(second.page).toBe(2);
    expect(second.pages).toBe(Math.ceil(total / 25));
    expect(second.messages.length).toBe(Math.min(25, total - 25));
    const nonsense = (await (await call(outboxLoader, getRequest("/admin/outbox?page=-3abc", [cookie]))).json()) as OutboxPage;
    expect(nonsense.page).toBe(1);
  });

  it("refuses a trainee and a board member, and sends a signed-out visitor to sign in", async () => {
    for (const role of ["TRAINEE", "BOARD_MEMBER"] as const) {
      const user = await person(`Not admin ${role}`, role, role === "BOARD_MEMBER" ? stateId : null);
      const response = await call(outboxLoader, getRequest("/admin/outbox", [await sessionCookie(user.id)]));
      expect(response.status).toBe(403);
    }
    const signedOut = await call(outboxLoader, getRequest("/admin/outbox"));
    expect(signedOut.status).toBe(302);
  });
});
