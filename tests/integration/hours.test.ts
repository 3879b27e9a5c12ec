import { describe, expect, it } from "vitest";
import type { Role } from "~/domain/roles";
import { createLedgerEntry, ledgerForEligibility, minutesOnDay } from "~/models/ledger.server";
import { createUser } from "~/models/user.server";
import { action as boardAction, loader as boardLoader } from "~/routes/board.external-training";
import { loader as documentLoader } from "~/routes/documents.$documentId";
import { action as entryAction, loader as entryLoader } from "~/routes/hours.$entryId";
import { action as hoursAction, loader as hoursLoader } from "~/routes/hours._index";
import { action as supervisorAction, loader as supervisorLoader } from "~/routes/supervisor._index";
import { databasePool, prisma } from "~/utils/db.server";
import { pastLastPageText } from "~/utils/pagination";
import { BASE, call, chromiumMultipart, chromiumUpload, credentialWithRequirement, csrf, getRequest, jurisdiction, postRequest, sessionCookie, testRequirement, uniqueEmail, userWithRole } from "./helpers";

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

const PDF_BYTES = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
// The first bytes of a PNG and of a Windows program: enough for the type to be sniffed.
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
const EXE_BYTES = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(48).fill(0)]);

/**
 * Waits until `count` sessions of this database wait for a lock (at most 10 s). Asked outside any
 * transaction: PostgreSQL shows a transaction the same pg_stat_activity snapshot throughout.
 */
