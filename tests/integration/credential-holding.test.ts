// Holding a credential, against a real database: the holder's list and page, continuing education
// toward renewal, and the board's scoped list with suspend, reinstate and revoke.
import { beforeAll, describe, expect, it } from "vitest";
import { addMonths, issueDates, type CredentialState } from "~/domain/credentials";
import type { Role } from "~/domain/roles";
import { syncContent } from "~/models/content.server";
import { CredentialProblem, changeCredentialState } from "~/models/credential-holding.server";
import { createLedgerEntry } from "~/models/ledger.server";
import { action as boardCredentialAction, loader as boardCredentialLoader } from "~/routes/board.credentials.$number";
import { loader as boardListLoader } from "~/routes/board.credentials._index";
import { action as heldAction, loader as heldLoader } from "~/routes/credentials.$number";
import { loader as listLoader } from "~/routes/credentials._index";
import { prisma } from "~/utils/db.server";
import { call, getRequest, postRequest, sessionCookie, userWithRole } from "./helpers";
import { issueTestCredential } from "./route-table.credentials";

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const TODAY = new Date(`${isoDay(new Date())}T00:00:00Z`);
const daysFromToday = (days: number) => new Date(TODAY.getTime() + days * DAY_MS);

type Person = { id: string; name: string; cookie: string };

async function signedIn(role: Role, jurisdictionCode?: string): Promise<Person> {
  const user = await userWithRole(role, jurisdictionCode);
  return { id: user.id, name: user.name, cookie: await sessionCookie(user.id) };
}

// The real IC&RC Peer Recovery requirement: 20 CE hours every 24 months, 6 of them ethics.
let icrc: { typeId: string; jurisdictionId: string };
let kentucky: { typeId: string; jurisdictionId: string };
let sequence = 0;

async function credentialTypeOf(jurisdictionCode: string, code: string) {
  const credentialType = await prisma.credentialType.findFirstOrThrow({ where: { code, jurisdiction: { code: jurisdictionCode } } });
  return { typeId: credentialType.id, jurisdictionId: credentialType.jurisdictionId };
}

/** A credential of IC&RC (or Kentucky) held by the person, by default issued 100 days ago for two years. */
async function issue(
  holder: { id: string; name: string },
  options: { of?: "icrc" | "kentucky"; issuedOn?: Date; expiresOn?: Date; state?: CredentialState; holderName?: string } = {},
) {
  const where = options.of === "kentucky" ? kentucky : icrc;
  const prefix = options.of === "kentucky" ? "KY-APSS" : "ICRC-PR";
  return issueTestCredential({
    holderId: holder.id,
    holderName: options.holderName ?? holder.name,
    credentialTypeId: where.typeId,
    jurisdictionId: where.jurisdictionId,
    number: `${prefix}-2030-${String(++sequence).padStart(6, "0")}`,
    issuedOn: options.issuedOn ?? daysFromToday(-100),
    expiresOn: options.expiresOn ?? daysFromToday(630),
    state: options.state,
  });
}

beforeAll(async () => {
  await syncContent();
  icrc = await credentialTypeOf("ICRC", "PR");
  kentucky = await credentialTypeOf("KY", "APSS");
});

const json = async (response: Response) => response.json();

