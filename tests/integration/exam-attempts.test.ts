// Candidates sitting the real IC&RC PR exam (content/exams) against a real database: eligibility,
// the recorded form, answers saved one by one, the server's deadline, scoring once, and the result.
import { beforeAll, describe, expect, it } from "vitest";
import { nextAttemptDate } from "~/domain/exam-eligibility";
import { scaledScore } from "~/domain/exam-scoring";
import { syncContent } from "~/models/content.server";
import {
  AttemptRefusal,
  attemptForCandidate,
  finalizeExpiredAttempts,
  saveAnswer,
  setFlag,
  startAttempt,
  submitAttempt,
} from "~/models/exam-attempt.server";
import { action as questionAction, loader as questionLoader } from "~/routes/attempts.$attemptId.$position";
import { action as allAction, loader as allLoader } from "~/routes/attempts.$attemptId.all";
import { action as answerAction } from "~/routes/attempts.$attemptId.answer";
import { loader as resultLoader } from "~/routes/attempts.$attemptId.result";
import { action as submitAction, loader as submitLoader } from "~/routes/attempts.$attemptId.submit";
import { action as definitionAction, loader as definitionLoader } from "~/routes/board.exams.$examId._index";
import { action as startAction, loader as examLoader } from "~/routes/exams.$code";
import { loader as examsLoader } from "~/routes/exams._index";
import { prisma } from "~/utils/db.server";
import { call, getRequest, postRequest, sessionCookie, userWithRole } from "./helpers";
import { definitionFormFields } from "./route-table.exams-board";
import { EXAM_CODE as CODE, PR_TRAINING_HOURS, grantTrainingHours } from "./route-table.exams-candidate";

beforeAll(async () => {
  await syncContent();
}, 120_000);

async function trainee({ eligible = true, asOf = new Date() } = {}) {
  const user = await userWithRole("TRAINEE");
  if (eligible) await grantTrainingHours(user.id, PR_TRAINING_HOURS, asOf);
  return { user, cookie: await sessionCookie(user.id) };
}

/** The bank's keys and rationales, read straight from the database as only the server may. */
async function bank() {
  const versions = await prisma.examItemVersion.findMany({
    where: { item: { exam: { code: CODE } } },
    select: { id: true, type: true, key: true, rationale: true, options: true, item: { select: { domain: true } } },
  });
  return new Map(versions.map((version) => [version.id, { ...version, optionIds: (version.options as { id: string }[]).map((o) => o.id) }]));
}

const wrongOption = (item: { key: string[]; optionIds: string[] }) => item.optionIds.find((id) => !item.key.includes(id))!;

const postAnswer = async (cookie: string, attemptId: string, fields: Record<string, string>) =>
  call(answerAction, await postRequest(`/attempts/${attemptId}/answer`, { intent: "answer", ...fields }, [cookie]), { attemptId });

async function refusal(work: Promise<unknown>): Promise<AttemptRefusal> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AttemptRefusal);
  return error as AttemptRefusal;
}

