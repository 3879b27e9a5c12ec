import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COURSE_DOMAIN_KEYS, minutesToHours } from "~/domain/course-domains";
import { enrol, markSectionSeen, submitKnowledgeCheck, trainingMinutesByDomain } from "~/models/enrolment.server";
import { parseModuleFile } from "~/models/module-files.server";
import { syncModuleFiles, versionContent } from "~/models/module.server";
import { action as overviewAction, loader as overviewLoader } from "~/routes/modules.$slug._index";
import { action as checkAction, loader as checkLoader } from "~/routes/modules.$slug.check";
import { loader as sectionLoader } from "~/routes/modules.$slug.sections.$index";
import { action as editAction, loader as editLoader } from "~/routes/instructor.modules.$slug.edit";
import { action as newModuleAction } from "~/routes/instructor.modules._index";
import { loader as exportLoader } from "~/routes/instructor.modules.$slug.export";
import { loader as moduleStatsLoader } from "~/routes/instructor.modules.$slug._index";
import { action as previewAction } from "~/routes/instructor.preview";
import { loader as coverageLoader } from "~/routes/curriculum.coverage";
import { prisma } from "~/utils/db.server";
import { call, getRequest, postRequest, sessionCookie, userWithRole } from "./helpers";

const SLUG = "active-listening";

async function moduleWithVersions(slug = SLUG) {
  return prisma.module.findUniqueOrThrow({ where: { slug }, include: { versions: { orderBy: { version: "asc" } } } });
}

/** Answers: the right option for each question, except the questions listed as wrong. */
function answers(questions: { options: { correct: boolean }[] }[], wrong: number[] = []) {
  return questions.map((question, index) => {
    const right = question.options.findIndex((option) => option.correct);
    return wrong.includes(index) ? (right + 1) % question.options.length : right;
  });
}

