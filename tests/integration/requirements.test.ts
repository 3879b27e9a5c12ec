import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { syncExamFiles } from "~/models/exam-files.server";
import { readJurisdictionFiles, upsertJurisdictions } from "~/models/jurisdiction-files.server";
import { createLedgerEntry } from "~/models/ledger.server";
import { seedRequirements } from "~/models/requirement.server";
import { action as editAction, loader as editLoader } from "~/routes/board.requirements.$credentialTypeId";
import { action as progressAction, loader as progressLoader } from "~/routes/progress";
import { prisma } from "~/utils/db.server";
import { call, getRequest, postRequest, sessionCookie, userWithRole } from "./helpers";
import { standingsFor } from "~/models/progress.server";

async function seeded() {
  await upsertJurisdictions(await readJurisdictionFiles());
  await seedRequirements();
  // The IC&RC requirement names the exam icrc-pr, which content/exams loads.
  await syncExamFiles();
  const byCode = async (jurisdiction: string, credential: string) =>
    prisma.credentialType.findFirstOrThrow({ where: { code: credential, jurisdiction: { code: jurisdiction } }, include: { jurisdiction: true } });
  return { icrc: await byCode("ICRC", "PR"), kentucky: await byCode("KY", "APSS"), pennsylvania: await byCode("PA", "CPS"), florida: await byCode("FL", "CRPS") };
}

async function boardMemberOf(jurisdictionCode: string) {
  return userWithRole("BOARD_MEMBER", jurisdictionCode);
}

async function edit(userId: string, credentialTypeId: string, fields: Record<string, string>) {
  return call(editAction, await postRequest(`/board/requirements/${credentialTypeId}`, { note: "Board decision", ...fields }, [await sessionCookie(userId)]), { credentialTypeId });
}

/** The board's editor page for a credential, as its loader returns it. */
async function editorPage(userId: string, credentialTypeId: string) {
  return (await call(editLoader, getRequest(`/board/requirements/${credentialTypeId}`, [await sessionCookie(userId)]), { credentialTypeId })).json();
}