describe("starting an attempt", () => {
  it("draws a blueprint form from the live and pretest items, recorded with the server's deadline", async () => {
    const { user } = await trainee();
    const now = new Date();
    const { attemptId, resumed } = await startAttempt(user.id, CODE, now);
    expect(resumed).toBe(false);
    const row = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(row.formSeed).toBe(attemptId);
    expect(row.deadline.getTime()).toBe(now.getTime() + 60 * 60_000);
    const attempt = await attemptForCandidate(attemptId, user.id, now);
    expect(attempt.form).toHaveLength(44);
    const scored = attempt.form.filter((entry) => entry.scored);
    expect(scored).toHaveLength(40);
    for (const domain of Object.keys(PR_TRAINING_HOURS)) expect(scored.filter((entry) => entry.domain === domain)).toHaveLength(10);
    expect(new Set(attempt.form.map((entry) => entry.itemVersionId)).size).toBe(44);
  });

  it("refuses a candidate whose training is not complete, saying what is missing", async () => {
    const { user, cookie } = await trainee({ eligible: false });
    await grantTrainingHours(user.id, { advocacy: 10, "mentoring-education": 10, "recovery-wellness-support": 10 });
    const reason = "Training hours for Peer Recovery (PR) are not complete: 16 more hours of Ethical responsibility.";
    expect((await refusal(startAttempt(user.id, CODE))).message).toBe(reason);

    const posted = await call(startAction, await postRequest(`/exams/${CODE}`, {}, [cookie]), { code: CODE });
    expect(posted.status).toBe(409);
    expect(await posted.json()).toEqual({ error: reason });
    const page = await (await call(examsLoader, getRequest("/exams", [cookie]))).json();
    expect(page.exams.find((row: { exam: { code: string } }) => row.exam.code === CODE).eligibility).toEqual({
      state: "refused",
      heading: "You cannot start this exam yet.",
      reasons: [reason],
    });
    expect(await prisma.examAttempt.count({ where: { candidateId: user.id } })).toBe(0);

    const { user: beginner } = await trainee({ eligible: false });
    expect((await refusal(startAttempt(beginner.id, CODE))).message).toBe(
      "Training hours for Peer Recovery (PR) are not complete: 10 more hours of Advocacy, 10 more hours of Mentoring and education, 10 more hours of Recovery and wellness support and 16 more hours of Ethical responsibility.",
    );
  });

  it("refuses a second attempt within the waiting period with the date it opens, and opens on that date", async () => {
    const started = new Date("2026-12-03T14:00:00Z");
    const { user } = await trainee({ asOf: started });
    const first = await startAttempt(user.id, CODE, started);
    await submitAttempt(first.attemptId, user.id, new Date("2026-12-03T14:40:00Z"));
    const early = await refusal(startAttempt(user.id, CODE, new Date("2027-01-01T23:59:00Z")));
    expect(early.status).toBe(409);
    expect(early.message).toBe("Next attempt possible on 2027-01-02 (30 days after your last attempt).");
    const second = await startAttempt(user.id, CODE, new Date("2027-01-02T00:00:00Z"));
    expect(second.attemptId).not.toBe(first.attemptId);
    // Submitted, so that once the real clock passes its deadline no sweep of expired attempts finds it.
    await submitAttempt(second.attemptId, user.id, new Date("2027-01-02T00:30:00Z"));

    // On the exams page, with today's clock.
    const { user: today, cookie } = await trainee();
    const attempt = await startAttempt(today.id, CODE);
    await submitAttempt(attempt.attemptId, today.id);
    const submittedAt = (await prisma.examAttempt.findUniqueOrThrow({ where: { id: attempt.attemptId } })).submittedAt!;
    const opens = nextAttemptDate(submittedAt, 30).toISOString().slice(0, 10);
    const page = await (await call(examLoader, getRequest(`/exams/${CODE}`, [cookie]), { code: CODE })).json();
    expect(page.eligibility).toEqual({
      state: "refused",
      heading: "You cannot start this exam yet.",
      reasons: [`Next attempt possible on ${opens} (30 days after your last attempt).`],
    });
    expect(page.attempts).toHaveLength(1);
  });

  it("refuses a candidate who has used every attempt, saying so rather than \"not yet\"", async () => {
    const { user, cookie } = await trainee();
    await prisma.exam.update({ where: { code: CODE }, data: { attemptsAllowed: 1 } });
    try {
      const { attemptId } = await startAttempt(user.id, CODE);
      await submitAttempt(attemptId, user.id);
      expect((await refusal(startAttempt(user.id, CODE, new Date(Date.now() + 400 * 86_400_000)))).message).toBe(
        "No attempts left: you have used all 1 attempt this exam allows.",
      );
      const noneLeft = { state: "refused", heading: "You have used every attempt at this exam.", reasons: ["No attempts left: you have used all 1 attempt this exam allows."] };
      const page = await (await call(examLoader, getRequest(`/exams/${CODE}`, [cookie]), { code: CODE })).json();
      expect(page.eligibility).toEqual(noneLeft);
      const list = await (await call(examsLoader, getRequest("/exams", [cookie]))).json();
      expect(list.exams.find((row: { exam: { code: string } }) => row.exam.code === CODE).eligibility).toEqual(noneLeft);
    } finally {
      await prisma.exam.update({ where: { code: CODE }, data: { attemptsAllowed: 3 } });
    }
  });

  it("tells a candidate who passed that they passed, and starts no further attempt, through the page or the model", async () => {
    const { user, cookie } = await trainee();
    const items = await bank();
    const { attemptId } = await startAttempt(user.id, CODE);
    for (const entry of (await attemptForCandidate(attemptId, user.id)).form) {
      await saveAnswer({ attemptId, candidateId: user.id, itemVersionId: entry.itemVersionId, selected: items.get(entry.itemVersionId)!.key });
    }
    await submitAttempt(attemptId, user.id);
    const scored = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(scored.passed).toBe(true);
    const message = `You passed this exam on ${scored.submittedAt!.toISOString().slice(0, 10)} with a score of ${scored.scaledScore}, so there is no further attempt to take.`;

    const page = await (await call(examLoader, getRequest(`/exams/${CODE}`, [cookie]), { code: CODE })).json();
    expect(page.eligibility).toMatchObject({ state: "passed", attemptId, message });
    const list = await (await call(examsLoader, getRequest("/exams", [cookie]))).json();
    expect(list.exams.find((row: { exam: { code: string } }) => row.exam.code === CODE).eligibility).toMatchObject({ state: "passed", message });

    const posted = await call(startAction, await postRequest(`/exams/${CODE}`, {}, [cookie]), { code: CODE });
    expect(posted.status).toBe(409);
    expect(await posted.json()).toEqual({ error: message });
    // Long after the waiting period, with attempts left: still no retake.
    expect((await refusal(startAttempt(user.id, CODE, new Date(Date.now() + 400 * 86_400_000)))).message).toBe(message);
    expect(await prisma.examAttempt.count({ where: { candidateId: user.id } })).toBe(1);
  });

  it("resumes the attempt in progress: the same form with the answers and flags saved", async () => {
    const { user, cookie } = await trainee();
    const items = await bank();
    const { attemptId } = await startAttempt(user.id, CODE);
    const before = await attemptForCandidate(attemptId, user.id);
    const [first, second] = before.form;
    const choice = items.get(first!.itemVersionId)!.optionIds[1]!;
    await saveAnswer({ attemptId, candidateId: user.id, itemVersionId: first!.itemVersionId, selected: [choice] });
    await setFlag({ attemptId, candidateId: user.id, itemVersionId: second!.itemVersionId, flagged: true });

    expect(await startAttempt(user.id, CODE)).toEqual({ attemptId, resumed: true });
    const posted = await call(startAction, await postRequest(`/exams/${CODE}`, {}, [cookie]), { code: CODE });
    expect(posted.headers.get("Location")).toBe(`/attempts/${attemptId}/1`);
    expect((await attemptForCandidate(attemptId, user.id)).form).toEqual(before.form);

    const page1 = await (await call(questionLoader, getRequest(`/attempts/${attemptId}/1`, [cookie]), { attemptId, position: "1" })).json();
    expect(page1.question).toMatchObject({ itemVersionId: first!.itemVersionId, selected: [choice], flagged: false });
    expect(page1.question.options.map((option: { id: string }) => option.id)).toEqual(first!.optionOrder);
    expect(page1.navigator.slice(0, 3)).toEqual([
      { position: 1, answered: true, flagged: false },
      { position: 2, answered: false, flagged: true },
      { position: 3, answered: false, flagged: false },
    ]);
    const all = await (await call(allLoader, getRequest(`/attempts/${attemptId}/all`, [cookie]), { attemptId })).json();
    expect(all.questions).toHaveLength(44);
    expect(all.questions[1]).toMatchObject({ itemVersionId: second!.itemVersionId, selected: [], flagged: true });
    expect(await prisma.examAttempt.count({ where: { candidateId: user.id } })).toBe(1);
  });
});

