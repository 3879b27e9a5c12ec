import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useRouteLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useState, type ChangeEvent } from "react";
import { CsrfInput, FormError } from "~/components/forms";
import {
  AttemptRefusal,
  attemptForCandidate,
  attemptIdFrom,
  orHttpError,
  questionsForCandidate,
  saveAnswer,
  setFlag,
  type CandidateQuestion,
} from "~/models/exam-attempt.server";
import type { loader as rootLoader } from "~/root";
import examStyles from "~/styles/exam.css";
import { readForm } from "~/utils/csrf.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { ExamBar, QuestionNavigator, QuestionOptions, saveMessage, useFinishedRedirect, useOrderedSave } from "~/components/exam-attempt";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `All questions · ${data.examName} · PeerPath` : "All questions · PeerPath" }];

// Answers saved through the fetchers change nothing this page shows that it does not already know.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/answer") ? false : defaultShouldRevalidate;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const attemptId = attemptIdFrom(params);
  const attempt = await orHttpError(attemptForCandidate(attemptId, user.id));
  if (attempt.status === "SUBMITTED") throw redirect(`/attempts/${attemptId}/result`);
  const questions = await questionsForCandidate(
    attempt,
    attempt.form.map((_, index) => index + 1),
  );
  return json({ attemptId, examName: attempt.examName, secondsLeft: attempt.secondsLeft, questions, navigator: attempt.navigator });
}

/** Without JavaScript: "Save all answers" posts every question; only what changed is written. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const attemptId = attemptIdFrom(params);
  const formData = await readForm(request);
  const attempt = await orHttpError(attemptForCandidate(attemptId, user.id));
  if (attempt.status === "SUBMITTED") return redirect(`/attempts/${attemptId}/result`);
  try {
    for (const entry of attempt.form) {
      const id = entry.itemVersionId;
      const before = attempt.answers.get(id) ?? { selected: [], flagged: false };
      const selected = formData.getAll(`selected.${id}`).filter((value): value is string => typeof value === "string");
      const flagged = formData.get(`flagged.${id}`) === "on";
      const target = { attemptId, candidateId: user.id, itemVersionId: id };
      if ([...selected].sort().join() !== [...before.selected].sort().join()) await saveAnswer({ ...target, selected });
      if (flagged !== before.flagged) await setFlag({ ...target, flagged });
    }
  } catch (error) {
    if (!(error instanceof AttemptRefusal)) throw error;
    if (error.finished) return redirect(`/attempts/${attemptId}/result`);
    if (error.status === 404) throw notFound(error.message);
    return json({ error: error.message }, { status: error.status });
  }
  return redirect(`/attempts/${attemptId}/all?saved=1`);
}

export default function AllQuestions() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [states, setStates] = useState(() => new Map(data.navigator.map((entry) => [entry.position, entry])));
  const [notice, setNotice] = useState(searchParams.has("saved") ? "Your answers are saved." : "");
  useEffect(() => setStates(new Map(data.navigator.map((entry) => [entry.position, entry]))), [data.navigator]);

  const update = (position: number, change: { answered?: boolean; flagged?: boolean }, message: string) => {
    setStates((current) => {
      const next = new Map(current);
      next.set(position, { ...current.get(position)!, ...change });
      return next;
    });
    setNotice(message);
  };

  return (
    <>
      <ExamBar examName={data.examName} secondsLeft={data.secondsLeft} attemptId={data.attemptId} />
      <h1>All questions</h1>
      <p>Your answers save as you choose them. Flag any question you want to come back to before you submit.</p>
      <p role="status" className="save-status">
        {notice}
      </p>
      <Form method="post">
        <CsrfInput />
        <FormError message={outcome?.error} />
        {data.questions.map((question) => (
          <QuestionOnPage key={question.itemVersionId} attemptId={data.attemptId} question={question} onSaved={update} />
        ))}
        <div className="question-actions">
          <button type="submit">Save all answers</button>
          <Link to={`/attempts/${data.attemptId}/submit`}>Review and submit</Link>
        </div>
      </Form>
      <QuestionNavigator attemptId={data.attemptId} entries={[...states.values()]} />
      <p>
        <Link to={`/attempts/${data.attemptId}/1`}>Show one question at a time</Link>
      </p>
    </>
  );
}

/** One question with its own savers, so saves of different questions never cancel each other. */
function QuestionOnPage({
  attemptId,
  question,
  onSaved,
}: {
  attemptId: string;
  question: CandidateQuestion;
  onSaved: (position: number, change: { answered?: boolean; flagged?: boolean }, message: string) => void;
}) {
  const csrf = useRouteLoaderData<typeof rootLoader>("root")?.csrfToken ?? "";
  const answers = useOrderedSave(`/attempts/${attemptId}/answer`);
  const flags = useOrderedSave(`/attempts/${attemptId}/answer`);
  useFinishedRedirect(attemptId, answers.result, flags.result);
  const headingId = `question-${question.position}`;

  useEffect(() => {
    const message = saveMessage(answers.result);
    if (message) onSaved(question.position, {}, `Question ${question.position}: ${message}`);
    // Only a new result is news; the callback is a new function on every render of the page.
  }, [answers.result]);

  function post(intent: "answer" | "flag" | "unflag", selected: string[] = []) {
    const body = new FormData();
    body.set("csrf", csrf);
    body.set("itemVersionId", question.itemVersionId);
    body.set("intent", intent);
    for (const id of selected) body.append("selected", id);
    return body;
  }

  function onSelectionChange(event: ChangeEvent<HTMLInputElement>) {
    const fieldset = event.currentTarget.closest("fieldset")!;
    const selected = Array.from(fieldset.querySelectorAll<HTMLInputElement>("input:checked")).map((input) => input.value);
    onSaved(question.position, { answered: selected.length > 0 }, `Question ${question.position}: saving your answer…`);
    answers.save(post("answer", selected));
  }

  function onFlagChange(event: ChangeEvent<HTMLInputElement>) {
    const flagged = event.currentTarget.checked;
    flags.save(post(flagged ? "flag" : "unflag"));
    onSaved(question.position, { flagged }, `Question ${question.position} ${flagged ? "is flagged for review" : "is no longer flagged"}.`);
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Question {question.position}</h2>
      <QuestionOptions question={question} name={`selected.${question.itemVersionId}`} onChange={onSelectionChange} />
      <div className="exam-flag">
        <input
          type="checkbox"
          id={`flag-${question.itemVersionId}`}
          name={`flagged.${question.itemVersionId}`}
          defaultChecked={question.flagged}
          onChange={onFlagChange}
        />
        <label htmlFor={`flag-${question.itemVersionId}`}>Flag question {question.position} for review</label>
      </div>
    </section>
  );
}
