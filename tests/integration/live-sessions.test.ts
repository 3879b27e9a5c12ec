import { describe, expect, it } from "vitest";
import { action as sessionAction, loader as sessionLoader } from "~/routes/instructor.sessions.$sessionId";
import { action as scheduleAction, loader as instructorLoader } from "~/routes/instructor.sessions._index";
import { action as traineeAction, loader as traineeLoader } from "~/routes/sessions._index";
import { scheduleSessionSchema } from "~/domain/live-sessions";
import { SessionRuleError, editSession } from "~/models/live-session.server";
import { prisma } from "~/utils/db.server";
import { call, getRequest, postRequest, sessionCookie, userWithRole } from "./helpers";

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

const sessionForm = (overrides: Record<string, string> = {}) => ({
  topic: "Sharing your story safely",
  description: "When and how to share lived experience.",
  date: isoDay(3),
  time: "15:00",
  durationMinutes: "90",
  "hours.advocacy": "1",
  "hours.ethical-responsibility": "0.5",
  location: "Room 4, Recovery Community Centre",
  onlineUrl: "https://meet.example.org/story",
  capacity: "",
  ...overrides,
});

async function instructor() {
  const user = await userWithRole("INSTRUCTOR");
  return { ...user, cookie: await sessionCookie(user.id) };
}

async function trainee() {
  const user = await userWithRole("TRAINEE");
  return { ...user, cookie: await sessionCookie(user.id) };
}

async function schedule(teacher: { cookie: string }, overrides: Record<string, string> = {}) {
  const response = await call(scheduleAction, await postRequest("/instructor/sessions", sessionForm(overrides), [teacher.cookie]));
  expect(response.status, await response.clone().text()).toBe(302);
  const sessionId = response.headers.get("Location")!.match(/^\/instructor\/sessions\/([^?]+)\?scheduled=1$/)![1]!;
  return sessionId;
}

/** Posts the scheduling form, expects it refused, and returns its errors by field. */
async function scheduleRefused(teacher: { cookie: string }, overrides: Record<string, string>) {
  const response = await call(scheduleAction, await postRequest("/instructor/sessions", sessionForm(overrides), [teacher.cookie]));
  expect(response.status).toBe(400);
  return (await response.json()).errors as Record<string, string[]>;
}

const registerFor = async (sessionId: string, who: { cookie: string }, intent = "register") =>
  call(traineeAction, await postRequest("/sessions", { intent, sessionId }, [who.cookie]));

const startedAgo = (sessionId: string, minutes: number) =>
  prisma.liveSession.update({ where: { id: sessionId }, data: { startsAt: new Date(Date.now() - minutes * 60 * 1000) } });

const recordAttendance = async (sessionId: string, teacher: { cookie: string }, fields: Record<string, string>) =>
  call(sessionAction, await postRequest(`/instructor/sessions/${sessionId}`, { intent: "attendance", ...fields }, [teacher.cookie]), { sessionId });

const registrationOf = (sessionId: string, traineeId: string) =>
  prisma.sessionRegistration.findUniqueOrThrow({ where: { sessionId_traineeId: { sessionId, traineeId } } });

const entriesOf = (registrationId: string) =>
  prisma.ledgerEntry.findMany({
    where: { sessionRegistrationId: registrationId },
    orderBy: [{ createdAt: "asc" }, { courseDomain: "asc" }],
    include: { events: { orderBy: { createdAt: "asc" } } },
  });