describe("the holder's credentials", () => {
  it("lists only the user's own credentials with their computed status", async () => {
    const holder = await signedIn("TRAINEE");
    const other = await signedIn("TRAINEE");
    const active = await issue(holder);
    const expired = await issue(holder, { of: "kentucky", issuedOn: daysFromToday(-400), expiresOn: daysFromToday(-35) });
    await issue(other);

    const response = await call(listLoader, getRequest("/credentials", [holder.cookie]));
    expect(response.status).toBe(200);
    const { credentials } = await json(response);
    expect(credentials.map((credential: { number: string; status: string }) => [credential.number, credential.status]).sort()).toEqual(
      [
        [active.number, "active"],
        [expired.number, "expired"],
      ].sort(),
    );
    expect(credentials.find((credential: { number: string }) => credential.number === active.number)).toMatchObject({
      name: "Peer Recovery (PR)",
      jurisdictionName: "IC&RC",
      expiresOn: isoDay(daysFromToday(630)),
    });

    const nobody = await signedIn("INSTRUCTOR");
    expect((await json(await call(listLoader, getRequest("/credentials", [nobody.cookie])))).credentials).toEqual([]);
  });

  it("offers no certificate link for a suspended or revoked credential, and says why", async () => {
    const holder = await signedIn("TRAINEE");
    for (const [state, why] of [["SUSPENDED", /suspended, so no certificate/], ["REVOKED", /revoked, so no certificate/]] as const) {
      const credential = await issue(holder, { state });
      const data = await json(await call(heldLoader, getRequest(`/credentials/${credential.number}`, [holder.cookie]), { number: credential.number }));
      expect(data.certificateRefusal).toMatch(why);
    }
  });

  it("opens the holder's page for the holder only: 403 for anyone else, 404 for no such credential", async () => {
    const holder = await signedIn("TRAINEE");
    const other = await signedIn("TRAINEE");
    const board = await signedIn("BOARD_MEMBER", "ICRC");
    const credential = await issue(holder);
    const path = `/credentials/${credential.number}`;

    const page = await call(heldLoader, getRequest(path, [holder.cookie]), { number: credential.number });
    expect(page.status).toBe(200);
    const data = await json(page);
    expect(data.status).toBe("active");
    expect(data.certificateRefusal).toBeNull();
    expect(data.events.map((event: { action: string }) => event.action)).toEqual(["Issued"]);

    expect((await call(heldLoader, getRequest(path, [other.cookie]), { number: credential.number })).status).toBe(403);
    expect((await call(heldLoader, getRequest(path, [board.cookie]), { number: credential.number })).status).toBe(403);
    const otherPost = await call(
      heldAction,
      await postRequest(path, { intent: "log-ce", occurredOn: isoDay(daysFromToday(-1)), hours: "2", category: "general", description: "Course", provider: "Someone" }, [other.cookie]),
      { number: credential.number },
    );
    expect(otherPost.status).toBe(403);
    expect(await prisma.ledgerEntry.count({ where: { traineeId: { in: [holder.id, other.id] } } })).toBe(0);

    expect((await call(heldLoader, getRequest("/credentials/ICRC-PR-2030-999999", [holder.cookie]), { number: "ICRC-PR-2030-999999" })).status).toBe(404);
    expect((await call(heldLoader, getRequest("/credentials/nonsense", [holder.cookie]), { number: "nonsense" })).status).toBe(404);
  });

  it("says when renewal opens, and offers the renewal form inside the window", async () => {
    const holder = await signedIn("TRAINEE");
    const later = await issue(holder, { expiresOn: daysFromToday(200) });
    const soon = await issue(holder, { expiresOn: daysFromToday(30) });
    const laterPage = await json(await call(heldLoader, getRequest(`/credentials/${later.number}`, [holder.cookie]), { number: later.number }));
    expect(laterPage).toMatchObject({ renewalOpen: false, renewalOpensOn: isoDay(daysFromToday(110)), expiry: "200 days left", renewable: true });
    const soonPage = await json(await call(heldLoader, getRequest(`/credentials/${soon.number}`, [holder.cookie]), { number: soon.number }));
    expect(soonPage).toMatchObject({ renewalOpen: true, expiry: "30 days left", periodMonths: 24 });
    // The period that ends on the expiry date began 24 months earlier, but this credential was issued
    // only 100 days ago (a short first term): its continuing education counts from the day of issue.
    expect(isoDay(addMonths(daysFromToday(31), -24)) < isoDay(daysFromToday(-100))).toBe(true);
    expect(soonPage.periodStart).toBe(isoDay(daysFromToday(-100)));
  });
});