describe("saving answers", () => {
  it("saves an answer for an item on the form and refuses one for an item that is not, or options it does not have", async () => {
    const { user, cookie } = await trainee();
    const items = await bank();
    const { attemptId } = await startAttempt(user.id, CODE);
    const attempt = await attemptForCandidate(attemptId, user.id);
    const onForm = new Set(attempt.form.map((entry) => entry.itemVersionId));

    const first = attempt.form[0]!;
    const saved = await postAnswer(cookie, attemptId, { itemVersionId: first.itemVersionId, selected: first.optionOrder[0]! });
    expect(saved.status).toBe(200);
    expect(Object.keys(await saved.json())).toEqual(["savedAt"]);

    const offForm = [...items.values()].find((item) => !onForm.has(item.id))!;
    const refused = await postAnswer(cookie, attemptId, { itemVersionId: offForm.id, selected: offForm.optionIds[0]! });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: "That question is not on your exam. Reload the page and answer the questions shown.", finished: false });
    const flagOffForm = await postAnswer(cookie, attemptId, { itemVersionId: offForm.id, intent: "flag" });
    expect(flagOffForm.status).toBe(400);

    const badOption = await postAnswer(cookie, attemptId, { itemVersionId: first.itemVersionId, selected: "z" });
    expect(badOption.status).toBe(400);
    const single = attempt.form.find((entry) => entry !== first && items.get(entry.itemVersionId)!.type === "SINGLE")!;
    const two = await refusal(saveAnswer({ attemptId, candidateId: user.id, itemVersionId: single.itemVersionId, selected: single.optionOrder.slice(0, 2) }));
    expect(two).toMatchObject({ status: 400, message: "This question takes one answer. Choose a single option." });
    const multiple = attempt.form.find((entry) => entry !== first && items.get(entry.itemVersionId)!.type === "MULTIPLE");
    if (multiple) await saveAnswer({ attemptId, candidateId: user.id, itemVersionId: multiple.itemVersionId, selected: multiple.optionOrder.slice(0, 2) });
    await saveAnswer({ attemptId, candidateId: user.id, itemVersionId: single.itemVersionId, selected: [] });

    const answers = await prisma.examAnswer.findMany({ where: { attemptId } });
    expect(answers.every((answer) => onForm.has(answer.itemVersionId))).toBe(true);
    expect(answers.find((answer) => answer.itemVersionId === first.itemVersionId)!.selected).toEqual([first.optionOrder[0]]);
  });

  it("refuses answers after the deadline and submits the attempt as of the deadline with what was saved", async () => {
    const { user } = await trainee();
    const items = await bank();
    const started = new Date();
    const { attemptId } = await startAttempt(user.id, CODE, started);
    const attempt = await attemptForCandidate(attemptId, user.id, started);
    const scored = attempt.form.filter((entry) => entry.scored);
    const [right, late] = scored;
    await saveAnswer({ attemptId, candidateId: user.id, itemVersionId: right!.itemVersionId, selected: items.get(right!.itemVersionId)!.key, now: new Date(started.getTime() + 59 * 60_000) });

    const afterDeadline = new Date(attempt.deadline.getTime() + 1_000);
    const refused = await refusal(saveAnswer({ attemptId, candidateId: user.id, itemVersionId: late!.itemVersionId, selected: items.get(late!.itemVersionId)!.key, now: afterDeadline }));
    expect(refused).toMatchObject({ status: 409, finished: true });
    expect(refused.message).toMatch(/^Time is up/);
    const row = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(row).toMatchObject({ status: "SUBMITTED", submittedBy: "deadline", rawScore: 1, maxScore: 40 });
    expect(row.submittedAt).toEqual(attempt.deadline);
    expect(await prisma.examAnswer.count({ where: { attemptId } })).toBe(1);
  });

  it("through the routes: the answer route refuses a late answer with JSON, and a page read finalizes an expired attempt", async () => {
    const { user, cookie } = await trainee();
    const { attemptId } = await startAttempt(user.id, CODE);
    const first = (await attemptForCandidate(attemptId, user.id)).form[0]!;
    const deadline = new Date(Date.now() - 1_000);
    await prisma.examAttempt.update({ where: { id: attemptId }, data: { deadline } });
    const late = await postAnswer(cookie, attemptId, { itemVersionId: first.itemVersionId, selected: first.optionOrder[0]! });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ finished: true, error: expect.stringMatching(/^Time is up/) });
    expect(await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ status: "SUBMITTED", submittedAt: deadline });

    // A read of an expired attempt submits it, and the page goes to the result.
    const { user: other, cookie: otherCookie } = await trainee();
    const second = await startAttempt(other.id, CODE);
    await prisma.examAttempt.update({ where: { id: second.attemptId }, data: { deadline } });
    const page = await call(questionLoader, getRequest(`/attempts/${second.attemptId}/1`, [otherCookie]), { attemptId: second.attemptId, position: "1" });
    expect(page.headers.get("Location")).toBe(`/attempts/${second.attemptId}/result`);
    expect(await prisma.examAttempt.findUniqueOrThrow({ where: { id: second.attemptId } })).toMatchObject({ status: "SUBMITTED", submittedBy: "deadline", submittedAt: deadline });
  });

  it("finalizeExpiredAttempts submits every attempt out of time, once, and leaves the others", async () => {
    const expired: string[] = [];
    for (let index = 0; index < 3; index++) {
      const { user } = await trainee();
      const { attemptId } = await startAttempt(user.id, CODE);
      expired.push(attemptId);
    }
    const { user: running } = await trainee();
    const open = await startAttempt(running.id, CODE);
    const deadline = new Date(Date.now() - 60_000);
    await prisma.examAttempt.updateMany({ where: { id: { in: expired } }, data: { deadline } });

    const [first, second] = await Promise.all([finalizeExpiredAttempts(), finalizeExpiredAttempts()]);
    expect(first.finalized + second.finalized).toBe(3);
    const rows = await prisma.examAttempt.findMany({ where: { id: { in: [...expired, open.attemptId] } } });
    for (const row of rows.filter((row) => expired.includes(row.id))) expect(row).toMatchObject({ status: "SUBMITTED", submittedAt: deadline, submittedBy: "deadline" });
    expect(rows.find((row) => row.id === open.attemptId)!.status).toBe("IN_PROGRESS");
    expect(await prisma.auditEvent.count({ where: { action: "exam-attempt.submitted", subjectId: { in: expired } } })).toBe(3);
  });

  it("without JavaScript: the question form saves, flags and moves on", async () => {
    const { user, cookie } = await trainee();
    const { attemptId } = await startAttempt(user.id, CODE);
    const form = (await attemptForCandidate(attemptId, user.id)).form;
    const post = async (position: number, fields: Record<string, string>) =>
      call(questionAction, await postRequest(`/attempts/${attemptId}/${position}`, fields, [cookie]), { attemptId, position: String(position) });
    const next = await post(1, { itemVersionId: form[0]!.itemVersionId, selected: form[0]!.optionOrder[0]!, intent: "next" });
    expect(next.headers.get("Location")).toBe(`/attempts/${attemptId}/2`);
    const flag = await post(2, { itemVersionId: form[1]!.itemVersionId, intent: "flag" });
    expect(flag.headers.get("Location")).toBe(`/attempts/${attemptId}/2?notice=flagged`);
    const last = await post(44, { itemVersionId: form[43]!.itemVersionId, selected: form[43]!.optionOrder[1]!, intent: "review" });
    expect(last.headers.get("Location")).toBe(`/attempts/${attemptId}/submit`);
    const saveAll = await call(
      allAction,
      await postRequest(`/attempts/${attemptId}/all`, { [`selected.${form[2]!.itemVersionId}`]: form[2]!.optionOrder[0]!, [`selected.${form[0]!.itemVersionId}`]: form[0]!.optionOrder[0]!, [`flagged.${form[1]!.itemVersionId}`]: "on", [`selected.${form[43]!.itemVersionId}`]: form[43]!.optionOrder[1]! }, [cookie]),
      { attemptId },
    );
    expect(saveAll.headers.get("Location")).toBe(`/attempts/${attemptId}/all?saved=1`);
    const review = await (await call(submitLoader, getRequest(`/attempts/${attemptId}/submit`, [cookie]), { attemptId })).json();
    expect(review.flagged).toEqual([2]);
    expect(review.unanswered).toHaveLength(41);
    expect(review.unanswered).not.toContain(3);
  });
});