describe("scheduling", () => {
  it("schedules a session in UTC with its hours per domain, and lists it for its instructor only", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher, { capacity: "12" });
    const session = await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({
      instructorId: teacher.id,
      topic: "Sharing your story safely",
      startsAt: new Date(`${isoDay(3)}T15:00:00Z`),
      durationMinutes: 90,
      capacity: 12,
      domains: [
        { domain: "advocacy", hours: 1 },
        { domain: "ethical-responsibility", hours: 0.5 },
      ],
    });
    expect(await prisma.auditEvent.count({ where: { action: "live-session.scheduled", subjectId: sessionId } })).toBe(1);

    const list = await (await call(instructorLoader, getRequest("/instructor/sessions", [teacher.cookie]))).json();
    expect(list.sessions).toMatchObject([{ id: sessionId, startsAt: `${isoDay(3)} 15:00 UTC`, registered: 0, capacity: 12 }]);
    const other = await instructor();
    expect((await (await call(instructorLoader, getRequest("/instructor/sessions", [other.cookie]))).json()).sessions).toEqual([]);
  });

  it("refuses a link that is not https, hours beyond the length, and dates too old, saying why", async () => {
    const teacher = await instructor();
    const post = (overrides: Record<string, string>) => scheduleRefused(teacher, overrides);
    expect((await post({ onlineUrl: "http://meet.example.org/story" })).onlineUrl).toEqual(["Enter a web address that starts with https://"]);
    expect((await post({ durationMinutes: "60" })).hours).toEqual(["The hours add up to 1.5, but the session lasts only 60 minutes"]);
    expect((await post({ "hours.advocacy": "", "hours.ethical-responsibility": "" })).hours).toEqual([
      "Give the hours credited in at least one domain",
    ]);
    expect((await post({ date: isoDay(-8) })).date).toEqual(["A session can be entered at most 7 days after it took place"]);
    expect((await post({ location: "", onlineUrl: "" })).location).toEqual(["Give a location, an online link, or both"]);
    expect((await post({ capacity: "0", topic: "" })).capacity).toBeDefined();
    expect(await prisma.liveSession.count({ where: { instructorId: teacher.id } })).toBe(0);
  });

  it("lists every problem of the form at once, and asks for a length left blank", async () => {
    const teacher = await instructor();
    const post = (overrides: Record<string, string>) => scheduleRefused(teacher, overrides);
    const qa = { topic: "QA1", date: isoDay(-17), durationMinutes: "60", "hours.advocacy": "2", "hours.ethical-responsibility": "", location: "Room", onlineUrl: "" };
    expect(await post({ ...qa, capacity: "1.5" })).toEqual({
      capacity: ["Enter the number of places as a whole number, such as 12"],
      date: ["A session can be entered at most 7 days after it took place"],
      hours: ["The hours add up to 2, but the session lasts only 60 minutes"],
    });
    expect(await post({ ...qa, date: isoDay(3), durationMinutes: "" })).toEqual({ durationMinutes: ["Enter the length in minutes"] });
    expect(await prisma.liveSession.count({ where: { instructorId: teacher.id } })).toBe(0);
  });

  it("reads the places and the length as plain digits only: 1e1 is refused with a message, not scheduled as 10", async () => {
    const teacher = await instructor();
    const post = (overrides: Record<string, string>) => scheduleRefused(teacher, overrides);
    for (const typed of ["1e1", "0x2", "1_000"]) {
      expect(await post({ capacity: typed }), typed).toEqual({ capacity: ["Enter the number of places as a whole number, such as 12"] });
      expect(await post({ durationMinutes: typed }), typed).toEqual({ durationMinutes: ["Enter the length in minutes as a whole number, such as 90"] });
    }
    expect(await prisma.liveSession.count({ where: { instructorId: teacher.id } })).toBe(0);
    const sessionId = await schedule(teacher, { capacity: " 12 ", durationMinutes: " 90 " });
    expect(await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ capacity: 12, durationMinutes: 90 });
  });

  it("accepts a session entered after it took place, within the week, and lists upcoming sessions first", async () => {
    const teacher = await instructor();
    const past = await schedule(teacher, { topic: "Yesterday's workshop", date: isoDay(-1) });
    const later = await schedule(teacher, { topic: "Later", date: isoDay(10) });
    const sooner = await schedule(teacher, { topic: "Sooner", date: isoDay(2) });
    const list = await (await call(instructorLoader, getRequest("/instructor/sessions", [teacher.cookie]))).json();
    expect(list.sessions.map((session: { id: string }) => session.id)).toEqual([sooner, later, past]);
  });
});

