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
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect, useState, type ChangeEvent, type MouseEvent } from "react";
import { z } from "zod";
import { ExamBar, QuestionNavigator, QuestionOptions, saveMessage, useFinishedRedirect, useOrderedSave } from "~/components/exam-attempt";
import { CsrfInput, FormError } from "~/components/forms";
import {
  AttemptRefusal,
  attemptForCandidate,
  attemptIdFrom,
  orHttpError,
  questionsForCandidate,
  saveAnswer,
  setFlag,
} from "~/models/exam-attempt.server";
import examStyles from "~/styles/exam.css";
import { readForm } from "~/utils/csrf.server";
import { notFound, requirePermission } from "~/utils/permissions.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Question ${data.position} of ${data.count} · ${data.examName} · PeerPath` : "Exam question · PeerPath" },
];

// Answers saved through the fetcher change nothing this page shows that it does not already know.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/answer") ? false : defaultShouldRevalidate;

/** A question number as the address writes it: digits with no leading zero, so /1e1, /02 and /%202 are 404, not question 10 or 2. */
const Position = z
  .string()
  .regex(/^[1-9]\d{0,3}$/)
  .transform(Number)
  .pipe(z.number().max(1000));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const attemptId = attemptIdFrom(params);
  const position = Position.safeParse(params.position);
  const attempt = await orHttpError(attemptForCandidate(attemptId, user.id));
  if (attempt.status === "SUBMITTED") throw redirect(`/attempts/${attemptId}/result`);
  if (!position.success || position.data > attempt.form.length) throw notFound("This exam has no question with that number.");
  const [question] = await questionsForCandidate(attempt, [position.data]);
  return json({
    attemptId,
    examName: attempt.examName,
    position: position.data,
    count: attempt.form.length,
    question: question!,
    navigator: attempt.navigator,
    secondsLeft: attempt.secondsLeft,
  });
}

const AnswerForm = z.object({
  itemVersionId: z.string().min(1).max(64),
  selected: z.array(z.string().min(1).max(20)).max(10),
  intent: z.enum(["next", "previous", "review", "flag", "unflag", "clear"]),
});

/** The form without JavaScript (and the buttons with it): saves the answer, then moves on. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const attemptId = attemptIdFrom(params);
  const position = Position.safeParse(params.position);
  if (!position.success) throw notFound("This exam has no question with that number.");
  const formData = await readForm(request);
  const parsed = AnswerForm.safeParse({
    itemVersionId: formData.get("itemVersionId"),
    selected: formData.getAll("selected"),
    intent: formData.get("intent") ?? "next",
  });
  if (!parsed.success) return json({ error: "This answer could not be read. Reload the page and answer again." }, { status: 400 });
  const { itemVersionId, selected, intent } = parsed.data;
  const target = { attemptId, candidateId: user.id, itemVersionId };
  try {
    await saveAnswer({ ...target, selected: intent === "clear" ? [] : selected });
    if (intent === "flag" || intent === "unflag") await setFlag({ ...target, flagged: intent === "flag" });
  } catch (error) {
    if (!(error instanceof AttemptRefusal)) throw error;
    if (error.finished) return redirect(`/attempts/${attemptId}/result`);
    if (error.status === 404) throw notFound(error.message);
    return json({ error: error.message }, { status: error.status });
  }
  const here = position.data;
  if (intent === "review") return redirect(`/attempts/${attemptId}/submit`);
  if (intent === "next") return redirect(`/attempts/${attemptId}/${here + 1}`);
  if (intent === "previous") return redirect(`/attempts/${attemptId}/${Math.max(1, here - 1)}`);
  const notice = { flag: "flagged", unflag: "unflagged", clear: "cleared" }[intent];
  return redirect(`/attempts/${attemptId}/${here}?notice=${notice}`);
}

const NOTICES: Record<string, string> = {
  flagged: "This question is flagged for review.",
  unflagged: "The review flag is removed.",
  cleared: "Your answer to this question is cleared.",
};

export default function ExamQuestion() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { question, position, count, attemptId } = data;
  const answers = useOrderedSave(`/attempts/${attemptId}/answer`);
  const flags = useOrderedSave(`/attempts/${attemptId}/answer`);
  const [answered, setAnswered] = useState(question.selected.length > 0);
  const [flagged, setFlagged] = useState(question.flagged);
  const [notice, setNotice] = useState(NOTICES[searchParams.get("notice") ?? ""] ?? "");
  useFinishedRedirect(attemptId, answers.result, flags.result);

  // The component stays mounted from question to question: reset what it tracks for the one shown.
  useEffect(() => {
    setAnswered(question.selected.length > 0);
    setFlagged(question.flagged);
  }, [question.itemVersionId, question.selected.length, question.flagged]);
  useEffect(() => setNotice(NOTICES[searchParams.get("notice") ?? ""] ?? ""), [searchParams, question.itemVersionId]);
  useEffect(() => {
    const message = saveMessage(answers.result);
    if (message) setNotice(message);
  }, [answers.result]);
  useEffect(() => {
    if (flags.result && "error" in flags.result) setNotice(flags.result.error);
  }, [flags.result]);

  function onSelectionChange(event: ChangeEvent<HTMLInputElement>) {
    const form = event.currentTarget.form!;
    const body = new FormData(form);
    body.set("intent", "answer");
    setAnswered(body.getAll("selected").length > 0);
    setNotice("Saving your answer…");
    answers.save(body);
  }

  function onFlagClick(event: MouseEvent<HTMLButtonElement>) {
    // With JavaScript the flag is saved in place; without it the button posts the form.
    event.preventDefault();
    const body = new FormData(event.currentTarget.form!);
    body.delete("selected");
    body.set("intent", flagged ? "unflag" : "flag");
    flags.save(body);
    setFlagged(!flagged);
    setNotice(flagged ? NOTICES.unflagged! : NOTICES.flagged!);
  }

  const navigator = data.navigator.map((entry) => (entry.position === position ? { ...entry, answered, flagged } : entry));
  return (
    <>
      <ExamBar examName={data.examName} secondsLeft={data.secondsLeft} attemptId={attemptId} />
      <h1>
        Question {position} of {count}
      </h1>
      <Form method="post" key={question.itemVersionId} className="exam-form">
        <CsrfInput />
        <input type="hidden" name="itemVersionId" value={question.itemVersionId} />
        <FormError message={outcome?.error} />
        <QuestionOptions question={question} name="selected" onChange={onSelectionChange} />
        <div className="question-actions">
          {/* "Save and next" comes first: Enter in an option submits the form with it. */}
          {position < count ? (
            <button type="submit" name="intent" value="next">
              Save and next
            </button>
          ) : (
            <button type="submit" name="intent" value="review">
              Save and review answers
            </button>
          )}
          {position > 1 ? (
            <button type="submit" name="intent" value="previous" className="secondary">
              Previous
            </button>
          ) : null}
          <button type="submit" name="intent" value={flagged ? "unflag" : "flag"} className="secondary" onClick={onFlagClick} aria-pressed={flagged}>
            Flag for review
          </button>
          {question.type !== "multiple" ? (
            <button type="submit" name="intent" value="clear" className="link-button">
              Clear my answer
            </button>
          ) : null}
        </div>
      </Form>
      <p role="status" className="save-status">
        {notice}
      </p>
      <QuestionNavigator attemptId={attemptId} entries={navigator} current={position} />
      <p className="actions">
        <Link to={`/attempts/${attemptId}/all`}>Show all questions on one page</Link>
        <Link to={`/attempts/${attemptId}/submit`}>Review and submit</Link>
      </p>
    </>
  );
}
