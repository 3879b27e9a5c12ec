// Stored standings (models/goal-standings.server.ts and the stored_standings migration's triggers),
// against a real database: every kind of change a board would notice shows on the very next request,
// a row is reused while nothing changed, the status filter agrees with evaluating every goal live, and
// a write that lands between reading a trainee's version and storing their row leaves it stale. The
// trainee's progress page reads the same stored verdicts and must agree with evaluating live.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { matchesStatus, standingReportRow, type StandingStatus } from "~/domain/transcript";
import type { Prisma } from "~/generated/prisma/client";
import { evaluateAndStore, type ReportGoal } from "~/models/goal-standings.server";
import { standingsFor, standingsForGoals } from "~/models/progress.server";
import { requirementsInForce } from "~/models/requirements-in-force.server";
import { standingReportBatches, standingReportPage } from "~/models/standing-report.server";
import { loader as standingLoader } from "~/routes/board.standing";
import { loader as progressLoader } from "~/routes/progress";
import { databasePool, prisma } from "~/utils/db.server";
import { call, credentialWithRequirement, getRequest, testRequirement, jurisdiction, moduleHours, sessionCookie, traineeWithGoals, uniqueEmail, userWithRole } from "./helpers";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const EXAM_CODE = "stored-exam";

const requirement = (trainingHours: number, version = 1) =>
  testRequirement("STS", "SPS", {
    version,
    training: { totalHours: trainingHours },
    exam: { required: true, name: "Stored exam", examId: EXAM_CODE },
    evidence: [{ kind: "code-of-ethics-attestation" }, { kind: "document", key: "diploma", label: "Diploma", acceptedKinds: ["diploma"] }],
  });

const trainee = (name: string, credentialTypeIds: string[]) => traineeWithGoals(name, credentialTypeIds, uniqueEmail("stored"));
const entry = moduleHours;

/** Calls of the pool's named statements during `run`, by name prefix. */
async function statementsDuring(run: () => Promise<unknown>) {
  const query = vi.spyOn(databasePool, "query");
  try {
    await run();
    const names = query.mock.calls.map(([config]) => (config as unknown as { name?: string }).name ?? "");
    return { stored: names.filter((name) => name.startsWith("store-goal-standings")).length, ledgers: names.filter((name) => name.startsWith("ledger-summary")).length };
  } finally {
    query.mockRestore();
  }
}

const storedRow = (traineeId: string, credentialTypeId: string) =>
  prisma.goalStanding.findUniqueOrThrow({ where: { traineeId_credentialTypeId: { traineeId, credentialTypeId } } });
const dataVersion = async (traineeId: string) => (await prisma.traineeDataVersion.findUnique({ where: { traineeId } }))?.version ?? 0n;