describe("registration", () => {
  it("fills a session up to its capacity and then says it is full", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher, { capacity: "2" });
    const [first, second, third] = [await trainee(), await trainee(), await trainee()];
    expect((await registerFor(sessionId, first)).status).toBe(200);
    expect((await registerFor(sessionId, second)).status).toBe(200);
    const full = await registerFor(sessionId, third);
    expect(full.status).toBe(409);
    expect((await full.json()).formError).toMatch(/This session is full/);

    // Other tests' sessions share this database: look at this one.
    const offered = async (who: { cookie: string }) => {
      const page = await (await call(traineeLoader, getRequest("/sessions", [who.cookie]))).json();
      return { ...page, upcoming: page.upcoming.filter((session: { id: string }) => session.id === sessionId) };
    };
    // The meeting link is shown to registered trainees only.
    expect((await offered(third)).upcoming).toMatchObject([{ placesLeft: 0, registered: false, onlineUrl: null, online: true }]);
    const mine = await offered(first);
    expect(mine.upcoming).toMatchObject([{ placesLeft: 0, registered: true, onlineUrl: "https://meet.example.org/story" }]);
    expect(mine.mine).toMatchObject([{ topic: "Sharing your story safely", outcome: "Registered", credited: "None yet" }]);
  });

  it("holds capacity when many trainees take the last places at once", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher, { capacity: "2" });
    const trainees = await Promise.all(Array.from({ length: 6 }, () => trainee()));
    const responses = await Promise.all(trainees.map((who) => registerFor(sessionId, who)));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 409, 409, 409, 409]);
    expect(await prisma.sessionRegistration.count({ where: { sessionId } })).toBe(2);
  });

  it("refuses registering twice, and lets a trainee cancel and register again before the start", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const who = await trainee();
    expect((await registerFor(sessionId, who)).status).toBe(200);
    const twice = await registerFor(sessionId, who);
    expect(twice.status).toBe(409);
    expect((await twice.json()).formError).toBe("You are already registered for this session.");
    const twiceAtOnce = await Promise.all([registerFor(sessionId, await trainee()), registerFor(sessionId, who)]);
    expect(twiceAtOnce.map((response) => response.status)).toEqual([200, 409]);

    const cancelled = await registerFor(sessionId, who, "cancel");
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).message).toMatch(/is cancelled/);
    expect(await prisma.sessionRegistration.count({ where: { sessionId, traineeId: who.id } })).toBe(0);
    expect((await registerFor(sessionId, who)).status).toBe(200);
    expect(await prisma.auditEvent.count({ where: { actorId: who.id, action: { startsWith: "live-session." } } })).toBe(3);
  });

  it("closes registration and cancellation once the session has started", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const [early, late] = [await trainee(), await trainee()];
    expect((await registerFor(sessionId, early)).status).toBe(200);
    await startedAgo(sessionId, 5);
    const tooLate = await registerFor(sessionId, late);
    expect(tooLate.status).toBe(409);
    expect((await tooLate.json()).formError).toMatch(/already started/);
    const cancel = await registerFor(sessionId, early, "cancel");
    expect(cancel.status).toBe(409);
    expect((await cancel.json()).formError).toMatch(/Ask the instructor/);
    // A started session is no longer offered.
    const offered = (await (await call(traineeLoader, getRequest("/sessions", [late.cookie]))).json()).upcoming;
    expect(offered.map((session: { id: string }) => session.id)).not.toContain(sessionId);
  });

  it("lets only trainees register", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    expect((await registerFor(sessionId, teacher)).status).toBe(403);
  });
});

describe("the session page", () => {
  it("answers another instructor 403 and an unknown session 404", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const other = await instructor();
    const page = await call(sessionLoader, getRequest(`/instructor/sessions/${sessionId}`, [other.cookie]), { sessionId });
    expect(page.status).toBe(403);
    await startedAgo(sessionId, 10);
    const who = await trainee();
    await prisma.sessionRegistration.create({ data: { sessionId, traineeId: who.id } });
    const registration = await registrationOf(sessionId, who.id);
    const post = await recordAttendance(sessionId, other, { [`attendance.${registration.id}`]: "PRESENT" });
    expect(post.status).toBe(403);
    expect((await registrationOf(sessionId, who.id)).attendance).toBeNull();
    const unknown = await call(sessionLoader, getRequest("/instructor/sessions/nope", [teacher.cookie]), { sessionId: "nope" });
    expect(unknown.status).toBe(404);
  });

  it("lets the instructor add a trainee who did not register, by email", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher, { date: isoDay(-2), capacity: "1" });
    const [first, second] = [await trainee(), await trainee()];
    const add = async (email: string) =>
      call(sessionAction, await postRequest(`/instructor/sessions/${sessionId}`, { intent: "add-trainee", email }, [teacher.cookie]), { sessionId });
    expect((await add(first.email.toUpperCase())).status).toBe(200);
    // Places limit self-registration only.
    expect((await add(second.email)).status).toBe(200);
    const again = await add(second.email);
    expect(again.status).toBe(409);
    expect((await again.json()).formError).toMatch(/already on this session's list/);
    const nobody = await add("nobody@example.org");
    expect(nobody.status).toBe(400);
    expect((await nobody.json()).formError).toMatch(/Ask them to sign up first/);
    expect((await add(teacher.email)).status).toBe(400);
    const page = await (await call(sessionLoader, getRequest(`/instructor/sessions/${sessionId}`, [teacher.cookie]), { sessionId })).json();
    expect(page.registrations).toHaveLength(2);
    expect(page.attendanceBlocked).toBeNull();
    // Entered after the session took place, for its hours: nothing to tell them.
    expect(await prisma.outboxMessage.count({ where: { toEmail: { in: [first.email, second.email] } } })).toBe(0);
  });

  it("emails a trainee added to a session still to come its time and place, once", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const who = await trainee();
    const added = await postToSession(sessionId, teacher, "add-trainee", { email: who.email });
    expect((await added.json()).message).toMatch(/added to this session\. They are emailed its time and place\.$/);
    const [email, ...more] = await prisma.outboxMessage.findMany({ where: { toEmail: who.email } });
    expect(more).toEqual([]);
    expect(email!.subject).toBe(`Added: Sharing your story safely, ${isoDay(3)} 15:00 UTC`);
    expect(email!.body).toContain(`When: ${isoDay(3)} 15:00 UTC, for 90 minutes`);
  });
});