describe("requirements as data", () => {
  it("are seeded from content/requirements, one version each, once", async () => {
    const { icrc, kentucky, pennsylvania, florida } = await seeded();
    await seedRequirements();
    for (const credential of [icrc, kentucky, pennsylvania, florida]) {
      expect(await prisma.requirementVersion.count({ where: { credentialTypeId: credential.id } })).toBe(1);
    }
  });

  it("a board member previews a change, saves it as a new version, and sees what changed", async () => {
    const { icrc } = await seeded();
    const board = await boardMemberOf("ICRC");
    const page = await (await call(editLoader, getRequest(`/board/requirements/${icrc.id}`, [await sessionCookie(board.id)]), { credentialTypeId: icrc.id })).json();
    const requirement = parse(page.yaml);
    requirement.training.totalHours = 50;
    const yaml = stringify(requirement);

    const preview = await edit(board.id, icrc.id, { intent: "preview", basedOnVersion: "1", yaml });
    expect((await preview.json()).changes).toEqual(["Total training hours changed from 46 to 50."]);
    expect(await prisma.requirementVersion.count({ where: { credentialTypeId: icrc.id } })).toBe(1);

    const saved = await edit(board.id, icrc.id, { intent: "save", basedOnVersion: "1", yaml, note: "Board decision 2026-11" });
    expect(saved.headers.get("Location")).toBe(`/board/requirements/${icrc.id}?saved=2`);
    const after = await (await call(editLoader, getRequest(`/board/requirements/${icrc.id}`, [await sessionCookie(board.id)]), { credentialTypeId: icrc.id })).json();
    expect(after.history[0]).toMatchObject({ version: 2, note: "Board decision 2026-11", changes: ["Total training hours changed from 46 to 50."] });

    // Someone still editing version 1 is told, and nothing is overwritten.
    const stale = await edit(board.id, icrc.id, { intent: "save", basedOnVersion: "1", yaml: stringify({ ...requirement, source: "other" }) });
    expect(stale.status).toBe(409);
    expect(await prisma.requirementVersion.count({ where: { credentialTypeId: icrc.id } })).toBe(2);
  });

  it("refuses bad input with clear messages and saves nothing", async () => {
    const { florida } = await seeded();
    const board = await boardMemberOf("FL");
    const page = await (await call(editLoader, getRequest(`/board/requirements/${florida.id}`, [await sessionCookie(board.id)]), { credentialTypeId: florida.id })).json();
    const broken = await edit(board.id, florida.id, { intent: "save", basedOnVersion: "1", yaml: "training: [unclosed" });
    expect(broken.status).toBe(400);
    expect((await broken.json()).problems[0]).toMatch(/not valid YAML/);
    const requirement = parse(page.yaml);
    requirement.training.domains[0].minHours = -3;
    requirement.jurisdictionCode = "KY";
    const invalid = await edit(board.id, florida.id, { intent: "save", basedOnVersion: "1", yaml: stringify(requirement) });
    expect((await invalid.json()).problems).toEqual(["training.domains.0.minHours: Hours cannot be negative"]);
    requirement.training.domains[0].minHours = 3;
    requirement.jurisdictionCode = "FL";
    // YAML alone would read 1e1 as 10 and 0x2 as 2.
    const scientific = await edit(board.id, florida.id, {
      intent: "save",
      basedOnVersion: "1",
      yaml: stringify(requirement).replace(/^  totalHours: .*$/m, "  totalHours: 1e1").replace(/^ +minHours: 3$/m, "      minHours: 0x2"),
    });
    expect(scientific.status).toBe(400);
    expect((await scientific.json()).problems).toEqual(["training.totalHours: Enter a number of hours", "training.domains.0.minHours: Enter a number of hours"]);
    requirement.jurisdictionCode = "KY";
    const otherCode = await edit(board.id, florida.id, { intent: "save", basedOnVersion: "1", yaml: stringify(requirement) });
    expect((await otherCode.json()).problems).toEqual(["jurisdictionCode: keep it FL"]);
    expect(await prisma.requirementVersion.count({ where: { credentialTypeId: florida.id } })).toBe(1);
  });

  it("refuses an exam reference to another jurisdiction's exam or to no exam, and saves nothing", async () => {
    const { kentucky } = await seeded();
    const board = await boardMemberOf("KY");
    const page = await (await call(editLoader, getRequest(`/board/requirements/${kentucky.id}`, [await sessionCookie(board.id)]), { credentialTypeId: kentucky.id })).json();
    const withExam = (examId: string) => {
      const requirement = parse(page.yaml);
      requirement.exam.examId = examId;
      return stringify(requirement);
    };

    const otherBoards = await edit(board.id, kentucky.id, { intent: "preview", basedOnVersion: "1", yaml: withExam("icrc-pr") });
    expect(otherBoards.status).toBe(400);
    expect(await otherBoards.json()).toMatchObject({
      changes: null,
      problems: ["exam.examId: There is no exam with the code icrc-pr in Kentucky. Kentucky has no exams in PeerPath yet, so use null while the exam is run outside PeerPath."],
    });
    const missing = await edit(board.id, kentucky.id, { intent: "save", basedOnVersion: "1", yaml: withExam("no-such-exam") });
    expect(missing.status).toBe(400);
    expect((await missing.json()).problems).toEqual([
      "exam.examId: There is no exam with the code no-such-exam in Kentucky. Kentucky has no exams in PeerPath yet, so use null while the exam is run outside PeerPath.",
    ]);
    expect(await prisma.requirementVersion.count({ where: { credentialTypeId: kentucky.id } })).toBe(1);

    // Once Kentucky runs an exam in PeerPath, its requirement may name it, and only it.
    await prisma.exam.create({
      data: { code: "ky-apss", jurisdictionId: kentucky.jurisdictionId, name: "Kentucky APSS exam", blueprint: { advocacy: 1 }, timeLimitMinutes: 60, passRule: { kind: "raw", cut: 1 }, attemptsAllowed: 3, waitingDays: 0 },
    });
    const stillOther = await edit(board.id, kentucky.id, { intent: "save", basedOnVersion: "1", yaml: withExam("icrc-pr") });
    expect((await stillOther.json()).problems).toEqual([
      "exam.examId: There is no exam with the code icrc-pr in Kentucky. Use one of Kentucky's exams (ky-apss), or null while the exam is run outside PeerPath.",
    ]);
    const own = await edit(board.id, kentucky.id, { intent: "preview", basedOnVersion: "1", yaml: withExam("ky-apss") });
    expect(await own.json()).toMatchObject({ problems: [], changes: ["Exam reference changed from none to ky-apss."] });
  });

  it("refuses more supervised hours than the experience hours they are part of, and saves nothing", async () => {
    const { kentucky } = await seeded();
    const board = await boardMemberOf("KY");
    const page = await (await call(editLoader, getRequest(`/board/requirements/${kentucky.id}`, [await sessionCookie(board.id)]), { credentialTypeId: kentucky.id })).json();
    const requirement = parse(page.yaml);
    requirement.experience = { hours: 500, supervisedHours: 600 };
    const refused = await edit(board.id, kentucky.id, { intent: "save", basedOnVersion: "1", yaml: stringify(requirement) });
    expect(refused.status).toBe(400);
    expect((await refused.json()).problems).toEqual([
      "experience.supervisedHours: Supervised hours are part of the experience hours, so 600 supervised hours cannot fit in 500 experience hours; " +
        "raise the experience hours to at least 600, lower the supervised hours, or set experience hours to 0 if only supervised hours are required",
    ]);
    expect(await prisma.requirementVersion.count({ where: { credentialTypeId: kentucky.id } })).toBe(1);

    // Supervised hours with no experience minimum of their own are a requirement some boards set.
    requirement.experience = { hours: 0, supervisedHours: 600 };
    const preview = await edit(board.id, kentucky.id, { intent: "preview", basedOnVersion: "1", yaml: stringify(requirement) });
    expect((await preview.json()).changes).toEqual(["Supervised hours changed from 0 to 600."]);
  });

  it("refuses a domain minimum above the training total and category minimums above the continuing-education hours, and saves nothing", async () => {
    const { pennsylvania } = await seeded();
    const board = await boardMemberOf("PA");
    const requirement = parse((await editorPage(board.id, pennsylvania.id)).yaml);
    requirement.training.domains = [{ key: "ethics", label: "Ethics", minHours: 100 }];
    requirement.renewal.continuingEducation.categories[0].minHours = 50;
    const expected = [
      "training.domains.0.minHours: Ethics alone asks for 100 hours, more than the 75 training hours in all, which its hours are part of; " +
        "raise the total training hours to at least 100 or lower the minimum for Ethics",
      "renewal.continuingEducation.totalHours: The continuing-education minimums by category (Peer and recovery 50, Ethics 3) come to 53 hours, " +
        "more than the 36 hours per renewal they are part of; raise the continuing-education hours to at least 53 or lower the category minimums",
    ];
    for (const intent of ["preview", "save"]) {
      const refused = await edit(board.id, pennsylvania.id, { intent, basedOnVersion: "1", yaml: stringify(requirement) });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ problems: expected, changes: null });
    }
    expect(await prisma.requirementVersion.count({ where: { credentialTypeId: pennsylvania.id } })).toBe(1);
  });

  it("saves a version only with a note for the record, which a preview does not need", async () => {
    const { kentucky } = await seeded();
    const board = await boardMemberOf("KY");
    const requirement = parse((await editorPage(board.id, kentucky.id)).yaml);
    requirement.training.totalHours = 32;
    const yaml = stringify(requirement);
    const preview = await edit(board.id, kentucky.id, { intent: "preview", basedOnVersion: "1", yaml, note: "" });
    expect(await preview.json()).toMatchObject({ problems: [], changes: ["Total training hours changed from 30 to 32."] });
    for (const note of ["", "   "]) {
      const refused = await edit(board.id, kentucky.id, { intent: "save", basedOnVersion: "1", yaml, note });
      expect(refused.status).toBe(400);
      expect((await refused.json()).problems).toEqual([
        "Write a note for the record saying why the requirement changed; a version cannot be saved without one",
      ]);
    }
    expect(await prisma.requirementVersion.count({ where: { credentialTypeId: kentucky.id } })).toBe(1);
  });

  it("words a requirement with keys left out, an empty one and a post without one as a board member reads them", async () => {
    const { kentucky } = await seeded();
    const board = await boardMemberOf("KY");
    const { credentialCode: _credentialCode, source: _source, ...withoutCodes } = parse((await editorPage(board.id, kentucky.id)).yaml);
    const missing = await edit(board.id, kentucky.id, { intent: "preview", basedOnVersion: "1", yaml: stringify(withoutCodes) });
    expect((await missing.json()).problems).toEqual(["credentialCode: Missing; add it", "source: Missing; add it"]);
    for (const yaml of ["", "  \n"]) {
      const empty = await edit(board.id, kentucky.id, { intent: "preview", basedOnVersion: "1", yaml });
      expect((await empty.json()).problems).toEqual(["The requirement is empty: paste or write the YAML for it"]);
    }
    const posted = await call(editAction, await postRequest(`/board/requirements/${kentucky.id}`, { intent: "preview", basedOnVersion: "1" }, [await sessionCookie(board.id)]), {
      credentialTypeId: kentucky.id,
    });
    expect((await posted.json()).problems).toEqual(["The requirement is empty: paste or write the YAML for it"]);
  });

  it("lists the kinds of document a version asks for by their labels, not their keys", async () => {
    const { kentucky } = await seeded();
    const board = await boardMemberOf("KY");
    const page = await editorPage(board.id, kentucky.id);
    const requirement = parse(page.yaml);
    requirement.evidence = [
      { kind: "document", key: "work-or-college", label: "Proof of 12 months of work or 24 college credits", acceptedKinds: ["employment-verification-12-months", "college-transcript-24-credits"] },
    ];
    const saved = await edit(board.id, kentucky.id, { intent: "save", basedOnVersion: String(page.currentVersion), yaml: stringify(requirement) });
    expect(saved.status).toBe(302);
    expect((await editorPage(board.id, kentucky.id)).history[0].changes).toEqual([
      "Proof of 12 months of work or 24 college credits now required: Employment verification 12 months or College transcript 24 credits.",
    ]);
  });

  it("refuses a board member of another jurisdiction", async () => {
    const { kentucky } = await seeded();
    const board = await boardMemberOf("PA");
    const page = await call(editLoader, getRequest(`/board/requirements/${kentucky.id}`, [await sessionCookie(board.id)]), { credentialTypeId: kentucky.id });
    expect(page.status).toBe(403);
    const posted = await edit(board.id, kentucky.id, { intent: "save", basedOnVersion: "1", yaml: "x: 1" });
    expect(posted.status).toBe(403);
  });
});