describe("stored standings", () => {
  let credential: { id: string; jurisdictionId: string };
  let boardCookie: string;
  let sam: { id: string };

  type Row = { traineeId: string; credentialTypeId: string; eligible: boolean; unmetShown: string[]; unmetMore: number; trainingCounted: number; trainingRequired: number; requirementVersion: number };
  /** How many things the row says are missing: those it names, and "and N more". */
  const missing = (row: Row | undefined) => row!.unmetShown.length + row!.unmetMore;
  const open = async (query = "") => {
    const response = await call(standingLoader, getRequest(`/board/standing${query}`, [boardCookie]));
    expect(response.status).toBe(200);
    return (await response.json()) as { rows: Row[]; total: number };
  };
  const samsRow = async () => (await open()).rows.find((row) => row.traineeId === sam.id);

  beforeAll(async () => {
    const state = await jurisdiction("STS", "Stored State");
    credential = await credentialWithRequirement(state.id, "SPS", "Stored Peer Specialist", requirement(10));
    boardCookie = await sessionCookie((await userWithRole("BOARD_MEMBER", "STS")).id);
    sam = await trainee("Sam Stored", [credential.id]);
    await prisma.ledgerEntry.createMany({ data: [entry(sam.id, 300), entry(sam.id, 300)] });
  });

  it("bumps a trainee's data version once per statement, however many rows it writes", async () => {
    const before = await dataVersion(sam.id);
    await prisma.ledgerEntry.createMany({ data: [entry(sam.id, 0), entry(sam.id, 0), entry(sam.id, 0)] });
    expect(await dataVersion(sam.id)).toBe(before + 1n);
    await prisma.ledgerEntry.deleteMany({ where: { traineeId: sam.id, minutes: 0 } });
    expect(await dataVersion(sam.id)).toBe(before + 2n);
  });

  it("reuses a stored row while nothing it depends on has changed", async () => {
    const first = await samsRow();
    expect(first).toMatchObject({ eligible: false, trainingCounted: 10, trainingRequired: 10 });
    expect(missing(first)).toBe(3); // the exam, the attestation and the diploma
    const { computedAt } = await storedRow(sam.id, credential.id);
    const again = await statementsDuring(async () => expect(await samsRow()).toEqual(first));
    expect(again).toEqual({ stored: 0, ledgers: 0 });
    expect((await storedRow(sam.id, credential.id)).computedAt).toEqual(computedAt);
    // A change to another trainee leaves Sam's row alone.
    const other = await trainee("Oscar Other", [credential.id]);
    await prisma.ledgerEntry.create({ data: entry(other.id, 60) });
    await open();
    expect((await storedRow(sam.id, credential.id)).computedAt).toEqual(computedAt);
  });

  it("shows an application's attestation and documents on the very next request", async () => {
    const application = await prisma.credentialApplication.create({ data: { traineeId: sam.id, credentialTypeId: credential.id } });
    expect(missing(await samsRow())).toBe(3);
    await prisma.credentialApplication.update({ where: { id: application.id }, data: { attestedCodeOfEthicsAt: new Date() } });
    expect(missing(await samsRow())).toBe(2);
    const document = await prisma.uploadedDocument.create({
      data: { ownerId: sam.id, kind: "diploma", filename: "d.pdf", mimeType: "application/pdf", sizeBytes: 1, sha256: "x", content: Buffer.from("x") },
    });
    await prisma.applicationDocument.create({ data: { applicationId: application.id, documentId: document.id, kind: "diploma" } });
    expect(missing(await samsRow())).toBe(1);
    await prisma.applicationDocument.delete({ where: { applicationId_documentId: { applicationId: application.id, documentId: document.id } } });
    expect(missing(await samsRow())).toBe(2);
    await prisma.applicationDocument.create({ data: { applicationId: application.id, documentId: document.id, kind: "diploma" } });
    expect(missing(await samsRow())).toBe(1);
  });

  it("shows a passed exam on the very next request", async () => {
    const exam = await prisma.exam.create({
      data: {
        jurisdictionId: credential.jurisdictionId,
        code: EXAM_CODE,
        name: "Stored exam",
        blueprint: {},
        timeLimitMinutes: 60,
        passRule: { kind: "raw", cut: 1 },
        attemptsAllowed: 3,
        waitingDays: 0,
      },
    });
    const attempt = await prisma.examAttempt.create({ data: { examId: exam.id, candidateId: sam.id, formSeed: "s", form: [], passRule: { kind: "raw", cut: 1 }, deadline: new Date() } });
    expect(missing(await samsRow())).toBe(1);
    await prisma.examAttempt.update({ where: { id: attempt.id }, data: { status: "SUBMITTED", passed: true, submittedAt: new Date() } });
    expect(await samsRow()).toMatchObject({ eligible: true, unmetShown: [], unmetMore: 0 });
  });

  it("shows approved, rejected and voided hours on the very next request", async () => {
    const entries = await prisma.ledgerEntry.findMany({ where: { traineeId: sam.id, minutes: 300 } });
    await prisma.ledgerEntry.update({ where: { id: entries[0]!.id }, data: { status: "VOIDED", voidedReason: "Twice" } });
    expect(await samsRow()).toMatchObject({ eligible: false, trainingCounted: 5 });
    const pending = await prisma.ledgerEntry.create({ data: entry(sam.id, 300, { status: "PENDING", source: "EXTERNAL_CERTIFICATE" }) });
    expect(await samsRow()).toMatchObject({ eligible: false, trainingCounted: 5 });
    await prisma.ledgerEntry.update({ where: { id: pending.id }, data: { status: "REJECTED" } });
    expect(await samsRow()).toMatchObject({ eligible: false, trainingCounted: 5 });
    await prisma.ledgerEntry.update({ where: { id: pending.id }, data: { status: "APPROVED" } });
    expect(await samsRow()).toMatchObject({ eligible: true, trainingCounted: 10 });
    expect((await open("?status=eligible")).rows.map((row) => row.traineeId)).toContain(sam.id);
  });

  it("counts an entry dated after the report's day only from that day on", async () => {
    await prisma.ledgerEntry.create({ data: entry(sam.id, 120, { occurredOn: day("2031-06-02") }) });
    const query = { credentialTypeIds: [credential.id] };
    const before = await standingReportPage(query, { skip: 0, take: 50 }, new Date("2031-06-01T23:00:00Z"));
    expect(before.rows.find((row) => row.traineeId === sam.id)?.trainingCounted).toBe(10);
    const on = await standingReportPage(query, { skip: 0, take: 50 }, new Date("2031-06-02T08:00:00Z"));
    expect(on.rows.find((row) => row.traineeId === sam.id)?.trainingCounted).toBe(12);
    await prisma.ledgerEntry.deleteMany({ where: { traineeId: sam.id, occurredOn: day("2031-06-02") } });
  });

  it("judges against a new requirement version on the very next request", async () => {
    await prisma.requirementVersion.create({ data: { credentialTypeId: credential.id, version: 2, requirement: requirement(20, 2) as Prisma.InputJsonValue } });
    expect(await samsRow()).toMatchObject({ eligible: false, requirementVersion: 2, trainingRequired: 20, unmetShown: ["10 more hours of training"], unmetMore: 0 });
    expect((await open("?status=eligible")).rows.map((row) => row.traineeId)).not.toContain(sam.id);
  });

  it("drops a removed goal and shows it again when added back", async () => {
    const total = (await open()).total;
    await prisma.traineeGoal.delete({ where: { traineeId_credentialTypeId: { traineeId: sam.id, credentialTypeId: credential.id } } });
    const without = await open("?status=not-yet");
    expect(without.rows.map((row) => row.traineeId)).not.toContain(sam.id);
    expect((await open()).total).toBe(total - 1);
    await prisma.traineeGoal.create({ data: { traineeId: sam.id, credentialTypeId: credential.id } });
    expect((await open("?status=not-yet")).rows.map((row) => row.traineeId)).toContain(sam.id);
  });

  it("leaves a row stored from data read before a write stale, not wrong", async () => {
    await open();
    const versionRead = await dataVersion(sam.id);
    const goal: ReportGoal = { traineeId: sam.id, credentialTypeId: credential.id, name: "Sam Stored", email: "x", dataVersion: String(versionRead), stored: null };
    // The write lands between reading the version and storing the row.
    await prisma.ledgerEntry.create({ data: entry(sam.id, 600) });
    await evaluateAndStore([goal], new Date(), await requirementsInForce([credential.id]));
    const stored = await storedRow(sam.id, credential.id);
    expect(stored.dataVersion).toBe(versionRead);
    expect(await dataVersion(sam.id)).toBe(versionRead + 1n);
    // The next request sees it stale and judges it again, with the version it read first.
    const counted = await statementsDuring(async () => expect(await samsRow()).toMatchObject({ trainingCounted: 20, eligible: true }));
    expect(counted.stored).toBe(1);
    expect((await storedRow(sam.id, credential.id)).dataVersion).toBe(versionRead + 1n);
  });
});