describe("attendance", () => {
  /** A 90-minute session (advocacy 1 h, ethics 0.5 h) a trainee registered for, which has since started. */
  async function startedSession() {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const who = await trainee();
    expect((await registerFor(sessionId, who)).status).toBe(200);
    const registration = await registrationOf(sessionId, who.id);
    return { teacher, sessionId, who, registration, field: `attendance.${registration.id}`, minutes: `minutes.${registration.id}` };
  }

  it("cannot be recorded before the session starts, and says when it can", async () => {
    const { teacher, sessionId, registration, field } = await startedSession();
    const response = await recordAttendance(sessionId, teacher, { [field]: "PRESENT" });
    expect(response.status).toBe(409);
    expect((await response.json()).formError).toBe(`Attendance can be recorded once the session has started, at ${isoDay(3)} 15:00 UTC.`);
    const page = await (await call(sessionLoader, getRequest(`/instructor/sessions/${sessionId}`, [teacher.cookie]), { sessionId })).json();
    expect(page.attendanceBlocked).toMatch(/once the session has started/);
    expect(await entriesOf(registration.id)).toEqual([]);
  });

  it("credits full attendance as one approved training entry per domain, linked to the registration", async () => {
    const { teacher, sessionId, who, registration, field } = await startedSession();
    await startedAgo(sessionId, 100);
    const response = await recordAttendance(sessionId, teacher, { [field]: "PRESENT" });
    expect(response.status).toBe(200);
    expect((await response.json()).message).toMatch(/Attendance saved: 1 recorded/);
    const entries = await entriesOf(registration.id);
    expect(entries.map((entry) => [entry.courseDomain, entry.minutes])).toEqual([
      ["advocacy", 60],
      ["ethical-responsibility", 30],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ traineeId: who.id, kind: "TRAINING", status: "APPROVED", source: "LIVE_SESSION", createdById: teacher.id });
      expect(entry.description).toMatch(/^Live session "Sharing your story safely" on .* UTC: present$/);
      expect(entry.events.map((event) => event.action)).toEqual(["created"]);
    }
    expect(await prisma.auditEvent.count({ where: { action: "attendance.recorded", subjectId: registration.id } })).toBe(1);
    expect((await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).attendanceRecordedAt).not.toBeNull();

    const page = await (await call(traineeLoader, getRequest("/sessions", [who.cookie]))).json();
    expect(page.mine).toMatchObject([{ outcome: "Present", credited: "1.5 hours" }]);
  });

  it("lists a session as recorded only once every registered trainee has a mark", async () => {
    const { teacher, sessionId, field } = await startedSession();
    const second = await trainee();
    expect((await registerFor(sessionId, second)).status).toBe(200);
    await startedAgo(sessionId, 100);
    const listed = async () =>
      ((await (await call(instructorLoader, getRequest("/instructor/sessions", [teacher.cookie]))).json()).sessions as { id: string; attendance: string }[]).find(
        (session) => session.id === sessionId,
      )?.attendance;
    expect(await listed()).toBe("To record");
    expect((await recordAttendance(sessionId, teacher, { [field]: "PRESENT" })).status).toBe(200);
    expect(await listed()).toBe("1 of 2 to record");
    const other = await registrationOf(sessionId, second.id);
    expect((await recordAttendance(sessionId, teacher, { [`attendance.${other.id}`]: "ABSENT" })).status).toBe(200);
    expect(await listed()).toBe("Recorded");
  });

  it("prorates partial attendance by the minutes attended, rounded down", async () => {
    const { teacher, sessionId, registration, field, minutes } = await startedSession();
    await startedAgo(sessionId, 100);
    // 50 of 90 minutes: advocacy 60 * 50/90 = 33.3 -> 33; ethics 30 * 50/90 = 16.7 -> 16.
    expect((await recordAttendance(sessionId, teacher, { [field]: "PARTIAL", [minutes]: "50" })).status).toBe(200);
    expect((await entriesOf(registration.id)).map((entry) => [entry.courseDomain, entry.minutes])).toEqual([
      ["advocacy", 33],
      ["ethical-responsibility", 16],
    ]);
    expect(await registrationOf(sessionId, registration.traineeId)).toMatchObject({ attendance: "PARTIAL", minutesAttended: 50, recordedById: teacher.id });
  });

  it("refuses partial attendance without sensible minutes and saves nothing", async () => {
    const { teacher, sessionId, registration, field, minutes } = await startedSession();
    await startedAgo(sessionId, 100);
    for (const value of ["", "0", "90"]) {
      const response = await recordAttendance(sessionId, teacher, { [field]: "PARTIAL", [minutes]: value });
      expect(response.status).toBe(400);
      expect((await response.json()).errors[minutes][0]).toMatch(/minutes/);
    }
    const scientific = await recordAttendance(sessionId, teacher, { [field]: "PARTIAL", [minutes]: "5e1" });
    expect(scientific.status).toBe(400);
    expect((await scientific.json()).errors[minutes]).toEqual(["Enter the minutes attended as a whole number, such as 45"]);
    const nothing = await recordAttendance(sessionId, teacher, {});
    expect(nothing.status).toBe(400);
    expect((await nothing.json()).formError).toMatch(/at least one trainee/);
    expect((await registrationOf(sessionId, registration.traineeId)).attendance).toBeNull();
    expect(await entriesOf(registration.id)).toEqual([]);
  });

  it("voids and re-credits on a correction, and does nothing when the mark is unchanged", async () => {
    const { teacher, sessionId, who, registration, field, minutes } = await startedSession();
    await startedAgo(sessionId, 100);
    expect((await recordAttendance(sessionId, teacher, { [field]: "PRESENT" })).status).toBe(200);
    const corrected = await recordAttendance(sessionId, teacher, { [field]: "PARTIAL", [minutes]: "45" });
    expect((await corrected.json()).message).toMatch(/1 corrected/);

    const entries = await entriesOf(registration.id);
    const voided = entries.filter((entry) => entry.status === "VOIDED");
    const current = entries.filter((entry) => entry.status === "APPROVED");
    expect(voided.map((entry) => entry.minutes)).toEqual([60, 30]);
    for (const entry of voided) {
      expect(entry.voidedReason).toBe("Attendance corrected");
      expect(entry.events.map((event) => [event.action, event.comment])).toEqual([
        ["created", null],
        ["voided", "Attendance corrected"],
      ]);
    }
    expect(current.map((entry) => [entry.courseDomain, entry.minutes])).toEqual([
      ["advocacy", 30],
      ["ethical-responsibility", 15],
    ]);
    expect(current[0]!.description).toMatch(/partly present \(45 of 90 minutes\)$/);

    const audits = await prisma.auditEvent.findMany({ where: { action: "attendance.recorded", subjectId: registration.id }, orderBy: { createdAt: "asc" } });
    expect(audits.map((event) => event.details)).toMatchObject([
      { attendance: "PRESENT", previous: null },
      { attendance: "PARTIAL", minutesAttended: 45, previous: { attendance: "PRESENT", minutesAttended: null } },
    ]);

    const unchanged = await recordAttendance(sessionId, teacher, { [field]: "PARTIAL", [minutes]: "45" });
    expect((await unchanged.json()).message).toBe("Nothing changed: every mark was already recorded.");
    expect(await entriesOf(registration.id)).toHaveLength(4);
    expect(await prisma.auditEvent.count({ where: { action: "attendance.recorded", subjectId: registration.id } })).toBe(2);

    // Absent after all: everything credited is voided and nothing new is added.
    expect((await recordAttendance(sessionId, teacher, { [field]: "ABSENT" })).status).toBe(200);
    const afterAbsent = await entriesOf(registration.id);
    expect(afterAbsent.filter((entry) => entry.status !== "VOIDED")).toEqual([]);
    expect(afterAbsent).toHaveLength(4);
    const page = await (await call(traineeLoader, getRequest("/sessions", [who.cookie]))).json();
    expect(page.mine).toMatchObject([{ outcome: "Absent", credited: "0 hours" }]);
  });

  it("never credits twice when two corrections of one trainee race", async () => {
    const { teacher, sessionId, registration, field, minutes } = await startedSession();
    await startedAgo(sessionId, 100);
    expect((await recordAttendance(sessionId, teacher, { [field]: "PRESENT" })).status).toBe(200);
    const responses = await Promise.all([
      recordAttendance(sessionId, teacher, { [field]: "PARTIAL", [minutes]: "30" }),
      recordAttendance(sessionId, teacher, { [field]: "PARTIAL", [minutes]: "60" }),
    ]);
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(1);
    for (const response of responses.filter((r) => r.status !== 200)) {
      expect(response.status).toBe(409);
      expect((await response.json()).formError).toMatch(/a moment ago/);
    }
    const saved = await registrationOf(sessionId, registration.traineeId);
    const active = (await entriesOf(registration.id)).filter((entry) => entry.status === "APPROVED");
    // Whatever won, the active entries are exactly what the saved mark credits.
    const expected = saved.minutesAttended === 30 ? [20, 10] : [40, 20];
    expect(active.map((entry) => entry.minutes).sort((a, b) => b - a)).toEqual(expected);
  });

  it("records several trainees at once and leaves unmarked ones as they were", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const trainees = [await trainee(), await trainee(), await trainee()];
    for (const who of trainees) expect((await registerFor(sessionId, who)).status).toBe(200);
    await startedAgo(sessionId, 100);
    const [a, b, c] = await Promise.all(trainees.map((who) => registrationOf(sessionId, who.id)));
    const response = await recordAttendance(sessionId, teacher, { [`attendance.${a!.id}`]: "PRESENT", [`attendance.${b!.id}`]: "ABSENT" });
    expect((await response.json()).message).toMatch(/2 recorded/);
    const page = await (await call(sessionLoader, getRequest(`/instructor/sessions/${sessionId}`, [teacher.cookie]), { sessionId })).json();
    const outcomes = Object.fromEntries(page.registrations.map((row: { id: string; outcome: string; credited: string }) => [row.id, [row.outcome, row.credited]]));
    expect(outcomes).toEqual({
      [a!.id]: ["Present", "1.5 hours"],
      [b!.id]: ["Absent", "0 hours"],
      [c!.id]: ["Not recorded yet", "0 hours"],
    });
    const waiting = await (await call(traineeLoader, getRequest("/sessions", [trainees[2]!.cookie]))).json();
    expect(waiting.mine).toMatchObject([{ outcome: "Waiting for the instructor to record attendance", credited: "None yet" }]);
  });
});