describe("submitting", () => {
  it("scores a double submission once", async () => {
    const { user, cookie } = await trainee();
    const items = await bank();
    const { attemptId } = await startAttempt(user.id, CODE);
    const form = (await attemptForCandidate(attemptId, user.id)).form;
    for (const entry of form.slice(0, 5)) {
      await saveAnswer({ attemptId, candidateId: user.id, itemVersionId: entry.itemVersionId, selected: items.get(entry.itemVersionId)!.key });
    }
    const outcomes = await Promise.all([submitAttempt(attemptId, user.id), submitAttempt(attemptId, user.id)]);
    expect(outcomes.sort()).toEqual(["already-submitted", "submitted"]);
    const scored = await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(scored).toMatchObject({ status: "SUBMITTED", submittedBy: "candidate", rawScore: form.slice(0, 5).filter((entry) => entry.scored).length });

    const again = await call(submitAction, await postRequest(`/attempts/${attemptId}/submit`, {}, [cookie]), { attemptId });
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe(`/attempts/${attemptId}/result`);
    expect(await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toEqual(scored);
    expect(await prisma.auditEvent.count({ where: { action: "exam-attempt.submitted", subjectId: attemptId } })).toBe(1);

    // Two posts of the form at the same instant, through the route.
    const { user: other, cookie: otherCookie } = await trainee();
    const second = await startAttempt(other.id, CODE);
    const posts = await Promise.all(
      [1, 2].map(async () => call(submitAction, await postRequest(`/attempts/${second.attemptId}/submit`, {}, [otherCookie]), { attemptId: second.attemptId })),
    );
    expect(posts.map((response) => response.headers.get("Location"))).toEqual([`/attempts/${second.attemptId}/result`, `/attempts/${second.attemptId}/result`]);
    expect(await prisma.auditEvent.count({ where: { action: "exam-attempt.submitted", subjectId: second.attemptId } })).toBe(1);

    // Saves after submission are refused.
    const late = await postAnswer(cookie, attemptId, { itemVersionId: form[6]!.itemVersionId, selected: form[6]!.optionOrder[0]! });
    expect(late.status).toBe(409);
  });

  it("scores exactly the answers saved when saves race the submission", async () => {
    const { user } = await trainee();
    const items = await bank();
    const { attemptId } = await startAttempt(user.id, CODE);
    const scored = (await attemptForCandidate(attemptId, user.id)).form.filter((entry) => entry.scored);
    const saves = scored.map((entry) =>
      saveAnswer({ attemptId, candidateId: user.id, itemVersionId: entry.itemVersionId, selected: items.get(entry.itemVersionId)!.key }).then(
        () => "saved",
        (error: unknown) => (error instanceof AttemptRefusal && error.finished ? "refused" : Promise.reject(error)),
      ),
    );
    const [outcome] = await Promise.all([submitAttempt(attemptId, user.id), ...saves]);
    expect(outcome).toBe("submitted");
    const stored = await prisma.examAnswer.count({ where: { attemptId } });
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).rawScore).toBe(stored);
  });

  it("keeps an attempt to its candidate: 404 for another trainee, 403 for other roles, sign-in for nobody", async () => {
    const { user } = await trainee();
    const { attemptId } = await startAttempt(user.id, CODE);
    const first = (await attemptForCandidate(attemptId, user.id)).form[0]!;
    const { cookie: stranger } = await trainee();
    const params = { attemptId, position: "1" };
    expect((await call(questionLoader, getRequest(`/attempts/${attemptId}/1`, [stranger]), params)).status).toBe(404);
    expect((await call(allLoader, getRequest(`/attempts/${attemptId}/all`, [stranger]), params)).status).toBe(404);
    expect((await call(submitLoader, getRequest(`/attempts/${attemptId}/submit`, [stranger]), params)).status).toBe(404);
    expect((await call(resultLoader, getRequest(`/attempts/${attemptId}/result`, [stranger]), params)).status).toBe(404);
    expect((await postAnswer(stranger, attemptId, { itemVersionId: first.itemVersionId, selected: first.optionOrder[0]! })).status).toBe(404);
    expect((await call(submitAction, await postRequest(`/attempts/${attemptId}/submit`, {}, [stranger]), params)).status).toBe(404);

    const board = await sessionCookie((await userWithRole("BOARD_MEMBER")).id);
    expect((await call(submitAction, await postRequest(`/attempts/${attemptId}/submit`, {}, [board]), params)).status).toBe(403);
    const signedOut = await call(submitAction, await postRequest(`/attempts/${attemptId}/submit`, {}), params);
    expect(signedOut.headers.get("Location")).toMatch(/^\/login/);
    expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe("IN_PROGRESS");
  });

  it("opens a question only at its plain number: /1e1, /02, / 2 and /2.0 are 404", async () => {
    const { user, cookie } = await trainee();
    const { attemptId } = await startAttempt(user.id, CODE);
    const open = (position: string) => call(questionLoader, getRequest(`/attempts/${attemptId}/${encodeURIComponent(position)}`, [cookie]), { attemptId, position });
    expect((await open("2")).status).toBe(200);
    expect((await open("10")).status).toBe(200);
    for (const position of ["1e1", "02", " 2", "2 ", "2.0", "+2", "0x2", "0", ""]) expect((await open(position)).status, position).toBe(404);
    const first = (await attemptForCandidate(attemptId, user.id)).form[0]!;
    const posted = await call(questionAction, await postRequest(`/attempts/${attemptId}/1e1`, { itemVersionId: first.itemVersionId, selected: first.optionOrder[0]! }, [cookie]), {
      attemptId,
      position: "1e1",
    });
    expect(posted.status).toBe(404);
  });
});