describe("a trainee's progress", () => {
  it("counts the same hours toward Kentucky, IC&RC and Pennsylvania, each by its own rules", async () => {
    const { icrc, kentucky, pennsylvania } = await seeded();
    const trainee = await userWithRole("TRAINEE");
    const cookie = await sessionCookie(trainee.id);
    const goals = await postRequest("/progress", {}, [cookie]);
    const body = new URLSearchParams(await goals.text());
    for (const id of [kentucky.id, icrc.id, pennsylvania.id]) body.append("credentialTypeId", id);
    const saved = await call(progressAction, new Request(goals.url, { method: "POST", body, headers: goals.headers }));
    expect(saved.headers.get("Location")).toBe("/progress?updated=1");

    const day = new Date("2026-03-02T00:00:00Z");
    const training = (courseDomain: string, hours: number) =>
      createLedgerEntry(prisma, { traineeId: trainee.id, kind: "TRAINING", status: "APPROVED", source: "MODULE_COMPLETION", courseDomain, minutes: hours * 60, occurredOn: day, description: "test" }, trainee.id);
    await training("ethical-responsibility", 8);
    await training("advocacy", 10);
    await training("mentoring-education", 12);
    await training("recovery-wellness-support", 14);

    const data = await (await call(progressLoader, getRequest("/progress", [cookie]))).json();
    // The panels come in the order of the list of choices (jurisdiction, then credential), whatever the
    // order the goals were chosen in.
    const chosen = data.options.filter((o: { chosen: boolean }) => o.chosen).map((o: { label: string }) => o.label);
    expect(chosen).toEqual(["IC&RC: Peer Recovery (PR)", "Kentucky: Adult Peer Support Specialist", "Pennsylvania: Certified Peer Specialist (CPS)"]);
    expect(data.standings.map((s: { jurisdictionName: string; credentialName: string }) => `${s.jurisdictionName}: ${s.credentialName}`)).toEqual(chosen);
    // The transcript reads the goals themselves, in the same order.
    expect((await standingsFor(trainee.id)).map((s) => `${s.jurisdictionName}: ${s.credentialName}`)).toEqual(chosen);
    const byName = Object.fromEntries(data.standings.map((s: { credentialName: string }) => [s.credentialName, s]));
    const kentuckyTraining = byName["Adult Peer Support Specialist"].verdict.items.find((i: { key: string }) => i.key === "training");
    expect(kentuckyTraining).toMatchObject({ earned: 44, required: 30, met: true });
    const icrcVerdict = byName["Peer Recovery (PR)"].verdict;
    expect(icrcVerdict.eligible).toBe(false);
    expect(icrcVerdict.unmet).toEqual(expect.arrayContaining(["8 more hours of Ethical responsibility"]));
    expect(byName["Certified Peer Specialist (CPS)"].verdict.unmet).toEqual(expect.arrayContaining([expect.stringMatching(/^31 more hours of training/)]));
  });
});