const sessionPage = async (sessionId: string, who: { cookie: string }) =>
  (await call(sessionLoader, getRequest(`/instructor/sessions/${sessionId}`, [who.cookie]), { sessionId })).json();

const postToSession = async (sessionId: string, who: { cookie: string }, intent: string, fields: Record<string, string>) =>
  call(sessionAction, await postRequest(`/instructor/sessions/${sessionId}`, { intent, ...fields }, [who.cookie]), { sessionId });

const editForm = (sessionId: string, who: { cookie: string }, overrides: Record<string, string>) => postToSession(sessionId, who, "edit", sessionForm(overrides));

const cancelForm = (sessionId: string, who: { cookie: string }, fields: Record<string, string> = { reason: "The room is closed for repairs.", confirm: "yes" }) =>
  postToSession(sessionId, who, "cancel-session", fields);

/** The trainee's /sessions page: this session among the upcoming ones, and their own row for it. */
async function traineeView(sessionId: string, who: { cookie: string }, topic = "Sharing your story safely") {
  const page = await (await call(traineeLoader, getRequest("/sessions", [who.cookie]))).json();
  return {
    upcoming: page.upcoming.find((session: { id: string }) => session.id === sessionId),
    mine: page.mine.find((registration: { topic: string }) => registration.topic === topic),
  };
}