describe("keys and rationales", () => {
  it("are in no candidate loader's JSON until the attempt is scored", async () => {
    const { user, cookie } = await trainee();
    const items = await bank();
    const started = await call(startAction, await postRequest(`/exams/${CODE}`, {}, [cookie]), { code: CODE });
    const attemptId = started.headers.get("Location")!.split("/")[2]!;
    const form = (await attemptForCandidate(attemptId, user.id)).form;
    const params = { attemptId, code: CODE };
    // Answered wrong, so the "incorrect" review policy shows its rationale after scoring.
    const firstScored = form.find((entry) => entry.scored)!;

    const bodies: string[] = [
      await (await call(examsLoader, getRequest("/exams", [cookie]))).text(),
      await (await call(examLoader, getRequest(`/exams/${CODE}`, [cookie]), params)).text(),
      await (await call(allLoader, getRequest(`/attempts/${attemptId}/all`, [cookie]), params)).text(),
      await (await call(submitLoader, getRequest(`/attempts/${attemptId}/submit`, [cookie]), params)).text(),
      await (await postAnswer(cookie, attemptId, { itemVersionId: firstScored.itemVersionId, selected: wrongOption(items.get(firstScored.itemVersionId)!) })).text(),
    ];
    for (let position = 1; position <= form.length; position++) {
      const page = await call(questionLoader, getRequest(`/attempts/${attemptId}/${position}`, [cookie]), { ...params, position: String(position) });
      const body = await page.json();
      expect(Object.keys(body.question).sort()).toEqual(["flagged", "itemVersionId", "options", "position", "selected", "stem", "type"]);
      for (const option of body.question.options) expect(Object.keys(option).sort()).toEqual(["id", "text"]);
      bodies.push(JSON.stringify(body));
    }
    const inProgressResult = await call(resultLoader, getRequest(`/attempts/${attemptId}/result`, [cookie]), params);
    expect(inProgressResult.headers.get("Location")).toBe(`/attempts/${attemptId}/1`);

    const rationales = [...items.values()].map((item) => item.rationale);
    for (const body of bodies) {
      expect(body).not.toMatch(/"key"|"rationale"|"correct"/);
      for (const rationale of rationales) expect(body.includes(rationale)).toBe(false);
    }

    await call(submitAction, await postRequest(`/attempts/${attemptId}/submit`, {}, [cookie]), params);
    const result = await (await call(resultLoader, getRequest(`/attempts/${attemptId}/result`, [cookie]), params)).text();
    expect(result).toContain(JSON.stringify(items.get(firstScored.itemVersionId)!.rationale));
  });
});