async function waitForBlockedBackends(count: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await databasePool.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND state = 'active'`,
    );
    if (rows[0]!.waiting >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`fewer than ${count} sessions waited for a lock`);
}

async function signedIn(role: Role, jurisdictionCode?: string) {
  const user = await userWithRole(role, jurisdictionCode);
  return { ...user, cookie: await sessionCookie(user.id) };
}

type Person = { id: string; cookie: string };

async function logHours(trainee: Person, fields: Record<string, string>) {
  const response = await call(
    hoursAction,
    await postRequest(
      "/hours",
      {
        intent: "log",
        kind: "SUPERVISED",
        occurredOn: day(3),
        hours: "2",
        setting: "Hope Recovery Centre",
        description: "Co-facilitated a peer support group",
        ...fields,
      },
      [trainee.cookie],
    ),
  );
  return { response, body: response.status === 403 ? null : await response.json() };
}

/** A multipart post, as the claim form sends it, with a valid CSRF token. */
async function claimRequest(fields: Record<string, string>, certificate: File | null, cookies: string[], headers: Record<string, string> = {}) {
  const token = await csrf();
  const body = new FormData();
  body.set("csrf", token.token);
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  if (certificate) body.set("certificate", certificate);
  return new Request(`${BASE}/hours`, { method: "POST", body, headers: { Cookie: [token.cookie, ...cookies].join("; "), ...headers } });
}

async function claimTraining(trainee: Person, jurisdictionId: string, certificate: File | null, headers?: Record<string, string>) {
  const fields = {
    intent: "claim",
    occurredOn: day(20),
    hours: "6",
    courseDomain: "ethical-responsibility",
    provider: "State Recovery Institute",
    description: "Ethics in peer support",
    jurisdictionId,
  };
  const response = await call(hoursAction, await claimRequest(fields, certificate, [trainee.cookie], headers));
  return { response, body: await response.json() };
}

async function decide(handler: typeof supervisorAction, reviewer: Person, entryId: string, decision: string, comment = "") {
  const response = await call(handler, await postRequest("/supervisor", { entryId, decision, comment }, [reviewer.cookie]));
  return { response, body: await response.json().catch(() => null) };
}

const statusOf = async (entryId: string) => (await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: entryId } })).status;

describe("logging practice hours", () => {
  it("records pending hours for the named supervisor, with a 'created' event", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    const { response, body } = await logHours(trainee, { supervisorId: supervisor.id, hours: "2.5" });
    expect(response.status).toBe(200);
    expect(body.notice).toMatch(/Logged 2.5 hours on .* They now wait for Test supervisor to review them\./);
    const entry = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: body.entryId }, include: { events: true } });
    expect(entry).toMatchObject({ traineeId: trainee.id, kind: "SUPERVISED", source: "LOGGED", status: "PENDING", minutes: 150, supervisorId: supervisor.id });
    expect(entry.events.map((event) => [event.action, event.toStatus, event.actorId])).toEqual([["created", "PENDING", trainee.id]]);
  });

  it("refuses negative hours, a future date and quarter-hour slips, and records nothing", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    const negative = await logHours(trainee, { supervisorId: supervisor.id, hours: "-2" });
    expect(negative.response.status).toBe(400);
    expect(negative.body.errors.hours).toEqual(["Hours must be more than 0"]);
    const future = await logHours(trainee, { supervisorId: supervisor.id, occurredOn: day(-2) });
    expect(future.response.status).toBe(400);
    expect(future.body.errors.occurredOn).toEqual(["The date cannot be in the future"]);
    const odd = await logHours(trainee, { supervisorId: supervisor.id, hours: "1.1" });
    expect(odd.body.errors.hours).toEqual(["Use quarter hours (0.25, 0.5, 0.75, ...)"]);
    // Number() would read these as 10 and 2 hours; a blank field is asked for, not called 0.
    for (const [hours, message] of [
      ["1e1", "Enter the hours as a number, like 1.5"],
      ["0x2", "Enter the hours as a number, like 1.5"],
      ["", "Enter the hours"],
    ] as const) {
      const refused = await logHours(trainee, { supervisorId: supervisor.id, hours });
      expect(refused.response.status).toBe(400);
      expect(refused.body.errors.hours).toEqual([message]);
    }
    expect(await prisma.ledgerEntry.count({ where: { traineeId: trainee.id } })).toBe(0);
  });

  it("answers an empty or malformed date with one message, on the log and the claim forms alike", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    const board = await jurisdiction("KY");
    const pdf = () => new File([PDF_BYTES], "certificate.pdf", { type: "application/pdf" });
    for (const [occurredOn, message] of [
      ["", "Enter the date"],
      ["27/11/2026", "Enter the date as YYYY-MM-DD"],
    ]) {
      const logged = await logHours(trainee, { supervisorId: supervisor.id, occurredOn: occurredOn! });
      expect(logged.response.status).toBe(400);
      expect(logged.body.errors.occurredOn).toEqual([message]);
      const fields = { intent: "claim", occurredOn: occurredOn!, hours: "6", courseDomain: "", provider: "State Recovery Institute", description: "Ethics in peer support", jurisdictionId: board.id };
      const claimed = await call(hoursAction, await claimRequest(fields, pdf(), [trainee.cookie]));
      expect(claimed.status).toBe(400);
      expect((await claimed.json()).errors.occurredOn).toEqual([message]);
    }
    expect(await prisma.ledgerEntry.count({ where: { traineeId: trainee.id } })).toBe(0);
  });

  it("asks in words for the course domain of a claim posted without one, and records nothing", async () => {
    const trainee = await signedIn("TRAINEE");
    const board = await jurisdiction("KY");
    const fields = { intent: "claim", occurredOn: day(20), hours: "6", provider: "State Recovery Institute", description: "Ethics in peer support", jurisdictionId: board.id };
    const claimed = await call(hoursAction, await claimRequest(fields, new File([PDF_BYTES], "certificate.pdf", { type: "application/pdf" }), [trainee.cookie]));
    expect(claimed.status).toBe(400);
    expect((await claimed.json()).errors).toEqual({ courseDomain: ["Choose the domain the training covered, or None or several"] });
    expect(await prisma.ledgerEntry.count({ where: { traineeId: trainee.id } })).toBe(0);
  });

  it("refuses more than 24 hours on one day across two entries, but allows exactly 24", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    expect((await logHours(trainee, { supervisorId: supervisor.id, hours: "20", occurredOn: day(4) })).response.status).toBe(200);
    const over = await logHours(trainee, { supervisorId: supervisor.id, hours: "4.25", occurredOn: day(4), kind: "EXPERIENCE" });
    expect(over.response.status).toBe(400);
    expect(over.body.errors.hours[0]).toBe(
      "That would make more than 24 hours on one day: you have already logged 20 hours that day, so at most 4 more.",
    );
    expect(over.body.formError).toBe(over.body.errors.hours[0]);
    expect((await logHours(trainee, { supervisorId: supervisor.id, hours: "4", occurredOn: day(4) })).response.status).toBe(200);
    expect(await minutesOnDay(trainee.id, new Date(`${day(4)}T00:00:00Z`))).toBe(24 * 60);
  });

  it("takes two posts racing for the last hours of one day one after the other: the second is refused", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    // Force the race: hold every write to the ledger until both posts are under way, so each would
    // have read the day's total before either wrote (reads are not blocked by this lock).
    const holder = await databasePool.connect();
    try {
      await holder.query(`BEGIN`);
      await holder.query(`LOCK TABLE "LedgerEntry" IN EXCLUSIVE MODE`);
      const posts = [1, 2].map(() => logHours(trainee, { supervisorId: supervisor.id, hours: "13", occurredOn: day(5) }));
      await waitForBlockedBackends(2);
      await holder.query(`COMMIT`);
      const results = await Promise.all(posts);
      expect(results.map((result) => result.response.status).sort()).toEqual([200, 400]);
      expect(results.find((result) => result.response.status === 400)!.body.errors.hours[0]).toBe(
        "That would make more than 24 hours on one day: you have already logged 13 hours that day, so at most 11 more.",
      );
    } finally {
      await holder.query(`ROLLBACK`).catch(() => {});
      holder.release();
    }
    expect(await minutesOnDay(trainee.id, new Date(`${day(5)}T00:00:00Z`))).toBe(13 * 60);
  });

  it("needs a supervisor who holds the role and is not the trainee", async () => {
    const trainee = await signedIn("TRAINEE");
    const instructor = await signedIn("INSTRUCTOR");
    const notSupervisor = await logHours(trainee, { supervisorId: instructor.id });
    expect(notSupervisor.response.status).toBe(400);
    expect(notSupervisor.body.errors.supervisorId).toEqual(["Choose your supervisor from the list."]);

    const both = await createUser({
      email: uniqueEmail("both"),
      name: "Trainee and supervisor",
      password: "correct horse battery",
      roles: [{ role: "TRAINEE" }, { role: "SUPERVISOR" }],
    });
    const self = await logHours({ id: both.id, cookie: await sessionCookie(both.id) }, { supervisorId: both.id });
    expect(self.response.status).toBe(400);
    expect(self.body.errors.supervisorId[0]).toMatch(/You cannot supervise your own hours/);
  });

  it("is for trainees only", async () => {
    const supervisor = await signedIn("SUPERVISOR");
    const other = await signedIn("SUPERVISOR");
    const { response } = await logHours(supervisor, { supervisorId: other.id });
    expect(response.status).toBe(403);
  });
});

describe("supervisor decisions", () => {
  async function pendingEntry() {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    const { body } = await logHours(trainee, { supervisorId: supervisor.id });
    return { trainee, supervisor, entryId: body.entryId as string };
  }

  it("shows the named supervisor their queue, oldest first", async () => {
    const { trainee, supervisor, entryId } = await pendingEntry();
    const second = await logHours(trainee, { supervisorId: supervisor.id, occurredOn: day(1) });
    const queue = await (await call(supervisorLoader, getRequest("/supervisor", [supervisor.cookie]))).json();
    expect(queue.entries.map((entry: { id: string }) => entry.id)).toEqual([entryId, second.body.entryId]);
    const elsewhere = await signedIn("SUPERVISOR");
    expect((await (await call(supervisorLoader, getRequest("/supervisor", [elsewhere.cookie]))).json()).entries).toEqual([]);
  });

  it("refuses a trainee approving anything (403)", async () => {
    const { trainee, entryId } = await pendingEntry();
    expect((await decide(supervisorAction, trainee, entryId, "approve")).response.status).toBe(403);
    expect((await decide(boardAction, trainee, entryId, "approve")).response.status).toBe(403);
    expect(await statusOf(entryId)).toBe("PENDING");
  });

  it("refuses a supervisor who was not named", async () => {
    const { entryId } = await pendingEntry();
    const stranger = await signedIn("SUPERVISOR");
    const { response, body } = await decide(supervisorAction, stranger, entryId, "approve");
    expect(response.status).toBe(403);
    expect(body.formError).toBe("Only the supervisor the trainee named can decide on these hours.");
    expect(await statusOf(entryId)).toBe("PENDING");
  });

  it("refuses a supervisor approving their own hours", async () => {
    const both = await createUser({
      email: uniqueEmail("self-approver"),
      name: "Self approver",
      password: "correct horse battery",
      roles: [{ role: "TRAINEE" }, { role: "SUPERVISOR" }],
    });
    // The form never lets a trainee name themself; an entry that does anyway must still not be approvable.
    const entry = await createLedgerEntry(
      prisma,
      { traineeId: both.id, kind: "SUPERVISED", source: "LOGGED", status: "PENDING", minutes: 60, occurredOn: new Date(`${day(2)}T00:00:00Z`), description: "Own work", supervisorId: both.id },
      both.id,
    );
    const { response, body } = await decide(supervisorAction, { id: both.id, cookie: await sessionCookie(both.id) }, entry.id, "approve");
    expect(response.status).toBe(403);
    expect(body.formError).toBe("You cannot approve or reject your own hours.");
    expect(await statusOf(entry.id)).toBe("PENDING");
  });

  it("needs a comment to reject or request changes, and refuses a second decision", async () => {
    const { trainee, supervisor, entryId } = await pendingEntry();
    const bare = await decide(supervisorAction, supervisor, entryId, "reject");
    expect(bare.response.status).toBe(400);
    expect(bare.body.errors.comment[0]).toMatch(/Say why you are rejecting/);
    expect((await decide(supervisorAction, supervisor, entryId, "request-changes", " ")).body.errors.comment[0]).toMatch(/Say what needs to change/);
    expect(await statusOf(entryId)).toBe("PENDING");
    expect((await decide(supervisorAction, supervisor, entryId, "reject", "This was not supervised work.")).response.status).toBe(200);
    expect(await statusOf(entryId)).toBe("REJECTED");
    // The entry's page says so above everything else, with the reason, to the trainee and the supervisor alike;
    // the supervisor has their way back to their queue.
    for (const person of [trainee, supervisor]) {
      const page = await (await call(entryLoader, getRequest(`/hours/${entryId}`, [person.cookie]), { entryId })).json();
      expect(page.reviewNotice).toEqual({ lead: "Test supervisor rejected these hours:", comment: "This was not supervised work." });
    }
    const supervisorPage = await (await call(entryLoader, getRequest(`/hours/${entryId}`, [supervisor.cookie]), { entryId })).json();
    expect(supervisorPage.back).toEqual({ to: "/supervisor", label: "Back to Supervision" });
    const again = await decide(supervisorAction, supervisor, entryId, "approve");
    expect(again.response.status).toBe(409);
    expect(again.body.formError).toBe("This entry is no longer waiting for a decision.");
  });

  it("hours sent back for changes head the trainee's Hours page until resubmitted, whatever page of the list they are on", async () => {
    const { trainee, supervisor, entryId } = await pendingEntry();
    const hoursPage = async () => (await call(hoursLoader, getRequest("/hours?page=2", [trainee.cookie]))).json();
    expect((await hoursPage()).toCorrect).toEqual([]);

    await decide(supervisorAction, supervisor, entryId, "request-changes", "Please name the group you co-facilitated.");
    expect((await hoursPage()).toCorrect).toEqual([
      { id: entryId, what: `2 hours of supervised practice on ${day(3)}`, supervisor: "Test supervisor", comment: "Please name the group you co-facilitated." },
    ]);

    const corrected = { intent: "resubmit", occurredOn: day(3), hours: "2", setting: "Hope Recovery Centre", description: "Co-facilitated the Tuesday group" };
    expect((await call(entryAction, await postRequest(`/hours/${entryId}`, corrected, [trainee.cookie]), { entryId })).status).toBe(200);
    expect((await hoursPage()).toCorrect).toEqual([]);
  });

  it("request changes, resubmit, approve: every step is in the history", async () => {
    const { trainee, supervisor, entryId } = await pendingEntry();
    const asked = await decide(supervisorAction, supervisor, entryId, "request-changes", "Please name the group you co-facilitated.");
    expect(asked.response.status).toBe(200);
    expect(asked.body.notice).toBe("Asked for changes to Test trainee's 2 hours.");
    expect(await statusOf(entryId)).toBe("CHANGES_REQUESTED");

    const page = await (await call(entryLoader, getRequest(`/hours/${entryId}`, [trainee.cookie]), { entryId })).json();
    expect(page).toMatchObject({ canResubmit: true, entry: { reviewComment: "Please name the group you co-facilitated." } });

    // The supervisor cannot resubmit on the trainee's behalf; the trainee's corrections are checked like a new log.
    const corrected = { occurredOn: day(3), hours: "2.25", setting: "Hope Recovery Centre", description: "Co-facilitated the Tuesday SMART Recovery group" };
    const byStranger = await call(entryAction, await postRequest(`/hours/${entryId}`, { intent: "resubmit", ...corrected }, [supervisor.cookie]), { entryId });
    expect(byStranger.status).toBe(403);
    const tooMany = await call(entryAction, await postRequest(`/hours/${entryId}`, { intent: "resubmit", ...corrected, hours: "30" }, [trainee.cookie]), { entryId });
    expect(tooMany.status).toBe(400);
    const done = await call(
      entryAction,
      await postRequest(`/hours/${entryId}`, { intent: "resubmit", ...corrected, comment: "Added the group's name." }, [trainee.cookie]),
      { entryId },
    );
    expect(done.status).toBe(200);
    expect(await statusOf(entryId)).toBe("PENDING");
    const twice = await call(entryAction, await postRequest(`/hours/${entryId}`, { intent: "resubmit", ...corrected }, [trainee.cookie]), { entryId });
    expect(twice.status).toBe(409);

    expect((await decide(supervisorAction, supervisor, entryId, "approve")).response.status).toBe(200);
    const entry = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: entryId } });
    expect(entry).toMatchObject({ status: "APPROVED", minutes: 135, description: corrected.description, reviewedById: supervisor.id });

    const history = (await (await call(entryLoader, getRequest(`/hours/${entryId}`, [trainee.cookie]), { entryId })).json()).history;
    expect(history.map((event: { action: string; fromStatus: string | null; toStatus: string; comment: string | null; actor: { name: string } }) => [
      event.action,
      event.fromStatus,
      event.toStatus,
      event.actor.name,
      event.comment,
    ])).toEqual([
      ["created", null, "PENDING", "Test trainee", null],
      ["changes-requested", "PENDING", "CHANGES_REQUESTED", "Test supervisor", "Please name the group you co-facilitated."],
      ["resubmitted", "CHANGES_REQUESTED", "PENDING", "Test trainee", "Added the group's name."],
      ["approved", "PENDING", "APPROVED", "Test supervisor", null],
    ]);
    expect(await prisma.auditEvent.count({ where: { subjectType: "LedgerEntry", subjectId: entryId } })).toBe(4);
  });
});

/** Makes the trainee work toward a credential of the jurisdiction, as choosing it on the progress page does. */
async function worksToward(trainee: Person, jurisdictionCode: string) {
  const { id } = await jurisdiction(jurisdictionCode);
  const credentialType = await credentialWithRequirement(id, uniqueEmail("cred"), "Test credential", testRequirement(jurisdictionCode, "CRED"));
  await prisma.traineeGoal.create({ data: { traineeId: trainee.id, credentialTypeId: credentialType.id } });
}

describe("the entry page", () => {
  it("is for the trainee, the named supervisor, the boards of the trainee's jurisdictions and administrators; others 403, unknown 404", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    await worksToward(trainee, "ANYJ");
    const { body } = await logHours(trainee, { supervisorId: supervisor.id });
    const entryId = body.entryId as string;
    const open = async (person: Person, id = entryId) => (await call(entryLoader, getRequest(`/hours/${id}`, [person.cookie]), { entryId: id })).status;
    for (const person of [trainee, supervisor, await signedIn("BOARD_MEMBER", "ANYJ"), await signedIn("ADMIN")]) expect(await open(person)).toBe(200);
    const unrelatedBoard = await signedIn("BOARD_MEMBER", "UNRELATEDJ");
    for (const person of [await signedIn("TRAINEE"), await signedIn("SUPERVISOR"), await signedIn("INSTRUCTOR"), unrelatedBoard]) expect(await open(person)).toBe(403);
    expect(await open(trainee, "no-such-entry")).toBe(404);
    expect(await open(trainee, "../../etc")).toBe(404);
  });

  it("opens to a board asked to review a claim that claim only, not the trainee's other entries", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    const { id: reviewingId } = await jurisdiction("REVIEWJ");
    const claim = (await claimTraining(trainee, reviewingId, new File([PDF_BYTES], "ethics.pdf", { type: "application/pdf" }))).body.entryId as string;
    const logged = (await logHours(trainee, { supervisorId: supervisor.id })).body.entryId as string;
    const board = await signedIn("BOARD_MEMBER", "REVIEWJ");
    const open = async (id: string) => (await call(entryLoader, getRequest(`/hours/${id}`, [board.cookie]), { entryId: id })).status;
    expect(await open(claim)).toBe(200);
    expect(await open(logged)).toBe(403);
  });

  it("lets a board void hours only of trainees tied to its jurisdiction; another board is refused and nothing changes", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    await worksToward(trainee, "OURSJ");
    const { body } = await logHours(trainee, { supervisorId: supervisor.id });
    const entryId = body.entryId as string;
    const voidAs = async (person: Person) =>
      call(entryAction, await postRequest(`/hours/${entryId}`, { intent: "void", reason: "Looks like a duplicate shift" }, [person.cookie]), { entryId });

    const theirs = await voidAs(await signedIn("BOARD_MEMBER", "THEIRSJ"));
    expect(theirs.status).toBe(403);
    expect((await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: entryId } })).status).toBe("PENDING");
    expect((await voidAs(await signedIn("BOARD_MEMBER", "OURSJ"))).status).toBe(200);
    expect((await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: entryId } })).status).toBe("VOIDED");
  });

  it("lists every source in the trainee's ledger, newest first", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    await createLedgerEntry(
      prisma,
      { traineeId: trainee.id, kind: "TRAINING", source: "MODULE_COMPLETION", status: "APPROVED", minutes: 180, courseDomain: "advocacy", occurredOn: new Date(`${day(1)}T00:00:00Z`), description: "A module" },
      null,
    );
    await logHours(trainee, { supervisorId: supervisor.id, occurredOn: day(5) });
    const ledger = await (await call(hoursLoader, getRequest("/hours", [trainee.cookie]))).json();
    expect(ledger.entries.map((entry: { source: string }) => entry.source)).toEqual(["MODULE_COMPLETION", "LOGGED"]);
    expect(ledger.supervisors.map((choice: { id: string }) => choice.id)).toContain(supervisor.id);

    // A page past the last: no rows, and the page says so instead of "No hours yet".
    const beyond = await (await call(hoursLoader, getRequest("/hours?page=999", [trainee.cookie]))).json();
    expect(beyond).toMatchObject({ entries: [], page: 999, pages: 1, total: 2 });
    expect(pastLastPageText(beyond.page, beyond.total)).toBe("Page 999 is past the end of this list, which has 1 page.");
  });
});

describe("voiding", () => {
  it("keeps the entry and its history, and the hours stop counting", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    const admin = await signedIn("ADMIN");
    const { body } = await logHours(trainee, { supervisorId: supervisor.id, hours: "20", occurredOn: day(6) });
    const entryId = body.entryId as string;
    await decide(supervisorAction, supervisor, entryId, "approve");
    const voidAs = async (person: Person, reason: string) =>
      call(entryAction, await postRequest(`/hours/${entryId}`, { intent: "void", reason }, [person.cookie]), { entryId });

    const byTrainee = await voidAs(trainee, "I want these gone");
    expect(byTrainee.status).toBe(403);
    expect((await byTrainee.json()).formError).toBe("Decided hours can be voided only by a board member or an administrator, never by the person whose hours they are.");
    expect((await voidAs(supervisor, "Not mine to void")).status).toBe(403);
    const noReason = await voidAs(admin, "  ");
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).errors.reason[0]).toMatch(/Give the reason/);

    expect((await voidAs(admin, "Logged twice: the same shift is entry 12.")).status).toBe(200);
    const entry = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: entryId }, include: { events: { orderBy: { createdAt: "asc" } } } });
    expect(entry).toMatchObject({ status: "VOIDED", voidedReason: "Logged twice: the same shift is entry 12.", minutes: 1200 });
    expect(entry.events.map((event) => event.action)).toEqual(["created", "approved", "voided"]);
    expect(entry.events[2]).toMatchObject({ actorId: admin.id, fromStatus: "APPROVED", comment: "Logged twice: the same shift is entry 12." });
    expect((await voidAs(admin, "Again")).status).toBe(409);

    // It no longer counts: not toward the day's limit, not toward eligibility.
    expect(await minutesOnDay(trainee.id, new Date(`${day(6)}T00:00:00Z`))).toBe(0);
    expect((await logHours(trainee, { supervisorId: supervisor.id, hours: "24", occurredOn: day(6) })).response.status).toBe(200);
    expect((await ledgerForEligibility(trainee.id)).find((row) => row.id === entryId)?.status).toBe("voided");
    const page = await (await call(entryLoader, getRequest(`/hours/${entryId}`, [trainee.cookie]), { entryId })).json();
    expect(page.entry.status).toBe("VOIDED");
    expect(page.history).toHaveLength(3);
  });

  it("lets a trainee void their own hours while they are still pending", async () => {
    const trainee = await signedIn("TRAINEE");
    const supervisor = await signedIn("SUPERVISOR");
    const { body } = await logHours(trainee, { supervisorId: supervisor.id });
    const response = await call(entryAction, await postRequest(`/hours/${body.entryId}`, { intent: "void", reason: "Wrong day, logging again" }, [trainee.cookie]), {
      entryId: body.entryId,
    });
    expect(response.status).toBe(200);
    expect(await statusOf(body.entryId)).toBe("VOIDED");
    expect((await (await call(supervisorLoader, getRequest("/supervisor", [supervisor.cookie]))).json()).entries).toEqual([]);
  });
});

describe("training taken elsewhere", () => {
  it("stores the certificate with its sniffed type and hash, for the chosen board to approve", async () => {
    const trainee = await signedIn("TRAINEE");
    const board = await signedIn("BOARD_MEMBER", "EXTJ");
    const { id: jurisdictionId } = await jurisdiction("EXTJ");
    const { response, body } = await claimTraining(trainee, jurisdictionId, new File([PDF_BYTES], "ethics.pdf", { type: "application/pdf" }));
    expect(response.status).toBe(200);
    expect(body.notice).toBe("Claimed 6 hours of training. The EXTJ board will review your certificate.");
    const entry = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: body.entryId }, include: { document: true } });
    expect(entry).toMatchObject({ kind: "TRAINING", source: "EXTERNAL_CERTIFICATE", status: "PENDING", minutes: 360, reviewJurisdictionId: jurisdictionId });
    expect(entry.courseDomain).toBe("ethical-responsibility");
    expect(entry.document).toMatchObject({ ownerId: trainee.id, filename: "ethics.pdf", mimeType: "application/pdf", sizeBytes: PDF_BYTES.length });
    expect(entry.document!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const queue = await (await call(boardLoader, getRequest("/board/external-training", [board.cookie]))).json();
    expect(queue.entries.map((claim: { id: string }) => claim.id)).toContain(entry.id);
    const approve = await call(boardAction, await postRequest("/board/external-training", { entryId: entry.id, decision: "approve", comment: "" }, [board.cookie]));
    expect(approve.status).toBe(200);
    expect(await statusOf(entry.id)).toBe("APPROVED");
  });

  it("refuses a board member of another jurisdiction, and a request for changes", async () => {
    const trainee = await signedIn("TRAINEE");
    const { id: jurisdictionId } = await jurisdiction("OURJ");
    const ours = await signedIn("BOARD_MEMBER", "OURJ");
    const theirs = await signedIn("BOARD_MEMBER", "THEIRJ");
    const { body } = await claimTraining(trainee, jurisdictionId, new File([PDF_BYTES], "ethics.pdf"));
    const post = async (person: Person, fields: Record<string, string>) =>
      call(boardAction, await postRequest("/board/external-training", { entryId: body.entryId, ...fields }, [person.cookie]));
    const elsewhere = await post(theirs, { decision: "approve" });
    expect(elsewhere.status).toBe(403);
    expect((await elsewhere.json()).formError).toBe("Only a board member of the jurisdiction asked to review this training can decide on it.");
    expect((await (await call(boardLoader, getRequest("/board/external-training", [theirs.cookie]))).json()).entries).toEqual([]);
    expect((await post(ours, { decision: "request-changes", comment: "Send a clearer scan" })).status).toBe(400);
    // A supervisor's queue decides logged hours only: a certificate is not in it.
    expect((await decide(supervisorAction, await signedIn("SUPERVISOR"), body.entryId, "approve")).response.status).toBe(404);
    expect(await statusOf(body.entryId)).toBe("PENDING");
    const rejected = await post(ours, { decision: "reject", comment: "The certificate does not show the hours." });
    expect(rejected.status).toBe(200);
    expect(await statusOf(body.entryId)).toBe("REJECTED");
    // The trainee reads who rejected the claim and why at the top of its page; the board member has their way back.
    const open = async (person: Person) => (await call(entryLoader, getRequest(`/hours/${body.entryId}`, [person.cookie]), { entryId: body.entryId })).json();
    expect((await open(trainee)).reviewNotice).toEqual({ lead: "Test board_member rejected these hours:", comment: "The certificate does not show the hours." });
    expect((await open(trainee)).back).toEqual({ to: "/hours", label: "Back to your hours" });
    expect((await open(ours)).back).toEqual({ to: "/board/external-training", label: "Back to External training" });
  });

  it.each([
    ["a PNG named .pdf", new File([PNG_BYTES], "certificate.pdf", { type: "application/pdf" }), /“certificate\.pdf” is really a PNG image, but its name ends in \.pdf/],
    ["a program renamed .pdf", new File([EXE_BYTES], "certificate.pdf", { type: "application/pdf" }), /“certificate\.pdf” is not a PDF, PNG or JPEG file/],
    ["a text file", new File(["just some words"], "notes.txt", { type: "text/plain" }), /is not a PDF, PNG or JPEG file/],
    ["an empty file", new File([], "empty.pdf", { type: "application/pdf" }), /“empty\.pdf” is empty/],
    ["no file at all", new File([], "", { type: "application/octet-stream" }), /Choose the certificate file to upload/],
  ])("refuses %s with a clear message and stores nothing", async (_, file, message) => {
    const trainee = await signedIn("TRAINEE");
    const { id: jurisdictionId } = await jurisdiction("FILEJ");
    const { response, body } = await claimTraining(trainee, jurisdictionId, file);
    expect(response.status).toBe(400);
    expect(body.errors.certificate[0]).toMatch(message);
    expect(body.formError).toMatch(message);
    expect(await prisma.uploadedDocument.count({ where: { ownerId: trainee.id } })).toBe(0);
    expect(await prisma.ledgerEntry.count({ where: { traineeId: trainee.id } })).toBe(0);
  });

  it("refuses a file over 5 MB with a 400 and a clear message, whether its size is declared or streamed", async () => {
    const trainee = await signedIn("TRAINEE");
    const { id: jurisdictionId } = await jurisdiction("BIGJ");
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode(PDF_BYTES));
    const streamed = await claimTraining(trainee, jurisdictionId, new File([big], "huge.pdf", { type: "application/pdf" }));
    expect(streamed.response.status).toBe(400);
    expect(streamed.body.errors.certificate).toEqual(["The certificate is larger than 5 MB. Upload a smaller scan or photo (PDF, PNG or JPEG)."]);
    const declared = await claimTraining(trainee, jurisdictionId, new File([big], "huge.pdf"), { "Content-Length": String(big.length + 2000) });
    expect(declared.response.status).toBe(400);
    expect(declared.body.formError).toMatch(/larger than 5 MB/);
    expect(await prisma.uploadedDocument.count({ where: { ownerId: trainee.id } })).toBe(0);
  });

  it("refuses a multipart post without a valid CSRF token", async () => {
    const trainee = await signedIn("TRAINEE");
    const body = new FormData();
    body.set("intent", "claim");
    body.set("certificate", new File([PDF_BYTES], "ethics.pdf"));
    const response = await call(hoursAction, new Request(`${BASE}/hours`, { method: "POST", body, headers: { Cookie: trainee.cookie } }));
    expect(response.status).toBe(403);
  });

  // Chromium quotes the file name and escapes only `"`, CR and LF, so `;` and `=` arrive inside the quotes.
  it.each([
    ["a;b.pdf", "a;b.pdf"],
    ["a=b.pdf", "a=b.pdf"],
    ["Ethics; part 2 (hours=6).pdf", "Ethics; part 2 (hours=6).pdf"],
    ['Certificate "final".pdf', "Certificate final.pdf"],
    ["résumé.pdf", "résumé.pdf"],
    ["证书;版本=2.pdf", "证书;版本=2.pdf"],
  ])("stores a certificate named %j as a browser uploads it", async (filename, stored) => {
    const trainee = await signedIn("TRAINEE");
    const { id: jurisdictionId } = await jurisdiction("NAMEJ");
    const fields: [string, string][] = Object.entries({ intent: "claim", occurredOn: day(20), hours: "6", courseDomain: "ethical-responsibility", provider: "State Recovery Institute", description: "Ethics", jurisdictionId });
    const request = await chromiumUpload("/hours", [...fields, ["certificate", { filename, type: "application/pdf", content: PDF_BYTES }]], [trainee.cookie]);
    const response = await call(hoursAction, request);
    expect(response.status).toBe(200);
    const body = await response.json();
    const entry = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: body.entryId }, include: { document: true } });
    expect(entry.document).toMatchObject({ filename: stored, mimeType: "application/pdf", sizeBytes: PDF_BYTES.length });
  });

  it("answers a multipart body cut off in the middle on the claim form, not with an error page", async () => {
    const trainee = await signedIn("TRAINEE");
    const { id: jurisdictionId } = await jurisdiction("CUTJ");
    const token = await csrf();
    const { body, contentType } = chromiumMultipart([["csrf", token.token], ["intent", "claim"], ["jurisdictionId", jurisdictionId], ["certificate", { filename: "ethics.pdf", type: "application/pdf", content: PDF_BYTES }]]);
    const cut = body.slice(0, body.length - 40);
    const response = await call(hoursAction, new Request(`${BASE}/hours`, { method: "POST", body: cut, headers: { "Content-Type": contentType, Cookie: [token.cookie, trainee.cookie].join("; ") } }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ intent: "claim", formError: "The form arrived incomplete, so the training was not claimed. Submit it again." });
    expect(await prisma.ledgerEntry.count({ where: { traineeId: trainee.id } })).toBe(0);
  });
});