describe("the course in content/", () => {
  it("loads all modules, together meeting Kentucky's 30 h and IC&RC's 46 h in its four domains", async () => {
    const report = await syncModuleFiles();
    expect(report.problems).toEqual([]);
    expect(report.published.length).toBeGreaterThanOrEqual(14);
    const versions = await prisma.moduleVersion.findMany({ select: { domains: true, competencies: true } });
    const minutes = Object.fromEntries(COURSE_DOMAIN_KEYS.map((domain) => [domain, 0]));
    for (const version of versions) for (const entry of versionContent({ ...version, questions: [], sections: [] }).domains) minutes[entry.domain]! += entry.hours * 60;
    const hours = Object.fromEntries(Object.entries(minutes).map(([domain, value]) => [domain, minutesToHours(value)]));
    expect(Object.values(hours).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(46);
    expect(hours.advocacy).toBeGreaterThanOrEqual(10);
    expect(hours["mentoring-education"]).toBeGreaterThanOrEqual(10);
    expect(hours["recovery-wellness-support"]).toBeGreaterThanOrEqual(10);
    expect(hours["ethical-responsibility"]).toBeGreaterThanOrEqual(16);
    expect(new Set(versions.flatMap((version) => version.competencies)).size).toBe(12);

    const again = await syncModuleFiles();
    expect(again.published).toEqual([]);
    expect(again.unchanged.length).toBe(report.published.length);
  });
});

describe("content files with errors", () => {
  const good = fs.readFileSync(path.resolve("content/modules/active-listening.md"), "utf8");
  const write = (dir: string, name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);

  it("are reported with path and field while the rest load, and never replace a published version", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerpath-content-"));
    write(dir, "listening-copy.md", good.replace("id: active-listening", "id: listening-copy"));
    write(dir, "no-title.md", good.replace("id: active-listening", "id: no-title").replace(/^title: .*$/m, ""));
    write(dir, "bad-domain.md", good.replace("id: active-listening", "id: bad-domain").replace("domain: mentoring-education", "domain: juggling"));
    write(dir, "negative.md", good.replace("id: active-listening", "id: negative").replace(/hours: 3\b/, "hours: -3"));
    write(dir, "zz-duplicate.md", good.replace("id: active-listening", "id: listening-copy"));
    const report = await syncModuleFiles(dir);
    expect(report.published).toEqual(["listening-copy v1"]);
    const messages = report.problems.map((problem) => `${path.basename(problem.path)}: ${problem.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "no-title.md: title: give the module a title",
        expect.stringMatching(/^bad-domain\.md: domains\.\d\.domain: must be one of: advocacy, /),
        expect.stringMatching(/^negative\.md: domains\.\d\.hours: must be more than 0$/),
        expect.stringMatching(/^zz-duplicate\.md: id: "listening-copy" is already used by .*listening-copy\.md/),
      ]),
    );

    // Edited text without a raised version: reported, the published version stays as it was.
    write(dir, "listening-copy.md", good.replace("id: active-listening", "id: listening-copy").replace("## ", "## Changed: "));
    const changed = await syncModuleFiles(dir);
    expect(changed.problems.find((p) => p.path.endsWith("listening-copy.md"))?.message).toMatch(/raise version/);
    const copy = await moduleWithVersions("listening-copy");
    expect(copy.versions).toHaveLength(1);
    expect(versionContent(copy.versions[0]!).sections[0]!.title).not.toMatch(/^Changed/);
  });

  it("parse script tags and javascript: links into inert HTML", async () => {
    const hostile = good
      .replace("id: active-listening", "id: hostile")
      .replace(/\n## /, "\n<script>alert(1)</script>\n\n[click me](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n## ");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peerpath-content-"));
    write(dir, "hostile.md", hostile);
    expect((await syncModuleFiles(dir)).published).toEqual(["hostile v1"]);
    const html = versionContent((await moduleWithVersions("hostile")).versions[0]!).sections.map((s) => s.html).join("");
    expect(html).toContain("click me");
    expect(html).not.toMatch(/<script|javascript:|onerror|<img/i);
  });
});

describe("a trainee taking a module", () => {
  it("resumes from the server, passes the check on a retake and is credited exactly once", async () => {
    await syncModuleFiles();
    const trainee = await userWithRole("TRAINEE");
    const cookie = await sessionCookie(trainee.id);
    const module = await moduleWithVersions();
    const enrolled = await call(overviewAction, await postRequest(`/modules/${SLUG}`, {}, [cookie]), { slug: SLUG });
    expect(enrolled.headers.get("Location")).toBe(`/modules/${SLUG}/sections/1`);
    const enrolment = await prisma.enrolment.findUniqueOrThrow({ where: { traineeId_moduleId: { traineeId: trainee.id, moduleId: module.id } } });
    const content = versionContent(module.versions.at(-1)!);

    await markSectionSeen(enrolment.id, 0);
    await markSectionSeen(enrolment.id, 0);
    await markSectionSeen(enrolment.id, 1);
    expect((await prisma.enrolment.findUniqueOrThrow({ where: { id: enrolment.id } })).seenSections).toEqual([0, 1]);

    // The check page sends prompts and option texts only.
    const check = await (await call(checkLoader, getRequest(`/modules/${SLUG}/check`, [cookie]), { slug: SLUG })).json();
    expect(JSON.stringify(check)).not.toMatch(/"correct"|"feedback"/);

    const failed = await submitKnowledgeCheck(enrolment.id, answers(content.questions, [0, 1, 2]));
    expect(failed.result.passed).toBe(false);
    const passed = await submitKnowledgeCheck(enrolment.id, answers(content.questions));
    expect(passed.result).toMatchObject({ passed: true, percent: 100 });
    expect(passed.completed).toBe(false); // sections still unread
    // The overview shows where they are: sections read, the last check, where to resume.
    const overview = await (await call(overviewLoader, getRequest(`/modules/${SLUG}`, [cookie]), { slug: SLUG })).json();
    expect(overview.enrolment).toEqual({ seenCount: 2, resume: 2, completedAt: null, lastCheck: { percent: 100, passed: true } });
    expect(overview.sections.map((s: { title: string; seen: boolean }) => s.seen)).toEqual(content.sections.map((_, i) => i < 2));
    expect(overview.sections.map((s: { title: string }) => s.title)).toEqual(content.sections.map((s) => s.title));
    expect(overview.questionCount).toBe(content.questions.length);

    for (let index = 2; index < content.sections.length; index++) await markSectionSeen(enrolment.id, index);
    await submitKnowledgeCheck(enrolment.id, answers(content.questions));
    await markSectionSeen(enrolment.id, 0);

    const completions = await prisma.moduleCompletion.findMany({ where: { traineeId: trainee.id }, include: { ledgerEntries: true } });
    expect(completions).toHaveLength(1);
    expect(completions[0]!.ledgerEntries.map((e) => [e.courseDomain, e.minutes, e.kind, e.status]).sort()).toEqual(
      content.domains.map((d) => [d.domain, d.hours * 60, "TRAINING", "APPROVED"]).sort(),
    );
    const byDomain = await trainingMinutesByDomain(trainee.id);
    expect(byDomain.reduce((sum, row) => sum + row.minutes, 0)).toBe(content.domains.reduce((sum, d) => sum + d.hours * 60, 0));
  });

  it("refuses a knowledge check with a question left blank, naming it, and records nothing", async () => {
    await syncModuleFiles();
    const trainee = await userWithRole("TRAINEE");
    const cookie = await sessionCookie(trainee.id);
    const module = await moduleWithVersions();
    const enrolment = (await enrol(trainee.id, module.id))!;
    const content = versionContent(module.versions.at(-1)!);
    expect(content.questions.length).toBeGreaterThanOrEqual(4);
    const right = answers(content.questions);
    const submit = (fields: Record<string, string>) => postRequest(`/modules/${SLUG}/check`, fields, [cookie]).then((request) => call(checkAction, request, { slug: SLUG }));

    // Every answer right but the fourth left blank (or sent empty): not scored as its first option.
    const fields = Object.fromEntries(right.map((choice, index) => [`q${index}`, String(choice)]).filter(([name]) => name !== "q3"));
    for (const blank of [fields, { ...fields, q3: "" }, {}]) {
      const refused = await submit(blank);
      expect(refused.status).toBe(400);
      expect((await refused.json()).error).toMatch(/^Answer every question before you submit\. Still open: question (\d+, )*4(, \d+)*\.$/);
    }
    expect(await prisma.knowledgeCheckAttempt.count({ where: { enrolmentId: enrolment.id } })).toBe(0);

    const scored = await submit(Object.fromEntries(right.map((choice, index) => [`q${index}`, String(choice)])));
    expect(scored.status).toBe(200);
    expect((await scored.json()).score).toMatchObject({ correct: content.questions.length, percent: 100, passed: true });
    expect(await prisma.knowledgeCheckAttempt.count({ where: { enrolmentId: enrolment.id } })).toBe(1);
  });

  it("refuses a section number that does not exist with 404", async () => {
    await syncModuleFiles();
    const trainee = await userWithRole("TRAINEE");
    const module = await moduleWithVersions();
    await enrol(trainee.id, module.id);
    const response = await call(sectionLoader, getRequest(`/modules/${SLUG}/sections/99`, [await sessionCookie(trainee.id)]), { slug: SLUG, index: "99" });
    expect(response.status).toBe(404);
  });
});

function editorFields(content: ReturnType<typeof versionContent> & { title: string; summary: string; estimatedMinutes: number; passMark: number; competencies: number[]; objectives: string[]; body: string }, revision: number, intent: "save" | "publish") {
  const fields: Record<string, string> = {
    intent,
    revision: String(revision),
    title: content.title,
    summary: content.summary,
    estimatedMinutes: String(content.estimatedMinutes),
    passMark: String(content.passMark),
    objectives: content.objectives.join("\n"),
    body: content.body,
  };
  for (const entry of content.domains) fields[`hours.${entry.domain}`] = String(entry.hours);
  content.questions.forEach((question, index) => {
    fields[`q${index}.prompt`] = question.prompt;
    fields[`q${index}.correct`] = String(question.options.findIndex((option) => option.correct));
    question.options.forEach((option, slot) => {
      fields[`q${index}.o${slot}.text`] = option.text;
      fields[`q${index}.o${slot}.feedback`] = option.feedback;
    });
  });
  return fields;
}

async function editRequest(fields: Record<string, string>, competencies: number[], cookie: string) {
  const request = await postRequest(`/instructor/modules/${SLUG}/edit`, fields, [cookie]);
  const body = new URLSearchParams(await request.text());
  for (const competency of competencies) body.append("competencies", String(competency));
  return new Request(request.url, { method: "POST", body, headers: request.headers });
}

describe("instructors authoring a module", () => {
  it("publish a new version; a trainee under way keeps theirs and a new trainee gets the newest", async () => {
    await syncModuleFiles();
    const instructor = await userWithRole("INSTRUCTOR");
    const cookie = await sessionCookie(instructor.id);
    const before = await moduleWithVersions();
    const v1 = before.versions.at(-1)!;
    const early = await userWithRole("TRAINEE");
    await enrol(early.id, before.id);

    const content = { ...v1, ...versionContent(v1) };
    const fields = editorFields({ ...content, title: "Active Listening, Revised" }, 0, "publish");
    const published = await call(editAction, await editRequest(fields, content.competencies, cookie), { slug: SLUG });
    expect(published.status).toBe(302);
    expect(published.headers.get("Location")).toBe(`/instructor/modules/${SLUG}?published=${v1.version + 1}`);

    const after = await moduleWithVersions();
    expect(after.versions.map((v) => v.title)).toEqual([v1.title, "Active Listening, Revised"]);
    expect(after.versions[0]).toEqual(v1); // the old version is untouched
    const late = await userWithRole("TRAINEE");
    await enrol(late.id, before.id);
    const pinned = await prisma.enrolment.findMany({ where: { moduleId: before.id, traineeId: { in: [early.id, late.id] } }, include: { moduleVersion: true } });
    expect(Object.fromEntries(pinned.map((e) => [e.traineeId === early.id ? "early" : "late", e.moduleVersion.version]))).toEqual({
      early: v1.version,
      late: v1.version + 1,
    });
    // Each overview shows the version its reader sees: the started one, or the newest for a newcomer.
    const newcomer = await userWithRole("TRAINEE");
    const titles = await Promise.all(
      [early, late, newcomer].map(async (trainee) => {
        const page = await (await call(overviewLoader, getRequest(`/modules/${SLUG}`, [await sessionCookie(trainee.id)]), { slug: SLUG })).json();
        return [page.version, page.title, page.enrolment?.seenCount ?? null];
      }),
    );
    expect(titles).toEqual([
      [v1.version, v1.title, 0],
      [v1.version + 1, "Active Listening, Revised", 0],
      [v1.version + 1, "Active Listening, Revised", null],
    ]);
    const missing = await call(overviewLoader, getRequest(`/modules/no-such-module`, [cookie]), { slug: "no-such-module" });
    expect(missing.status).toBe(404);

    const comparison = await (await call(moduleStatsLoader, getRequest(`/instructor/modules/${SLUG}?from=${v1.version}&to=${v1.version + 1}`, [cookie]), { slug: SLUG })).json();
    expect(comparison.comparison.fields).toEqual([`Title: ${v1.title} → Active Listening, Revised`]);
  });

  it("tell the second of two instructors saving one draft that it changed, and lose nothing", async () => {
    await syncModuleFiles();
    const first = await userWithRole("INSTRUCTOR");
    const second = await userWithRole("INSTRUCTOR");
    const v = (await moduleWithVersions()).versions.at(-1)!;
    const content = { ...v, ...versionContent(v) };
    const save = async (userId: string, summary: string) =>
      call(editAction, await editRequest(editorFields({ ...content, summary }, 0, "save"), content.competencies, await sessionCookie(userId)), { slug: SLUG });
    expect((await save(first.id, "The first instructor's summary of the module.")).status).toBe(302);
    const conflict = await save(second.id, "The second instructor's summary, typed at the same time.");
    expect(conflict.status).toBe(409);
    const body = await conflict.json();
    expect(body.problems[0]).toMatch(/Someone else saved this draft/);
    expect(body.values.summary).toBe("The second instructor's summary, typed at the same time.");
    const draft = await prisma.moduleDraft.findFirstOrThrow({ where: { module: { slug: SLUG } } });
    expect(draft.summary).toBe("The first instructor's summary of the module.");
  });

  it("refuse a question with options but no prompt, and an option with feedback but no text, keeping what was typed", async () => {
    await syncModuleFiles();
    const instructor = await userWithRole("INSTRUCTOR");
    const cookie = await sessionCookie(instructor.id);
    const module = await moduleWithVersions();
    const v = module.versions.at(-1)!;
    const content = { ...v, ...versionContent(v) };
    const save = async (fields: Record<string, string>) => call(editAction, await editRequest(fields, content.competencies, cookie), { slug: SLUG });
    const draftBefore = await prisma.moduleDraft.findUnique({ where: { moduleId: module.id } });
    const revision = draftBefore?.revision ?? 0;
    const added = content.questions.length; // the "Add a question" fieldset
    const blankSlot = (index: number) => ({
      [`q${index}.prompt`]: "",
      ...Object.fromEntries([0, 1, 2, 3, 4].flatMap((slot) => [[`q${index}.o${slot}.text`, ""], [`q${index}.o${slot}.feedback`, ""]])),
    });
    const newQuestion = {
      ...blankSlot(added),
      [`q${added}.o0.text`]: "Ask what support they want",
      [`q${added}.o0.feedback`]: "Yes: the peer leads.",
      [`q${added}.o1.text`]: "Tell them what to do",
      [`q${added}.o1.feedback`]: "No: that is directing, not supporting.",
      [`q${added}.correct`]: "0",
    };

    const noPrompt = await save({ ...editorFields(content, revision, "save"), ...newQuestion });
    expect(noPrompt.status).toBe(400);
    const refused = await noPrompt.json();
    expect(refused.problems).toEqual([`Question ${added + 1}: write the question`]);
    expect(refused.values.questions[added]).toEqual({
      prompt: "",
      options: [
        { text: "Ask what support they want", correct: true, feedback: "Yes: the peer leads." },
        { text: "Tell them what to do", correct: false, feedback: "No: that is directing, not supporting." },
      ],
    });

    const noOptionText = await save({ ...editorFields(content, revision, "save"), "q0.o1.text": "" });
    expect(noOptionText.status).toBe(400);
    const second = await noOptionText.json();
    expect(second.problems).toEqual(["Question 1, option B: write the option's text"]);
    expect(second.values.questions[0].options[1]).toEqual({ ...content.questions[0]!.options[1]!, text: "" });
    expect(await prisma.moduleDraft.findUnique({ where: { moduleId: module.id } })).toEqual(draftBefore);

    // The "Add a question" fieldset left empty (even with a right option ticked) is no question: saved.
    const saved = await save({ ...editorFields(content, revision, "save"), ...blankSlot(added), [`q${added}.correct`]: "2" });
    expect(saved.status).toBe(302);
    const draft = await prisma.moduleDraft.findUniqueOrThrow({ where: { moduleId: module.id } });
    expect(draft.questions).toEqual(content.questions);
  });

  it("refuse to publish an incomplete draft and say why", async () => {
    await syncModuleFiles();
    const instructor = await userWithRole("INSTRUCTOR");
    const before = await moduleWithVersions();
    const v = before.versions.at(-1)!;
    const content = { ...v, ...versionContent(v) };
    const fields = editorFields({ ...content, questions: content.questions.slice(0, 2) }, 0, "publish");
    fields["hours.advocacy"] = "-2";
    const response = await call(editAction, await editRequest(fields, content.competencies, await sessionCookie(instructor.id)), { slug: SLUG });
    expect(response.status).toBe(400);
    expect((await response.json()).problems).toEqual(expect.arrayContaining(["Hours for Advocacy: must be more than 0"]));
    expect((await moduleWithVersions()).versions).toHaveLength(before.versions.length);
  });

  it("refuse to publish a draft that says what the newest version says, and create no version", async () => {
    await syncModuleFiles();
    const instructor = await userWithRole("INSTRUCTOR");
    const cookie = await sessionCookie(instructor.id);
    const before = await moduleWithVersions();
    const latest = before.versions.at(-1)!;
    const content = { ...latest, ...versionContent(latest) };
    const { draft } = await (await call(editLoader, getRequest(`/instructor/modules/${SLUG}/edit`, [cookie]), { slug: SLUG })).json();
    const publish = async (changes: Partial<typeof content>, revision: number) =>
      call(editAction, await editRequest(editorFields({ ...content, ...changes }, revision, "publish"), content.competencies, cookie), { slug: SLUG });

    const unchanged = await publish({}, draft.revision);
    expect(unchanged.status).toBe(409);
    expect((await unchanged.json()).problems).toEqual([`Nothing to publish: this draft is the same as version ${latest.version}.`]);
    expect((await moduleWithVersions()).versions).toEqual(before.versions);
    expect(await prisma.auditEvent.count({ where: { action: "module.published", actorId: instructor.id } })).toBe(0);

    // Changed, it publishes as usual.
    const saved = await prisma.moduleDraft.findFirstOrThrow({ where: { module: { slug: SLUG } } });
    const changed = await publish({ summary: `${latest.summary} Now with a worked example.` }, saved.revision);
    expect(changed.status).toBe(302);
    expect((await moduleWithVersions()).versions).toHaveLength(before.versions.length + 1);
  });

  it("name each field as the page labels it, in the instructor's words, alike when saving and publishing", async () => {
    await syncModuleFiles();
    const instructor = await userWithRole("INSTRUCTOR");
    const cookie = await sessionCookie(instructor.id);
    // Field names as stored ("summary", "domains.0.hours") or zod's own wording.
    const internal = /estimatedMinutes|passMark|^(title|summary|domains|competencies|objectives|questions|body)\b|[a-z]\.\d|Invalid input|Too (big|small)|expected /;

    // A new module: an 81-character id is refused with a sentence, and nothing is created.
    const create = async (slug: string) => call(newModuleAction, await postRequest("/instructor/modules", { slug, title: "Grief and loss" }, [cookie]));
    const tooLong = await create(`grief-${"a".repeat(75)}`);
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).errors).toEqual({ slug: ["Keep the module id to 80 characters"] });
    expect(await prisma.module.count({ where: { slug: { startsWith: "grief-" } } })).toBe(0);
    expect((await create("grief-and-loss")).status).toBe(302);

    // Saving: a blank number and a pass mark over 100, named by their labels; nothing saved.
    const slug = "grief-and-loss";
    const draft = (await (await call(editLoader, getRequest(`/instructor/modules/${slug}/edit`, [cookie]), { slug })).json()).draft;
    const fields = (intent: "save" | "publish", changes: Record<string, string> = {}) => ({
      intent,
      revision: String(draft.revision),
      title: draft.title,
      summary: draft.summary,
      estimatedMinutes: String(draft.estimatedMinutes),
      passMark: String(draft.passMark),
      objectives: "",
      body: draft.body,
      "q0.prompt": "",
      ...changes,
    });
    const post = async (form: Record<string, string>) =>
      call(editAction, await postRequest(`/instructor/modules/${slug}/edit`, form, [cookie]), { slug });
    const refused = async (form: Record<string, string>) => {
      const response = await post(form);
      expect(response.status).toBe(400);
      const { problems } = (await response.json()) as { problems: string[] };
      for (const problem of problems) expect(problem).not.toMatch(internal);
      return problems;
    };
    expect(await refused(fields("save", { estimatedMinutes: "" }))).toEqual(["Estimated minutes of study: enter a whole number of minutes"]);
    expect(await refused(fields("save", { passMark: "150" }))).toEqual(["Pass mark: at most 100%"]);
    // Only plain decimals: Number() would read these as 10 hours, 2 hours and 100 minutes.
    expect(await refused(fields("save", { "hours.advocacy": "1e1", "hours.ethical-responsibility": "0x2", estimatedMinutes: "1e2" }))).toEqual([
      "Estimated minutes of study: enter a whole number of minutes",
      "Hours for Advocacy: enter the hours as a number, like 1.5",
      "Hours for Ethical responsibility: enter the hours as a number, like 1.5",
    ]);
    expect(await refused(fields("save", { title: "", "hours.advocacy": "1.1", objectives: "ok" }))).toEqual([
      "Title: give the module a title",
      "Hours for Advocacy: use quarter hours (0.25, 0.5, 0.75, ...)",
      "Learning objective 1: write at least 3 characters",
    ]);
    expect((await prisma.moduleDraft.findFirstOrThrow({ where: { module: { slug } } })).revision).toBe(draft.revision);

    // Publishing the empty draft lists what is missing in the same words.
    expect(await refused(fields("publish"))).toEqual([
      "The draft was saved but not published:",
      "Summary: write at least 10 characters",
      "Hours credited per domain: give hours in at least one domain",
      "SAMHSA core-competency categories: choose at least one category",
      "Learning objectives: list at least one learning objective",
      "Knowledge check: needs at least 5 questions",
    ]);
    expect(await prisma.moduleVersion.count({ where: { module: { slug } } })).toBe(0);
  });

  it("export a version in the content file format, which loads back to the same content", async () => {
    await syncModuleFiles();
    const instructor = await userWithRole("INSTRUCTOR");
    const v = (await moduleWithVersions()).versions[0]!;
    const response = await call(exportLoader, getRequest(`/instructor/modules/${SLUG}/export?version=${v.version}`, [await sessionCookie(instructor.id)]), { slug: SLUG });
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${SLUG}.md"`);
    const parsed = parseModuleFile(`${SLUG}.md`, await response.text());
    expect(parsed.problems).toEqual([]);
    const { domains, questions } = versionContent(v);
    expect(parsed.module).toMatchObject({ id: SLUG, version: v.version, title: v.title, domains, questions, objectives: v.objectives });
    expect(parsed.module!.body.trim()).toBe(v.body.trim());
  });

  it("preview Markdown sanitized the same way as delivery", async () => {
    const instructor = await userWithRole("INSTRUCTOR");
    const request = await postRequest("/instructor/preview", { body: "## Part\n\nHello <script>alert(1)</script> [x](javascript:alert(1))" }, [await sessionCookie(instructor.id)]);
    const { sections } = await (await call(previewAction, request)).json();
    expect(sections[0].title).toBe("Part");
    expect(sections[0].html).not.toMatch(/<script|javascript:/);
  });

  it("see how many trainees started and finished, and the share answering each question right", async () => {
    await syncModuleFiles();
    const instructor = await userWithRole("INSTRUCTOR");
    const module = await moduleWithVersions("documentation");
    const version = module.versions.at(-1)!;
    const { questions } = versionContent(version);
    for (const wrong of [[], [0], [0, 1]]) {
      const trainee = await userWithRole("TRAINEE");
      const enrolment = await enrol(trainee.id, module.id);
      await submitKnowledgeCheck(enrolment!.id, answers(questions, wrong));
    }
    const stats = (await (await call(moduleStatsLoader, getRequest("/instructor/modules/documentation", [await sessionCookie(instructor.id)]), { slug: "documentation" })).json()).stats;
    expect(stats.started).toBe(3);
    expect(stats.perQuestion.slice(0, 3).map((q: { shareRight: number }) => q.shareRight)).toEqual([33, 67, 100]);
  });
});

describe("the coverage matrix", () => {
  it("shows every SAMHSA category with the modules that cover it", async () => {
    await syncModuleFiles();
    const board = await userWithRole("BOARD_MEMBER");
    const data = await (await call(coverageLoader, getRequest("/curriculum/coverage", [await sessionCookie(board.id)]))).json();
    expect(data.categories).toHaveLength(12);
    expect(data.categories.every((category: { covering: number }) => category.covering > 0)).toBe(true);
    expect(data.modules.length).toBeGreaterThanOrEqual(14);
  });
});
