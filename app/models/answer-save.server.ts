// Saving one answer or review flag as the candidate gives it (POST /attempts/:attemptId/answer), by
// two ways in that answer alike:
//
// - the full way, answerSaveAction: each check in turn with the app's own helpers (session and role,
//   attempt id, CSRF, the posted fields, then the save with its reasons for a refusal). The Remix route
//   runs it, and so does the lean route whenever its one statement saves nothing.
// - the lean way, saveAsSignedIn: the exam pages' saves arrive several times a minute per candidate, so
//   server/answer-save.ts answers them before Remix. Once it has checked the CSRF token and the fields
//   in memory, one statement checks the session and the role and saves (exam-attempt.server.ts's
//   upsert, with the session lookup as the candidate), prepared once per connection. Answers that
//   arrive while earlier ones are being saved wait and are saved together in one such statement
//   (AnswerBatches below). No data is cached between requests: the session, the role, the attempt's
//   status, deadline and form are read by that statement every time, so a sign-out, a role taken away
//   or a submission counts at once.
import { json } from "@remix-run/node";
import { z } from "zod";
import { ROLES, can } from "~/domain/roles";
import { Prisma } from "~/generated/prisma/client";
import { readForm } from "~/utils/csrf.server";
import { databasePool } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import {
  AttemptIdParam,
  AttemptRefusal,
  answersUpsert,
  flagUpsert,
  normalizedSelection,
  saveAnswer,
  setFlag,
  type AnswerToSave,
} from "./exam-attempt.server";

// Ids only: letters, digits, dashes and underscores (a NUL byte, which PostgreSQL cannot store, is refused here).
const Id = (max: number) => z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/);

export const AnswerPost = z.object({
  itemVersionId: Id(64),
  intent: z.enum(["answer", "flag", "unflag"]),
  selected: z.array(Id(20)).max(10),
});
export type AnswerPost = z.infer<typeof AnswerPost>;

/** The fields the exam pages' fetchers post; without an intent, the post is an answer. */
export const readAnswerPost = (formData: Pick<FormData, "get" | "getAll"> | URLSearchParams) =>
  AnswerPost.safeParse({
    itemVersionId: formData.get("itemVersionId"),
    intent: formData.get("intent") ?? "answer",
    selected: formData.getAll("selected"),
  });

/**
 * The full way: JSON { savedAt } or a 4xx with { error } (and `finished` when the attempt is over),
 * also when the form fails its CSRF check, so the page can say what happened. A signed-out visitor is
 * still sent to sign in (the redirect is thrown, as Remix expects).
 */
export async function answerSaveAction(request: Request, params: { attemptId?: string }): Promise<Response> {
  try {
    const user = await requirePermission(request, "sit:exams");
    const attemptId = AttemptIdParam.safeParse(params.attemptId);
    if (!attemptId.success) return json({ error: "We could not find that exam attempt." }, { status: 404 });
    const parsed = readAnswerPost(await readForm(request));
    if (!parsed.success) return json({ error: "This answer could not be read. Reload the page and answer again." }, { status: 400 });
    const { itemVersionId, intent, selected } = parsed.data;
    const target = { attemptId: attemptId.data, candidateId: user.id, itemVersionId };
    const savedAt =
      intent === "answer" ? await saveAnswer({ ...target, selected }) : await setFlag({ ...target, flagged: intent === "flag" });
    return json({ savedAt: savedAt.toISOString() });
  } catch (error) {
    if (error instanceof AttemptRefusal) return json({ error: error.message, finished: error.finished }, { status: error.status });
    // 403 (no permission, or a failed CSRF check) and 400 from readForm, as JSON; redirects stay.
    if (error instanceof Response && error.status >= 400) {
      return json({ error: (await error.text()) || error.statusText }, { status: error.status });
    }
    throw error;
  }
}

/** The roles that may sit exams, read from the one permission table rather than repeated here. */
const EXAM_ROLES = ROLES.filter((role) => can([{ role, jurisdictionId: null }], "sit:exams"));

/**
 * lucia renews a session (a write, and a new cookie) once less than half of its 30 days is left
 * (utils/auth.server.ts). The lean way accepts only sessions with more than that left, so it never has
 * a renewal to make; an older session takes the full way once, where lucia renews it.
 */
const RENEWAL_WINDOW_MS = 15 * 24 * 60 * 60 * 1000;

/**
 * The user signed in with the session, as SQL for the save's candidate: NULL (so nothing is saved)
 * when the session is unknown, expired or due for renewal, or the user holds no role that sits exams.
 * `timestamp(3)` columns hold UTC wall-clock time, hence the ISO literal.
 */
function signedInCandidate(sessionId: Prisma.Sql, now: Date): Prisma.Sql {
  const renewAfter = new Date(now.getTime() + RENEWAL_WINDOW_MS).toISOString();
  return Prisma.sql`(
    SELECT s."userId" FROM "Session" s
    WHERE s.id = ${sessionId}
      AND s."expiresAt" > ${renewAfter}::timestamp(3)
      AND EXISTS (SELECT 1 FROM "RoleAssignment" r WHERE r."userId" = s."userId" AND r.role::text = ANY(${EXAM_ROLES}::text[])))`;
}