describe("continuing education", () => {
  async function logCe(person: Person, number: string, fields: Record<string, string> = {}) {
    const response = await call(
      heldAction,
      await postRequest(
        `/credentials/${number}`,
        {
          intent: "log-ce",
          occurredOn: isoDay(daysFromToday(-10)),
          hours: "2",
          category: "ethics",
          description: "Ethics in peer support",
          provider: "State Recovery Institute",
          ...fields,
        },
        [person.cookie],
      ),
      { number },
    );
    return { response, body: response.status === 403 ? null : await json(response) };
  }

  it("refuses a future date, no hours and an unknown category with a message, and records nothing", async () => {
    const holder = await signedIn("TRAINEE");
    const credential = await issue(holder);
    const future = await logCe(holder, credential.number, { occurredOn: isoDay(daysFromToday(2)) });
    expect(future.response.status).toBe(400);
    expect(future.body.errors.occurredOn).toEqual(["The date cannot be in the future"]);
    expect(future.body.formError).toBe("The hours were not logged. Correct the fields marked below.");
    const none = await logCe(holder, credential.number, { hours: "0" });
    expect(none.response.status).toBe(400);
    expect(none.body.errors.hours).toEqual(["Hours must be more than 0"]);
    expect((await logCe(holder, credential.number, { hours: "" })).body.errors.hours).toEqual(["Enter the hours"]);
    expect((await logCe(holder, credential.number, { hours: "1e1" })).body.errors.hours).toEqual(["Enter the hours as a number, like 1.5"]);
    const unknown = await logCe(holder, credential.number, { category: "astrology" });
    expect(unknown.response.status).toBe(400);
    expect(unknown.body.errors.category).toEqual(["Choose one of the categories listed"]);
    const tooFine = await logCe(holder, credential.number, { hours: "1.005" });
    expect(tooFine.body.errors.hours).toEqual(["Enter hours to at most two decimal places, like 1.25"]);
    expect(await prisma.ledgerEntry.count({ where: { traineeId: holder.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { actorId: holder.id, action: "continuing-education.logged" } })).toBe(0);
  });

  it("records self-reported hours as approved CE with a 'created' event, counting toward the renewal verdict", async () => {
    const holder = await signedIn("TRAINEE");
    const credential = await issue(holder);
    const page = async () => json(await call(heldLoader, getRequest(`/credentials/${credential.number}`, [holder.cookie]), { number: credential.number }));

    const before = await page();
    expect(before.verdict.unmet).toEqual(["20 more hours of continuing education", "6 more hours of continuing education in Ethics"]);
    expect(before.categories.map((category: { value: string }) => category.value)).toEqual(["ethics", "general"]);

    const logged = await logCe(holder, credential.number, { hours: "4", category: "ethics" });
    expect(logged.response.status).toBe(200);
    expect(logged.body.notice).toMatch(/^Logged 4 hours of continuing education on /);
    const entry = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: logged.body.entryId }, include: { events: true } });
    expect(entry).toMatchObject({ traineeId: holder.id, kind: "CONTINUING_EDUCATION", status: "APPROVED", source: "LOGGED", ceCategory: "ethics", minutes: 240, provider: "State Recovery Institute" });
    expect(entry.events.map((event) => [event.action, event.toStatus, event.actorId])).toEqual([["created", "APPROVED", holder.id]]);
    expect(await prisma.auditEvent.findFirst({ where: { subjectId: entry.id }, select: { action: true, details: true } })).toEqual({
      action: "continuing-education.logged",
      details: { credentialNumber: credential.number, minutes: 240, ceCategory: "ethics" },
    });
    expect((await logCe(holder, credential.number, { hours: "13.75", category: "general" })).response.status).toBe(200);
    // Before the period began (the day of issue): shown nowhere and not counted.
    await createLedgerEntry(
      prisma,
      { traineeId: holder.id, kind: "CONTINUING_EDUCATION", status: "APPROVED", source: "LOGGED", ceCategory: "ethics", minutes: 600, occurredOn: daysFromToday(-101), description: "Too early", provider: "Old" },
      holder.id,
    );

    const during = await page();
    expect(during.verdict.items).toEqual([
      { key: "total", label: "Continuing education", required: 20, earned: 17.75, met: false, missing: "2.25 more hours of continuing education" },
      { key: "category:ethics", label: "Ethics", required: 6, earned: 4, met: false, missing: "2 more hours of continuing education in Ethics" },
    ]);
    expect(during.ceEntries.map((row: { hours: number; category: string }) => [row.hours, row.category])).toEqual(
      expect.arrayContaining([
        [4, "Ethics"],
        [13.75, "General"],
      ]),
    );
    expect(during.ceEntries).toHaveLength(2);

    expect((await logCe(holder, credential.number, { hours: "2.25", category: "ethics" })).response.status).toBe(200);
    const after = await page();
    expect(after.verdict).toMatchObject({ eligible: true, unmet: [], totalHours: 20 });
  });

  it("refuses CE dated before the renewal period began, saying from when, and stores nothing", async () => {
    const holder = await signedIn("TRAINEE");
    // Issued today for IC&RC's 24 months, so the period (and CE that counts) begins today.
    const credential = await issue(holder, issueDates(TODAY, 24));
    const periodStart = isoDay(TODAY);
    const message = `Continuing education must be dated on or after ${periodStart}, the start of this renewal period`;
    for (const occurredOn of ["2020-01-01", isoDay(daysFromToday(-1))]) {
      const refused = await logCe(holder, credential.number, { occurredOn, category: "general" });
      expect(refused.response.status).toBe(400);
      expect(refused.body.errors.occurredOn).toEqual([message]);
      expect(refused.body.notice).toBeNull();
    }
    expect(await prisma.ledgerEntry.count({ where: { traineeId: holder.id } })).toBe(0);
    const page = await json(await call(heldLoader, getRequest(`/credentials/${credential.number}`, [holder.cookie]), { number: credential.number }));
    expect(page.periodStart).toBe(periodStart);

    // The period's first day itself counts, and the page shows the entry.
    const logged = await logCe(holder, credential.number, { occurredOn: periodStart, hours: "2", category: "general" });
    expect(logged.body.notice).toMatch(/They count toward your renewal now/);
    const after = await json(await call(heldLoader, getRequest(`/credentials/${credential.number}`, [holder.cookie]), { number: credential.number }));
    expect(after.ceEntries).toHaveLength(1);
    expect(after.verdict.totalHours).toBe(2);
  });

  it("stops logging toward a revoked credential", async () => {
    const holder = await signedIn("TRAINEE");
    const credential = await issue(holder, { state: "REVOKED" });
    const refused = await logCe(holder, credential.number);
    expect(refused.response.status).toBe(400);
    expect(refused.body.formError).toBe("This credential is revoked, so continuing education no longer counts toward it.");
    expect(await prisma.ledgerEntry.count({ where: { traineeId: holder.id } })).toBe(0);
  });

  it("stops logging toward an expired credential, and keeps it open for a suspended one", async () => {
    const holder = await signedIn("TRAINEE");
    const expired = await issue(holder, { issuedOn: daysFromToday(-700), expiresOn: daysFromToday(-3) });
    const page = await json(await call(heldLoader, getRequest(`/credentials/${expired.number}`, [holder.cookie]), { number: expired.number }));
    expect(page.continuingEducationClosed).toMatch(/^This credential has expired, so continuing education no longer counts toward it\./);
    const refused = await logCe(holder, expired.number);
    expect(refused.response.status).toBe(400);
    expect(refused.body.formError).toBe(page.continuingEducationClosed);
    expect(await prisma.ledgerEntry.count({ where: { traineeId: holder.id } })).toBe(0);

    const suspended = await issue(holder, { state: "SUSPENDED" });
    const suspendedPage = await json(await call(heldLoader, getRequest(`/credentials/${suspended.number}`, [holder.cookie]), { number: suspended.number }));
    expect(suspendedPage.continuingEducationClosed).toBeNull();
    expect((await logCe(holder, suspended.number)).body.notice).toMatch(/They count toward your renewal now/);
    expect(await prisma.ledgerEntry.count({ where: { traineeId: holder.id } })).toBe(1);
  });
});