describe("the result", () => {
  it("reports pass or fail, the scaled score and each domain, and reviews items as the exam's policy allows", async () => {
    const { user, cookie } = await trainee();
    const items = await bank();
    const { attemptId } = await startAttempt(user.id, CODE);
    const form = (await attemptForCandidate(attemptId, user.id)).form;
    // Right: every advocacy item, five ethics items and every pretest item. Left blank: one mentoring
    // item. Wrong: the rest.
    const blank = form.find((entry) => entry.scored && entry.domain === "mentoring-education")!;
    let ethicsRight = 0;
    for (const entry of form) {
      if (entry === blank) continue;
      const item = items.get(entry.itemVersionId)!;
      const right = !entry.scored || entry.domain === "advocacy" || (entry.domain === "ethical-responsibility" && ethicsRight++ < 5);
      await saveAnswer({ attemptId, candidateId: user.id, itemVersionId: entry.itemVersionId, selected: right ? item.key : [wrongOption(item)] });
    }
    await submitAttempt(attemptId, user.id);
    const params = { attemptId };
    const result = await (await call(resultLoader, getRequest(`/attempts/${attemptId}/result`, [cookie]), params)).json();
    expect(result).toMatchObject({
      passed: false,
      rawScore: 15,
      maxScore: 40,
      scaledScore: scaledScore(15, { max: 40, cut: 28, passed: false }, { reportedMin: 200, reportedMax: 800, cutReported: 500 }),
      scale: { reportedMin: 200, reportedMax: 800, cutReported: 500 },
      submittedBy: "candidate",
      reviewPolicy: "incorrect",
    });
    expect(result.domains).toEqual([
      { domain: "advocacy", label: "Advocacy", correct: 10, total: 10, percent: 100 },
      { domain: "ethical-responsibility", label: "Ethical responsibility", correct: 5, total: 10, percent: 50 },
      { domain: "mentoring-education", label: "Mentoring and education", correct: 0, total: 10, percent: 0 },
      { domain: "recovery-wellness-support", label: "Recovery and wellness support", correct: 0, total: 10, percent: 0 },
    ]);
    // "incorrect": the 24 scored items answered wrong, each with its key and rationale; no pretest item,
    // and not the item left blank (leaving items blank must not be a way to read their keys).
    expect(result.review).toHaveLength(24);
    expect(result.review.some((item: { domain: string }) => item.domain === "Advocacy")).toBe(false);
    expect(result.review.some((item: { position: number }) => item.position === form.indexOf(blank) + 1)).toBe(false);
    const reviewed = result.review[0];
    const entry = form[reviewed.position - 1]!;
    expect(entry.scored).toBe(true);
    expect(reviewed.rationale).toBe(items.get(entry.itemVersionId)!.rationale);
    expect(reviewed.options.filter((option: { correct: boolean }) => option.correct).map((option: { id: string }) => option.id)).toEqual(
      entry.optionOrder.filter((id) => items.get(entry.itemVersionId)!.key.includes(id)),
    );
    expect(reviewed.options.filter((option: { selected: boolean }) => option.selected)).toHaveLength(1);

    for (const [policy, count] of [["full", 40], ["none", 0]] as const) {
      await prisma.exam.update({ where: { code: CODE }, data: { reviewPolicy: policy } });
      const again = await (await call(resultLoader, getRequest(`/attempts/${attemptId}/result`, [cookie]), params)).json();
      expect(again.review).toHaveLength(count);
    }
    await prisma.exam.update({ where: { code: CODE }, data: { reviewPolicy: "incorrect" } });

    const page = await (await call(examsLoader, getRequest("/exams", [cookie]))).json();
    const exam = page.exams.find((row: { exam: { code: string } }) => row.exam.code === CODE);
    expect(exam.attempts[0]).toMatchObject({ id: attemptId, passed: false, score: String(result.scaledScore) });
  });
});