describe("editing a session", () => {
  it("changes the details before the start, keeps the registrations, and audits what changed", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher, { capacity: "12" });
    const who = await trainee();
    expect((await registerFor(sessionId, who)).status).toBe(200);
    expect((await sessionPage(sessionId, teacher)).formValues).toMatchObject({ time: "15:00", capacity: "12", "hours.advocacy": "1" });

    const response = await editForm(sessionId, teacher, { time: "17:30", capacity: "10" });
    expect(response.status).toBe(200);
    expect((await response.json()).message).toBe("Session updated: date and time, places.");
    expect(await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      startsAt: new Date(`${isoDay(3)}T17:30:00Z`),
      capacity: 10,
    });
    const audits = await prisma.auditEvent.findMany({ where: { action: "live-session.edited", subjectId: sessionId } });
    expect(audits.map((event) => [event.actorId, event.details])).toEqual([
      [
        teacher.id,
        {
          changes: [
            { field: "startsAt", from: `${isoDay(3)}T15:00:00.000Z`, to: `${isoDay(3)}T17:30:00.000Z` },
            { field: "capacity", from: 12, to: 10 },
          ],
        },
      ],
    ]);
    // The registered trainee keeps their place, sees the new time, and is emailed it (through the outbox).
    expect((await traineeView(sessionId, who)).upcoming).toMatchObject({ startsAt: `${isoDay(3)} 17:30 UTC`, registered: true, placesLeft: 9 });
    const told = await prisma.outboxMessage.findMany({ where: { toEmail: who.email } });
    expect(told.map((message) => message.subject)).toEqual([`Changed: Sharing your story safely, now ${isoDay(3)} 17:30 UTC`]);
    expect(told[0]!.body).toContain(`Date and time: ${isoDay(3)} 17:30 UTC`);
    expect(told[0]!.body).not.toContain("Places");

    const again = await editForm(sessionId, teacher, { time: "17:30", capacity: "10" });
    expect((await again.json()).message).toBe("Nothing changed: the session already had these details.");
    expect(await prisma.auditEvent.count({ where: { action: "live-session.edited", subjectId: sessionId } })).toBe(1);
    // Places alone are not news to someone who has one: no second email.
    expect((await editForm(sessionId, teacher, { time: "17:30", capacity: "11" })).status).toBe(200);
    expect(await prisma.outboxMessage.count({ where: { toEmail: who.email } })).toBe(1);
  });

  it("refuses an invalid edit with every problem, gives back what was typed and changes nothing", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const before = await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } });
    const response = await editForm(sessionId, teacher, { topic: "", durationMinutes: "60", onlineUrl: "http://meet.example.org/x", time: "16:00" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.formError).toBe("Nothing was changed. Please correct the highlighted fields.");
    expect(body.errors).toEqual({
      topic: ["Enter a topic of at least 3 characters"],
      onlineUrl: ["Enter a web address that starts with https://"],
      hours: ["The hours add up to 1.5, but the session lasts only 60 minutes"],
    });
    expect(body.values).toMatchObject({ topic: "", durationMinutes: "60", onlineUrl: "http://meet.example.org/x", time: "16:00" });
    expect(await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).toEqual(before);
    expect(await prisma.auditEvent.count({ where: { action: "live-session.edited", subjectId: sessionId } })).toBe(0);
  });

  it("refuses places of 1e1 with a message and changes nothing", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher, { capacity: "3" });
    const before = await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } });
    const response = await editForm(sessionId, teacher, { capacity: "1e1" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toEqual({ capacity: ["Enter the number of places as a whole number, such as 12"] });
    expect(body.values).toMatchObject({ capacity: "1e1" });
    expect(await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).toEqual(before);
    expect(await prisma.auditEvent.count({ where: { action: "live-session.edited", subjectId: sessionId } })).toBe(0);
  });

  it("refuses places below the trainees already registered, saying how many", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher, { capacity: "3" });
    for (const who of [await trainee(), await trainee()]) expect((await registerFor(sessionId, who)).status).toBe(200);
    const response = await editForm(sessionId, teacher, { capacity: "1", time: "18:00" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors).toEqual({ capacity: ["2 trainees are already registered: offer at least 2 places, or leave it empty for no limit"] });
    expect(body.values).toMatchObject({ capacity: "1", time: "18:00" });
    expect(await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ capacity: 3, startsAt: new Date(`${isoDay(3)}T15:00:00Z`) });
    expect((await editForm(sessionId, teacher, { capacity: "2" })).status).toBe(200);
  });

  it("never leaves more trainees registered than places when registrations race a decrease", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher, { capacity: "5" });
    for (const who of [await trainee(), await trainee(), await trainee()]) expect((await registerFor(sessionId, who)).status).toBe(200);
    const racing = [await trainee(), await trainee()];
    const [edit] = await Promise.all([editForm(sessionId, teacher, { capacity: "4" }), ...racing.map((who) => registerFor(sessionId, who))]);
    const { capacity } = await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } });
    const registered = await prisma.sessionRegistration.count({ where: { sessionId } });
    expect(registered).toBeLessThanOrEqual(capacity!);
    // Either the decrease came first and one registration found the session full, or both came first and it was refused.
    if (edit.status === 200) expect([capacity, registered]).toEqual([4, 4]);
    else expect([edit.status, capacity, registered]).toEqual([expect.any(Number), 5, 5]);
  });

  it("is refused once the session has started, even when the edit was checked just before", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    await startedAgo(sessionId, 5);
    const response = await editForm(sessionId, teacher, { time: "18:00" });
    expect(response.status).toBe(409);
    expect((await response.json()).formError).toMatch(/^This session started at .* UTC, so its details can no longer be changed\.$/);
    expect((await sessionPage(sessionId, teacher)).editBlocked).toMatch(/can no longer be changed/);

    // An edit checked against a clock before the start, arriving after attendance was recorded.
    const who = await trainee();
    const registration = await prisma.sessionRegistration.create({ data: { sessionId, traineeId: who.id } });
    expect((await recordAttendance(sessionId, teacher, { [`attendance.${registration.id}`]: "PRESENT" })).status).toBe(200);
    const session = await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } });
    const edit = scheduleSessionSchema(new Date()).parse(sessionForm({ durationMinutes: "120" }));
    const beforeStart = new Date(session.startsAt.getTime() - 60_000);
    await expect(editSession(sessionId, teacher.id, edit, beforeStart)).rejects.toThrow(SessionRuleError);
    expect((await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).durationMinutes).toBe(90);
  });

  it("answers another instructor 403 and changes nothing", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const other = await instructor();
    expect((await editForm(sessionId, other, { time: "18:00" })).status).toBe(403);
    expect((await cancelForm(sessionId, other)).status).toBe(403);
    expect(await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
      startsAt: new Date(`${isoDay(3)}T15:00:00Z`),
      cancelledAt: null,
    });
    expect(await prisma.auditEvent.count({ where: { subjectId: sessionId, action: { in: ["live-session.edited", "live-session.cancelled"] } } })).toBe(0);
  });
});