describe("the status filter on stored standings", () => {
  let credentialTypeId: string;
  let traineeIds: string[];

  beforeAll(async () => {
    const state = await jurisdiction("STF", "Filter State");
    const input = testRequirement("STF", "FPS", { training: { totalHours: 6 }, experience: { hours: 3, supervisedHours: 0 } });
    const credential = await credentialWithRequirement(state.id, "FPS", "Filter Peer Specialist", input);
    credentialTypeId = credential.id;
    traineeIds = [];
    // A generated set: hours that fall either side of the requirement, in every status.
    const statuses = ["APPROVED", "PENDING", "REJECTED", "VOIDED"] as const;
    for (let index = 0; index < 60; index++) {
      const user = await trainee(`Fay Filter ${String(index).padStart(2, "0")}`, [credentialTypeId]);
      traineeIds.push(user.id);
      await prisma.ledgerEntry.createMany({
        data: [
          entry(user.id, ((index * 37) % 13) * 60, { status: index % 2 === 0 ? "APPROVED" : statuses[index % 4] }),
          entry(user.id, ((index * 11) % 7) * 60, { status: statuses[(index >> 2) % 4] }),
          entry(user.id, ((index * 5) % 8) * 60, { kind: "EXPERIENCE", source: "LOGGED", courseDomain: null, status: statuses[(index >> 1) % 4] }),
          entry(user.id, (index % 3) * 120, { kind: "EXPERIENCE", source: "LOGGED", courseDomain: null }),
        ],
      });
    }
  });

  /** The filter's answer, evaluating every goal live with the same functions, in report order. */
  async function live(status: StandingStatus) {
    const goals = await prisma.traineeGoal.findMany({ where: { credentialTypeId }, include: { trainee: true }, orderBy: { trainee: { name: "asc" } } });
    const standings = await standingsForGoals(goals, new Date());
    return standings
      .map((standing) => standingReportRow({ id: standing.traineeId, name: goals.find((goal) => goal.traineeId === standing.traineeId)!.trainee.name, email: "" }, standing))
      .filter((row) => matchesStatus(row.eligible, status))
      .map((row) => [row.name, row.eligible, row.trainingCounted, row.experienceHours, row.unmet.join("|")]);
  }
  async function filtered(status: StandingStatus) {
    const page = await standingReportPage({ credentialTypeIds: [credentialTypeId], status }, { skip: 0, take: 1000 });
    return { total: page.total, rows: page.rows.map((row) => [row.name, row.eligible, row.trainingCounted, row.experienceHours, row.unmet.join("|")]) };
  }

  it("gives the same rows as evaluating everything live, first and again, and after changes", async () => {
    for (const status of ["eligible", "not-yet"] as const) {
      const expected = await live(status);
      expect(expected.length).toBeGreaterThan(1);
      expect(await filtered(status)).toEqual({ total: expected.length, rows: expected });
    }
    // Again: every row is reused, nothing is evaluated.
    const again = await statementsDuring(async () => expect((await filtered("eligible")).rows).toEqual(await live("eligible")));
    expect(again.stored).toBe(0);
    expect(again.ledgers).toBe(1); // live()'s own read, none from the filter
    // Change a few trainees: only they are evaluated again.
    await prisma.ledgerEntry.updateMany({ where: { traineeId: { in: traineeIds.slice(0, 8) }, status: "PENDING" }, data: { status: "APPROVED" } });
    await prisma.ledgerEntry.createMany({ data: traineeIds.slice(8, 12).map((id) => entry(id, 900)) });
    for (const status of ["eligible", "not-yet"] as const) {
      const expected = await live(status);
      expect(await filtered(status)).toEqual({ total: expected.length, rows: expected });
    }
    // Pages of the filtered list are slices of the whole.
    const whole = (await filtered("not-yet")).rows;
    const second = await standingReportPage({ credentialTypeIds: [credentialTypeId], status: "not-yet" }, { skip: 5, take: 5 });
    expect(second.rows.map((row) => row.name)).toEqual(whole.slice(5, 10).map((row) => row[0]));
  });

  it("downloads the same rows through the CSV path", async () => {
    await prisma.ledgerEntry.createMany({ data: traineeIds.slice(20, 25).map((id) => entry(id, 30)) });
    const rows = [];
    for await (const batch of standingReportBatches({ credentialTypeIds: [credentialTypeId], status: "eligible" })) rows.push(...batch);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((row) => [row.name, row.eligible, row.trainingCounted, row.experienceHours, row.unmet.join("|")])).toEqual(await live("eligible"));
  });
});