describe("changing the exam's rules", () => {
  const icrcScale = { reportedMin: 200, reportedMax: 800, cutReported: 500 };

  /** Saves the exam through the board's page: every field as the page fills it, with `changes`. */
  async function boardSaves(examId: string, cookie: string, changes: Record<string, string>) {
    const page = await (await call(definitionLoader, getRequest(`/board/exams/${examId}`, [cookie]), { examId })).json();
    const fields = { ...definitionFormFields(page), intent: "save", ...changes };
    const saved = await call(definitionAction, await postRequest(`/board/exams/${examId}`, fields, [cookie]), { examId });
    expect(saved.status, await saved.clone().text()).toBe(302);
  }

  /** Answers every question: the first `right` scored items and every pretest item right, the rest wrong. */
  async function answerAll(attemptId: string, candidateId: string, right: number) {
    const items = await bank();
    const form = (await attemptForCandidate(attemptId, candidateId)).form;
    let scoredRight = 0;
    for (const entry of form) {
      const item = items.get(entry.itemVersionId)!;
      const isRight = !entry.scored || scoredRight++ < right;
      await saveAnswer({ attemptId, candidateId, itemVersionId: entry.itemVersionId, selected: isRight ? item.key : [wrongOption(item)] });
    }
    return form;
  }

  const submitThroughRoute = async (attemptId: string, cookie: string) =>
    call(submitAction, await postRequest(`/attempts/${attemptId}/submit`, {}, [cookie]), { attemptId });

  const resultOf = async (attemptId: string, cookie: string) =>
    (await call(resultLoader, getRequest(`/attempts/${attemptId}/result`, [cookie]), { attemptId })).json();

  /** The result page shows the score the attempt earned under a cut of `cut` of `max` on `scale`. */
  async function expectScored(attemptId: string, cookie: string, { raw, max, cut, scale }: { raw: number; max: number; cut: number; scale: typeof icrcScale }) {
    const passed = raw >= cut;
    const result = await resultOf(attemptId, cookie);
    expect(result).toMatchObject({ passed, rawScore: raw, maxScore: max, scaledScore: scaledScore(raw, { max, cut, passed }, scale), scale });
    return result;
  }

  it("scores attempts under way and keeps past results under the rules they were drawn under; new attempts take the new rules", async () => {
    const exam = await prisma.exam.findUniqueOrThrow({ where: { code: CODE } });
    const board = await sessionCookie((await userWithRole("BOARD_MEMBER", "ICRC")).id);
    try {
      // A past result under the original rules: a raw cut of 28 of 40, on IC&RC's scale.
      const past = await trainee();
      const pastAttempt = await startAttempt(past.user.id, CODE);
      await answerAll(pastAttempt.attemptId, past.user.id, 30);
      await submitAttempt(pastAttempt.attemptId, past.user.id);
      const pastResult = await expectScored(pastAttempt.attemptId, past.cookie, { raw: 30, max: 40, cut: 28, scale: icrcScale });

      // Under way: one trainee has answered all 44 questions; another's time will run out later.
      const sitting = await trainee();
      const sittingAttempt = await startAttempt(sitting.user.id, CODE);
      expect(await answerAll(sittingAttempt.attemptId, sitting.user.id, 29)).toHaveLength(44);
      const late = await trainee();
      const lateAttempt = await startAttempt(late.user.id, CODE);
      await answerAll(lateAttempt.attemptId, late.user.id, 20);
      const another = await trainee();
      const anotherAttempt = await startAttempt(another.user.id, CODE);
      await answerAll(anotherAttempt.attemptId, another.user.id, 28);

      // The board saves a new blueprint (advocacy 11, so 41 scored items) and an Angoff rule with 41
      // ratings per judge (cut 36.9), and rescales to 100-900 with 700 to pass.
      const judge = (name: string) => [name, ...Array.from({ length: 41 }, () => "0.9")].join(",");
      await boardSaves(exam.id, board, {
        "blueprint.advocacy": "11",
        passRuleKind: "angoff",
        angoffRatings: [judge("Ana"), judge("Ben")].join("\n"),
        reportedMin: "100",
        reportedMax: "900",
        cutReported: "700",
      });

      // The submission goes through and is scored under the rules the attempt was drawn under.
      const submitted = await submitThroughRoute(sittingAttempt.attemptId, sitting.cookie);
      expect(submitted.status).toBe(302);
      expect(submitted.headers.get("Location")).toBe(`/attempts/${sittingAttempt.attemptId}/result`);
      await expectScored(sittingAttempt.attemptId, sitting.cookie, { raw: 29, max: 40, cut: 28, scale: icrcScale });
      // The past result shows its original score, and its review still opens.
      expect(await resultOf(pastAttempt.attemptId, past.cookie)).toEqual(pastResult);

      // An attempt drawn under the old rules that runs out of time is submitted by the deadline on the
      // candidate's next read of their exams, scored under its own rules.
      await prisma.examAttempt.update({ where: { id: lateAttempt.attemptId }, data: { deadline: new Date(Date.now() - 60_000) } });
      const exams = await call(examsLoader, getRequest("/exams", [late.cookie]));
      expect(exams.status).toBe(200);
      expect(await prisma.examAttempt.findUniqueOrThrow({ where: { id: lateAttempt.attemptId } })).toMatchObject({
        status: "SUBMITTED",
        submittedBy: "deadline",
        rawScore: 20,
        maxScore: 40,
        passed: false,
      });

      // A new attempt is drawn to the new blueprint and scored under the new rule and scale.
      const next = await trainee();
      const nextAttempt = await startAttempt(next.user.id, CODE);
      expect((await prisma.examAttempt.findUniqueOrThrow({ where: { id: nextAttempt.attemptId } })).passRule).toMatchObject({ kind: "angoff" });
      const nextForm = await answerAll(nextAttempt.attemptId, next.user.id, 36);
      expect(nextForm.filter((entry) => entry.scored)).toHaveLength(41);
      await submitAttempt(nextAttempt.attemptId, next.user.id);
      const newScale = { reportedMin: 100, reportedMax: 900, cutReported: 700 };
      await expectScored(nextAttempt.attemptId, next.cookie, { raw: 36, max: 41, cut: 36.9, scale: newScale });

      // A raw cut of 41, above the 40 items of the forms drawn first, leaves those forms alone too.
      await boardSaves(exam.id, board, { passRuleKind: "raw", rawCut: "41" });
      const again = await submitThroughRoute(anotherAttempt.attemptId, another.cookie);
      expect(again.headers.get("Location")).toBe(`/attempts/${anotherAttempt.attemptId}/result`);
      await expectScored(anotherAttempt.attemptId, another.cookie, { raw: 28, max: 40, cut: 28, scale: icrcScale });
      expect(await resultOf(pastAttempt.attemptId, past.cookie)).toEqual(pastResult);

      // No attempt is drawn under a rule that could not score its form (here one set in the database
      // past the board's checks): the start is refused and nothing is left behind.
      await prisma.exam.update({ where: { id: exam.id }, data: { passRule: { kind: "raw", cut: 45 } } });
      const refused = await trainee();
      expect((await refusal(startAttempt(refused.user.id, CODE))).message).toBe(
        "This exam cannot be started right now: The raw cut must be between 0 and the form's 41 scored items; it is 45. Please tell the board.",
      );
      expect(await prisma.examAttempt.count({ where: { candidateId: refused.user.id } })).toBe(0);
    } finally {
      await prisma.exam.update({
        where: { id: exam.id },
        data: { blueprint: exam.blueprint!, passRule: exam.passRule!, scaling: exam.scaling ?? undefined },
      });
    }
  });
});