/**
 * The lean way's statements go straight to the app's pg pool (the one Prisma uses) as named prepared
 * statements, because it measured to matter (CPU per save on the 2-core bench machine,
 * docs/performance.md): Prisma's raw query costs ~0.3 ms of Node CPU over pg's for the same statement
 * (it compiles each query), and PostgreSQL parses and plans an unnamed statement on every call (~1.0 ms
 * of its CPU per save against ~0.45 ms once prepared). Prisma cannot name a statement. The SQL is still
 * exam-attempt.server.ts's, one text. One name per statement text: each connection prepares it once
 * and reuses the plan.
 */
const statementNames = new Map<string, string>();
async function runPrepared<Row extends Record<string, unknown>>(statement: Prisma.Sql) {
  let name = statementNames.get(statement.text);
  if (!name) statementNames.set(statement.text, (name = `answer-save-${statementNames.size + 1}`));
  return databasePool.query<Row>({ name, text: statement.text, values: statement.values });
}

type WaitingAnswer = { answer: AnswerToSave; saved: (savedAt: Date | null) => void };

/**
 * The lean way's answers, saved together. On an exam day many candidates answer at once; one
 * statement per answer costs PostgreSQL a transaction, a commit and a round trip each, about four
 * times the CPU of its share of a statement that saves ten (docs/performance.md). So at most
 * `statements` statements are in flight at a time, and answers that arrive meanwhile wait and go
 * together in the next one, up to `answers` in it. Nothing waits for a timer: when the database keeps
 * up, each answer goes at once in a statement of its own.
 *
 * A candidate's answers are saved in the order they arrived: a statement holds at most one answer of
 * an attempt, and the next answer of that attempt waits until the statement holding the earlier one
 * is done. Each statement takes its attempts in id order, so two statements (of two processes) lock
 * the attempt rows they share in the same order.
 */
class AnswerBatches {
  private waiting: WaitingAnswer[] = [];
  private readonly attemptsInFlight = new Set<string>();
  private statementsInFlight = 0;

  constructor(private readonly limits: { statements: number; answers: number }) {}

  /** Resolves with when the answer was saved, or null when it was not (signed out, a rule broken, the statement failed). */
  save(answer: AnswerToSave): Promise<Date | null> {
    return new Promise((saved) => {
      this.waiting.push({ answer, saved });
      this.sendWhatCanGo();
    });
  }

  private sendWhatCanGo() {
    while (this.statementsInFlight < this.limits.statements) {
      const batch = this.takeBatch();
      if (!batch.length) return;
      this.statementsInFlight += 1;
      for (const { answer } of batch) this.attemptsInFlight.add(answer.attemptId);
      void this.send(batch).finally(() => {
        this.statementsInFlight -= 1;
        for (const { answer } of batch) this.attemptsInFlight.delete(answer.attemptId);
        this.sendWhatCanGo();
      });
    }
  }

  /** The oldest waiting answer of each attempt with none in flight, oldest first, up to the limit. */
  private takeBatch(): WaitingAnswer[] {
    const batch: WaitingAnswer[] = [];
    const taken = new Set<string>();
    const left: WaitingAnswer[] = [];
    for (const waiting of this.waiting) {
      const { attemptId } = waiting.answer;
      if (batch.length < this.limits.answers && !taken.has(attemptId) && !this.attemptsInFlight.has(attemptId)) {
        batch.push(waiting);
        taken.add(attemptId);
      } else {
        left.push(waiting);
      }
    }
    this.waiting = left;
    return batch.sort((a, b) => (a.answer.attemptId < b.answer.attemptId ? -1 : 1));
  }

  private async send(batch: WaitingAnswer[]) {
    const now = new Date();
    try {
      const statement = answersUpsert({ answers: batch.map(({ answer }) => answer), candidate: (by) => signedInCandidate(by, now), now });
      const { rows } = await runPrepared<{ attemptId: string; itemVersionId: string }>(statement);
      const saved = new Set(rows.map((row) => `${row.attemptId} ${row.itemVersionId}`));
      for (const { answer, saved: done } of batch) done(saved.has(`${answer.attemptId} ${answer.itemVersionId}`) ? now : null);
    } catch (error) {
      // Nothing of a failed statement was saved (a deadlock with another process's statement, say): each
      // answer takes the full way, which saves it or says why not.
      console.error(error);
      for (const { saved } of batch) saved(null);
    }
  }
}

/**
 * Two statements in flight per process: one can be committing while the next is sent, and a busy
 * server's answers gather in the next (measured in docs/performance.md); 64 answers keep one
 * statement's locks brief.
 */
const answerBatches = new AnswerBatches({ statements: 2, answers: 64 });

/**
 * The lean way: saves the post for whoever is signed in with the session, in one statement, and
 * returns when; null when it saved nothing (signed out, a session due for renewal, no permission, or
 * one of the save's rules refused it), and then the full way finds out which and answers as it does.
 * The caller has checked the CSRF token and parsed the post with readAnswerPost.
 */
export async function saveAsSignedIn(input: { sessionId: string; attemptId: string; post: AnswerPost }): Promise<Date | null> {
  const { itemVersionId, intent, selected } = input.post;
  if (intent === "answer") {
    return answerBatches.save({ attemptId: input.attemptId, itemVersionId, selected: normalizedSelection(selected), by: input.sessionId });
  }
  // Flags are rare next to answers: one statement each.
  const now = new Date();
  const candidate = signedInCandidate(Prisma.sql`${input.sessionId}`, now);
  const statement = flagUpsert({ attemptId: input.attemptId, candidate, itemVersionId, flagged: intent === "flag", now });
  return (await runPrepared(statement)).rowCount === 1 ? now : null;
}