describe("the trainee's progress page from stored verdicts", () => {
  let credentialTypeId: string;
  let pia: { id: string };
  let cookie: string;

  beforeAll(async () => {
    const state = await jurisdiction("STV", "Verdict State");
    const credential = await credentialWithRequirement(state.id, "VPS", "Verdict Peer Specialist", { ...requirement(10), jurisdictionCode: "STV", credentialCode: "VPS" });
    credentialTypeId = credential.id;
    pia = await trainee("Pia Progress", [credentialTypeId]);
    cookie = await sessionCookie(pia.id);
    await prisma.ledgerEntry.create({ data: entry(pia.id, 240) });
  });

  type Standing = { credentialTypeId: string; requirementVersion: number; verdict: { eligible: boolean; unmet: string[]; countedTrainingHours: number } };
  const progressPage = async () => {
    const response = await call(progressLoader, getRequest("/progress", [cookie]));
    expect(response.status).toBe(200);
    return ((await response.json()) as { standings: Standing[] }).standings;
  };
  /** The page's standings, and the same evaluated live from the ledger with nothing stored. */
  const pageAndLive = async () => [await progressPage(), JSON.parse(JSON.stringify(await standingsFor(pia.id)))] as const;

  it("shows the stored verdict while nothing changed, and every change on the very next request", async () => {
    const [first, live] = await pageAndLive();
    expect(first).toEqual(live);
    expect(first[0]!.verdict).toMatchObject({ eligible: false, countedTrainingHours: 4 });
    // Unchanged: the stored verdict, no ledger read and nothing stored.
    const again = await statementsDuring(async () => expect(await progressPage()).toEqual(first));
    expect(again).toEqual({ stored: 0, ledgers: 0 });

    await prisma.ledgerEntry.create({ data: entry(pia.id, 360) });
    const [withHours, liveWithHours] = await pageAndLive();
    expect(withHours).toEqual(liveWithHours);
    expect(withHours[0]!.verdict.countedTrainingHours).toBe(10);

    const application = await prisma.credentialApplication.create({ data: { traineeId: pia.id, credentialTypeId, attestedCodeOfEthicsAt: new Date() } });
    const [attested, liveAttested] = await pageAndLive();
    expect(attested).toEqual(liveAttested);
    expect(attested[0]!.verdict.unmet).toHaveLength(2);
    await prisma.credentialApplication.delete({ where: { id: application.id } });

    await prisma.requirementVersion.create({ data: { credentialTypeId, version: 2, requirement: { ...requirement(20, 2), jurisdictionCode: "STV", credentialCode: "VPS" } as Prisma.InputJsonValue } });
    const [newVersion, liveNewVersion] = await pageAndLive();
    expect(newVersion).toEqual(liveNewVersion);
    expect(newVersion[0]).toMatchObject({ requirementVersion: 2, verdict: { countedTrainingHours: 10 } });
    expect(newVersion[0]!.verdict.unmet).toContain("10 more hours of training");
  });

  it("evaluates again a row the board's report stored before verdicts were kept", async () => {
    await progressPage();
    await databasePool.query(`UPDATE "GoalStanding" SET verdict = NULL WHERE "traineeId" = $1`, [pia.id]);
    const during = await statementsDuring(async () => {
      const [page, live] = await pageAndLive();
      expect(page).toEqual(live);
    });
    expect(during).toEqual({ stored: 1, ledgers: 2 }); // the page's own evaluation, and live()'s
    expect((await storedRow(pia.id, credentialTypeId)).verdict).not.toBeNull();
  });
});