describe("the board's credential management", () => {
  async function act(person: Person, number: string, fields: Record<string, string>) {
    const response = await call(boardCredentialAction, await postRequest(`/board/credentials/${number}`, fields, [person.cookie]), { number });
    return { response, body: response.status === 403 ? null : await json(response) };
  }
  const stateOf = async (number: string) => (await prisma.credential.findUniqueOrThrow({ where: { number }, select: { state: true } })).state;
  const eventsOf = async (number: string) =>
    (await prisma.credentialEvent.findMany({ where: { credential: { number } }, orderBy: { createdAt: "asc" } })).map((event) => [event.action, event.reason]);

  it("suspends with a reason, reinstates and revokes, keeping the history and an audit trail", async () => {
    const board = await signedIn("BOARD_MEMBER", "ICRC");
    const holder = await signedIn("TRAINEE");
    const { number, id } = await issue(holder);

    const page = await call(boardCredentialLoader, getRequest(`/board/credentials/${number}`, [board.cookie]), { number });
    expect(page.status).toBe(200);
    const details = await json(page);
    expect(details.credential).toMatchObject({ number, holderEmail: expect.stringContaining("@example.org"), credentialName: "Peer Recovery (PR)", state: "ACTIVE" });
    expect(details.credential.applicationId).toEqual(expect.any(String));

    const noReason = await act(board, number, { intent: "suspend", reason: "" });
    expect(noReason.response.status).toBe(400);
    expect(noReason.body.errors.reason[0]).toMatch(/Give a reason/);
    expect(await stateOf(number)).toBe("ACTIVE");

    const suspended = await act(board, number, { intent: "suspend", reason: "Complaint under investigation" });
    expect(suspended.response.status).toBe(200);
    expect(suspended.body.notice).toBe(`Credential ${number} suspended. The public verification page shows this now.`);
    expect(await prisma.credential.findUniqueOrThrow({ where: { number } })).toMatchObject({ state: "SUSPENDED", stateReason: "Complaint under investigation" });
    const holderView = await json(await call(heldLoader, getRequest(`/credentials/${number}`, [holder.cookie]), { number }));
    expect(holderView).toMatchObject({ status: "suspended", renewalOpen: false });

    expect((await act(board, number, { intent: "suspend", reason: "Twice over" })).response.status).toBe(409);
    expect((await act(board, number, { intent: "reinstate", reason: "Investigation closed, no finding" })).response.status).toBe(200);
    expect(await stateOf(number)).toBe("ACTIVE");

    const unconfirmed = await act(board, number, { intent: "revoke", reason: "Gross misconduct established" });
    expect(unconfirmed.response.status).toBe(400);
    expect(unconfirmed.body.errors.confirm[0]).toMatch(/revocation is final/);
    expect(await stateOf(number)).toBe("ACTIVE");
    expect((await act(board, number, { intent: "revoke", reason: "Gross misconduct established", confirm: "yes" })).response.status).toBe(200);
    expect(await stateOf(number)).toBe("REVOKED");

    const reinstate = await act(board, number, { intent: "reinstate", reason: "Changed our minds" });
    expect(reinstate.response.status).toBe(409);
    expect(reinstate.body.formError).toBe("This credential is revoked; a revocation is final.");
    expect(await stateOf(number)).toBe("REVOKED");

    expect(await eventsOf(number)).toEqual([
      ["issued", null],
      ["suspended", "Complaint under investigation"],
      ["reinstated", "Investigation closed, no finding"],
      ["revoked", "Gross misconduct established"],
    ]);
    const audit = await prisma.auditEvent.findMany({ where: { subjectType: "Credential", subjectId: id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((event) => [event.action, event.actorId])).toEqual([
      ["credential.suspended", board.id],
      ["credential.reinstated", board.id],
      ["credential.revoked", board.id],
    ]);
  });

  it("will not suspend an expired credential, offering only to revoke it, and changes nothing", async () => {
    const board = await signedIn("BOARD_MEMBER", "ICRC");
    const { number } = await issue(await signedIn("TRAINEE"), { issuedOn: daysFromToday(-800), expiresOn: daysFromToday(-1) });

    const page = await json(await call(boardCredentialLoader, getRequest(`/board/credentials/${number}`, [board.cookie]), { number }));
    expect(page).toMatchObject({ status: "expired", allowed: ["revoke"] });

    const refused = await act(board, number, { intent: "suspend", reason: "Complaint under investigation" });
    expect(refused.response.status).toBe(409);
    expect(refused.body.formError).toBe("This credential has expired, so there is nothing to suspend. To withdraw it for good, revoke it.");
    expect(await stateOf(number)).toBe("ACTIVE");
    expect(await eventsOf(number)).toEqual([["issued", null]]);
  });

  it("refuses a board member of another jurisdiction with 403 and changes nothing", async () => {
    const kentuckyBoard = await signedIn("BOARD_MEMBER", "KY");
    const holder = await signedIn("TRAINEE");
    const { number } = await issue(holder);
    expect((await call(boardCredentialLoader, getRequest(`/board/credentials/${number}`, [kentuckyBoard.cookie]), { number })).status).toBe(403);
    expect((await act(kentuckyBoard, number, { intent: "suspend", reason: "Not ours to suspend" })).response.status).toBe(403);
    expect((await act(kentuckyBoard, number, { intent: "revoke", reason: "Not ours to revoke", confirm: "yes" })).response.status).toBe(403);
    expect(await stateOf(number)).toBe("ACTIVE");
    expect(await eventsOf(number)).toEqual([["issued", null]]);
    // The holder cannot manage their own credential either.
    expect((await act(holder, number, { intent: "suspend", reason: "Taking a break" })).response.status).toBe(403);
    expect((await call(boardCredentialLoader, getRequest("/board/credentials/ICRC-PR-2030-999999", [kentuckyBoard.cookie]), { number: "ICRC-PR-2030-999999" })).status).toBe(404);
  });

  it("emails the holder a suspension once, with the board's reason, and nothing for a refused action", async () => {
    const board = await signedIn("BOARD_MEMBER", "ICRC");
    const holder = await signedIn("TRAINEE");
    const { email } = await prisma.user.findUniqueOrThrow({ where: { id: holder.id }, select: { email: true } });
    const { number } = await issue(holder);
    const mailTo = () => prisma.outboxMessage.findMany({ where: { toEmail: email }, orderBy: { createdAt: "asc" } });

    expect((await act(board, number, { intent: "reinstate", reason: "Nothing to reinstate" })).response.status).toBe(409);
    expect((await act(board, number, { intent: "suspend", reason: "" })).response.status).toBe(400);
    expect(await mailTo()).toEqual([]);

    expect((await act(board, number, { intent: "suspend", reason: "Complaint under investigation" })).response.status).toBe(200);
    const [message, ...more] = await mailTo();
    expect(more).toEqual([]);
    expect(message!.subject).toBe(`Suspended: your Peer Recovery (PR) credential ${number}`);
    expect(message!.body).toContain("The board's reason: Complaint under investigation");
    expect(message!.body).toContain(`its public verification page shows "Suspended"`);
    expect(message!.body).toContain(`/verify/${number}`);

    // Suspending again is refused and sends nothing more.
    expect((await act(board, number, { intent: "suspend", reason: "Twice over" })).response.status).toBe(409);
    expect(await mailTo()).toHaveLength(1);
  });

  it("lets only one of two simultaneous suspensions through", async () => {
    const board = await signedIn("BOARD_MEMBER", "ICRC");
    const grants = [{ role: "BOARD_MEMBER" as const, jurisdictionId: icrc.jurisdictionId }];
    const { number } = await issue(await signedIn("TRAINEE"));
    const outcomes = await Promise.allSettled([
      // Whichever comes second finds the credential changed (or already suspended) and changes nothing.
      changeCredentialState(number, { id: board.id, grants }, "suspend", "First reviewer"),
      changeCredentialState(number, { id: board.id, grants }, "suspend", "Second reviewer"),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(CredentialProblem);
    expect(refused.reason.status).toBe(409);
    expect((await eventsOf(number)).length).toBe(2);
  });

  it("lists the board's own jurisdictions' credentials, paginated, filtered by computed status and searched", async () => {
    const board = await signedIn("BOARD_MEMBER", "ICRC");
    const holders = await Promise.all([signedIn("TRAINEE"), signedIn("TRAINEE")]);
    // Earlier tests in this file issued IC&RC credentials too: count from what is there now.
    const already = await prisma.credential.count({ where: { jurisdictionId: icrc.jurisdictionId } });
    const alreadyExpired = await prisma.credential.count({ where: { jurisdictionId: icrc.jurisdictionId, state: "ACTIVE", expiresOn: { lt: TODAY } } });
    for (let index = 0; index < 26; index++) await issue(holders[index % 2]!, { holderName: `Batch Holder ${index}` });
    const lapsed = await issue(holders[0]!, { holderName: "Lapsed Lucy", issuedOn: daysFromToday(-800), expiresOn: daysFromToday(-1) });
    const lastDay = await issue(holders[0]!, { holderName: "Last-day Larry", expiresOn: TODAY });
    const suspendedLapsed = await issue(holders[1]!, { holderName: "Suspended Sam", issuedOn: daysFromToday(-800), expiresOn: daysFromToday(-5), state: "SUSPENDED" });
    const kentuckyOne = await issue(holders[1]!, { of: "kentucky", holderName: "Kentucky Kim" });

    const list = async (query = "") => {
      const response = await call(boardListLoader, getRequest(`/board/credentials${query}`, [board.cookie]));
      expect(response.status).toBe(200);
      return json(response);
    };
    const first = await list();
    const total = already + 29;
    expect(first.total).toBe(total);
    expect(first.rows).toHaveLength(25);
    expect(first.pages).toBe(Math.ceil(total / 25));
    const second = await list("?page=2");
    expect(second.rows).toHaveLength(total - 25);
    const numbers = [...first.rows, ...second.rows].map((row: { number: string }) => row.number);
    expect(new Set(numbers).size).toBe(total);
    expect(numbers).not.toContain(kentuckyOne.number);
    // Nonsense pages fall back to the first.
    expect((await list("?page=abc")).page).toBe(1);

    const expired = await list("?status=expired");
    expect(expired.total).toBe(alreadyExpired + 1);
    expect(expired.rows.map((row: { number: string }) => row.number)).toContain(lapsed.number);
    expect(expired.rows.every((row: { status: string }) => row.status === "expired")).toBe(true);
    const active = (await list("?status=active&q=Last-day")).rows;
    expect(active.map((row: { number: string; status: string }) => [row.number, row.status])).toEqual([[lastDay.number, "active"]]);
    const suspended = await list("?status=suspended");
    // An earlier test in this file suspends one too; a suspension outranks expiry.
    expect(suspended.rows.map((row: { number: string; status: string }) => [row.number, row.status])).toContainEqual([suspendedLapsed.number, "suspended"]);
    expect(suspended.rows.every((row: { status: string }) => row.status === "suspended")).toBe(true);

    expect((await list("?q=lapsed%20lucy")).rows.map((row: { number: string }) => row.number)).toEqual([lapsed.number]);
    expect((await list(`?q=${lapsed.number.toLowerCase()}`)).rows.map((row: { number: string }) => row.number)).toEqual([lapsed.number]);
    expect((await list("?q=Kentucky%20Kim")).total).toBe(0);

    const badStatus = await call(boardListLoader, getRequest("/board/credentials?status=lost", [board.cookie]));
    expect(badStatus.status).toBe(400);
    expect(await badStatus.text()).toBe("Choose a status from the list");

    const kentuckyBoard = await signedIn("BOARD_MEMBER", "KY");
    const theirs = await json(await call(boardListLoader, getRequest("/board/credentials?q=Kentucky", [kentuckyBoard.cookie])));
    expect(theirs.rows.map((row: { number: string }) => row.number)).toEqual([kentuckyOne.number]);
  });

  it("searches the name on the credential and its number in any case, with or without accents, % and _ as typed", async () => {
    const board = await signedIn("BOARD_MEMBER", "ICRC");
    const holder = await signedIn("TRAINEE");
    const emile = await issue(holder, { holderName: "Émile Zoë" });
    for (const holderName of ["Łukasz Nowak", "Anna Straße", "Under_Score 50%"]) await issue(holder, { holderName });
    const found = async (q: string) => {
      const response = await call(boardListLoader, getRequest(`/board/credentials?q=${encodeURIComponent(q)}`, [board.cookie]));
      expect(response.status).toBe(200);
      return ((await json(response)) as { rows: { holderName: string }[] }).rows.map((row) => row.holderName);
    };

    for (const q of ["EMILE", "emile", "émile", "ÉMILE", "zoe"]) expect(await found(q), q).toEqual(["Émile Zoë"]);
    for (const q of ["Lukasz", "LUKASZ", "łukasz"]) expect(await found(q), q).toEqual(["Łukasz Nowak"]);
    for (const q of ["strasse", "STRASSE", "Straße"]) expect(await found(q), q).toEqual(["Anna Straße"]);
    // % and _ are characters to look for, not wildcards matching every credential.
    expect(await found("_")).toEqual(["Under_Score 50%"]);
    expect(await found("%")).toEqual(["Under_Score 50%"]);
    expect(await found("n_e")).toEqual([]);
    // Part of the number, in any case (a whole number is looked up as it is).
    expect(await found(emile.number.slice(5).toLowerCase())).toEqual(["Émile Zoë"]);
  });

  it("is for board members only", async () => {
    const trainee = await signedIn("TRAINEE");
    const admin = await signedIn("ADMIN");
    expect((await call(boardListLoader, getRequest("/board/credentials", [trainee.cookie]))).status).toBe(403);
    expect((await call(boardListLoader, getRequest("/board/credentials", [admin.cookie]))).status).toBe(403);
  });
});