describe("cancelling a session", () => {
  it("needs a reason and the tick that it is final, and keeps what was typed", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const response = await cancelForm(sessionId, teacher, { reason: "  ", confirm: "" });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({
      reason: ["Give the reason for cancelling in a few words; registered trainees will see it"],
      confirm: ["Tick the box to confirm that cancelling is final and cannot be undone"],
    });
    const unticked = await cancelForm(sessionId, teacher, { reason: "The room is closed." });
    expect(unticked.status).toBe(400);
    expect((await unticked.json()).values).toMatchObject({ reason: "The room is closed." });
    expect((await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).cancelledAt).toBeNull();
  });

  it("shows the session as cancelled with the reason to the instructor and registered trainees, and audits it", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const who = await trainee();
    expect((await registerFor(sessionId, who)).status).toBe(200);
    const response = await cancelForm(sessionId, teacher);
    expect(response.status).toBe(200);
    expect((await response.json()).message).toBe("Session cancelled. The 1 registered trainee is emailed and sees it as cancelled, with your reason.");
    const [email] = await prisma.outboxMessage.findMany({ where: { toEmail: who.email } });
    expect(email).toMatchObject({ subject: `Cancelled: Sharing your story safely, ${isoDay(3)} 15:00 UTC` });
    expect(email!.body).toContain("The reason given: The room is closed for repairs.");

    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "live-session.cancelled", subjectId: sessionId } });
    expect(audit).toMatchObject({ actorId: teacher.id, details: { reason: "The room is closed for repairs.", registered: 1 } });

    const view = await traineeView(sessionId, who);
    expect(view.upcoming).toBeUndefined();
    expect(view.mine).toMatchObject({ outcome: "Cancelled by the instructor: The room is closed for repairs.", credited: "None" });

    const page = await sessionPage(sessionId, teacher);
    expect(page.session).toMatchObject({ cancellationReason: "The room is closed for repairs.", cancelledAt: expect.stringMatching(/UTC$/) });
    expect(page.editBlocked).toBe("This session is cancelled, and a cancelled session cannot be changed.");
    const list = await (await call(instructorLoader, getRequest("/instructor/sessions", [teacher.cookie]))).json();
    expect(list.sessions.find((session: { id: string }) => session.id === sessionId)).toMatchObject({ attendance: "Cancelled" });

    // Final: it cannot be changed or cancelled again.
    expect((await editForm(sessionId, teacher, { time: "18:00" })).status).toBe(409);
    const twice = await cancelForm(sessionId, teacher);
    expect(twice.status).toBe(409);
    expect((await twice.json()).formError).toBe("This session is already cancelled.");
    expect(await prisma.auditEvent.count({ where: { action: "live-session.cancelled", subjectId: sessionId } })).toBe(1);
  });

  it("refuses registration, the trainee's own cancellation and additions afterwards", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const [registered, late] = [await trainee(), await trainee()];
    expect((await registerFor(sessionId, registered)).status).toBe(200);
    expect((await cancelForm(sessionId, teacher)).status).toBe(200);
    const refused = await registerFor(sessionId, late);
    expect(refused.status).toBe(409);
    expect((await refused.json()).formError).toBe("The instructor cancelled this session, so it takes no registrations.");
    expect((await registerFor(sessionId, registered, "cancel")).status).toBe(409);
    const add = await postToSession(sessionId, teacher, "add-trainee", { email: late.email });
    expect(add.status).toBe(409);
    expect((await add.json()).formError).toBe("This session is cancelled, so no one can be added to it.");
    expect(await prisma.sessionRegistration.count({ where: { sessionId } })).toBe(1);
  });

  it("refuses attendance afterwards, so it credits no hours", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    const who = await trainee();
    expect((await registerFor(sessionId, who)).status).toBe(200);
    expect((await cancelForm(sessionId, teacher)).status).toBe(200);
    // Even once its time has passed.
    await startedAgo(sessionId, 100);
    const registration = await registrationOf(sessionId, who.id);
    const response = await recordAttendance(sessionId, teacher, { [`attendance.${registration.id}`]: "PRESENT" });
    expect(response.status).toBe(409);
    expect((await response.json()).formError).toBe("This session is cancelled, so no attendance can be recorded and it credits no hours.");
    expect(await entriesOf(registration.id)).toEqual([]);
    expect((await sessionPage(sessionId, teacher)).attendanceBlocked).toMatch(/is cancelled/);
  });

  it("is refused once the session has started", async () => {
    const teacher = await instructor();
    const sessionId = await schedule(teacher);
    await startedAgo(sessionId, 5);
    const response = await cancelForm(sessionId, teacher);
    expect(response.status).toBe(409);
    expect((await response.json()).formError).toMatch(/so it can no longer be cancelled/);
    expect((await prisma.liveSession.findUniqueOrThrow({ where: { id: sessionId } })).cancelledAt).toBeNull();
  });
});