describe("serving a certificate", () => {
  it("sends it inline with its sniffed type and nosniff to the owner, the reviewing board and administrators only", async () => {
    const trainee = await signedIn("TRAINEE");
    const { id: jurisdictionId } = await jurisdiction("DOCJ");
    const { body } = await claimTraining(trainee, jurisdictionId, new File([PDF_BYTES], "ethics certificate.pdf", { type: "text/html" }));
    const { documentId } = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: body.entryId }, select: { documentId: true } });
    const open = (person: Person, id = documentId!) => call(documentLoader, getRequest(`/documents/${id}`, [person.cookie]), { documentId: id });

    const response = await open(trainee);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Content-Disposition")).toBe(`inline; filename="ethics certificate.pdf"; filename*=UTF-8''ethics%20certificate.pdf`);
    expect(await response.text()).toBe(PDF_BYTES);

    for (const person of [await signedIn("BOARD_MEMBER", "DOCJ"), await signedIn("ADMIN")]) expect((await open(person)).status).toBe(200);
    for (const person of [await signedIn("BOARD_MEMBER", "OTHERDOCJ"), await signedIn("SUPERVISOR"), await signedIn("TRAINEE")]) {
      expect((await open(person)).status).toBe(403);
    }
    expect((await open(trainee, "missing")).status).toBe(404);
  });
});
