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
  useFetcher,
  useLoaderData,
  useNavigate,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ChangeEvent, type MouseEvent } from "react";
import { z } from "zod";
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

// This module also exports the pieces the all-questions page shares with it (the countdown, the
// navigator, a question's options and the ordered saver); they belong in app/components once that
// is open to this feature.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Question ${data.position} of ${data.count} · ${data.examName} · PeerPath` : "Exam question · PeerPath" },
];

// Answers saved through the fetcher change nothing this page shows that it does not already know.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/answer") ? false : defaultShouldRevalidate;

const Position = z.coerce.number().int().min(1).max(1000);

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

// ---------------------------------------------------------------------------------------------
// Shared with the all-questions page.

export type AnswerResult = { savedAt: string } | { error: string; finished?: boolean };

export function saveMessage(result: AnswerResult | undefined): string | null {
  if (!result) return null;
  if ("error" in result) return result.error;
  return `Answer saved at ${new Date(result.savedAt).toLocaleTimeString()}.`;
}

/**
 * Posts to the answer route through a fetcher, one request at a time: a change made while a save is
 * in flight waits for it and only the latest waiting change is sent, so saves of one question cannot
 * overtake each other and leave an older answer in the database.
 */
export function useOrderedSave(action: string) {
  const fetcher = useFetcher<AnswerResult>();
  const inFlight = useRef(false);
  const waiting = useRef<FormData | null>(null);
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  const send = useCallback(
    (body: FormData) => {
      inFlight.current = true;
      submit.current(body, { method: "post", action });
    },
    [action],
  );
  useEffect(() => {
    if (fetcher.state !== "idle") return;
    inFlight.current = false;
    if (waiting.current) {
      const body = waiting.current;
      waiting.current = null;
      send(body);
    }
  }, [fetcher.state, send]);
  const save = useCallback(
    (body: FormData) => {
      if (inFlight.current) waiting.current = body;
      else send(body);
    },
    [send],
  );
  return { save, result: fetcher.data };
}

/** When a save finds the attempt over (time is up, or submitted elsewhere), go to the result. */
export function useFinishedRedirect(attemptId: string, ...results: (AnswerResult | undefined)[]) {
  const navigate = useNavigate();
  const finished = results.some((result) => result && "error" in result && result.finished);
  useEffect(() => {
    if (finished) navigate(`/attempts/${attemptId}/result`);
  }, [finished, attemptId, navigate]);
}

export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, totalSeconds);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/**
 * Time left, from the server's count at load, shown as text that changes every second. The ticking
 * text is not live (aria-live="off"); a separate polite region says "5 minutes left" and "1 minute
 * left" once each. At zero the page moves to the result, where the server submits the attempt.
 */
export function Countdown({ secondsLeft, attemptId }: { secondsLeft: number; attemptId: string }) {
  const [left, setLeft] = useState(secondsLeft);
  const [announcement, setAnnouncement] = useState("");
  const navigate = useNavigate();
  useEffect(() => {
    const end = Date.now() + secondsLeft * 1000;
    let previous = secondsLeft;
    let leave: ReturnType<typeof setTimeout> | undefined;
    setLeft(secondsLeft);
    const timer = setInterval(() => {
      const now = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      if (previous > 300 && now <= 300 && now > 60) setAnnouncement("5 minutes left.");
      if (previous > 60 && now <= 60) setAnnouncement("1 minute left.");
      previous = now;
      setLeft(now);
      if (now === 0) {
        clearInterval(timer);
        // A second's grace for the server's clock; the result page submits the attempt if needed.
        leave = setTimeout(() => navigate(`/attempts/${attemptId}/result`), 1000);
      }
    }, 1000);
    return () => {
      clearInterval(timer);
      clearTimeout(leave);
    };
  }, [secondsLeft, attemptId, navigate]);
  return (
    <>
      <p className={left <= 300 ? "countdown low" : "countdown"}>
        Time left:{" "}
        <span role="timer" aria-live="off">
          {formatClock(left)}
        </span>
      </p>
      <p aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}

export function ExamBar({ examName, secondsLeft, attemptId }: { examName: string; secondsLeft: number; attemptId: string }) {
  return (
    <div className="exam-bar">
      <p>{examName}</p>
      <Countdown secondsLeft={secondsLeft} attemptId={attemptId} />
    </div>
  );
}

type QuestionView = {
  position: number;
  itemVersionId: string;
  type: "single" | "multiple" | "true-false";
  stem: string;
  options: { id: string; text: string }[];
  selected: string[];
};

/** A question's options as radio buttons (one answer) or checkboxes (all that apply) in a fieldset. */
export function QuestionOptions({
  question,
  name,
  onChange,
}: {
  question: QuestionView;
  name: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  const multiple = question.type === "multiple";
  const hintId = `hint-${question.itemVersionId}`;
  return (
    <fieldset className="exam-question" aria-describedby={hintId}>
      <legend>{question.stem}</legend>
      <p id={hintId} className="hint">
        {multiple ? "Choose every option that applies." : "Choose one option."}
      </p>
      {question.options.map((option) => {
        const id = `option-${question.itemVersionId}-${option.id}`;
        return (
          <div key={option.id} className="exam-option">
            <input
              type={multiple ? "checkbox" : "radio"}
              id={id}
              name={name}
              value={option.id}
              defaultChecked={question.selected.includes(option.id)}
              onChange={onChange}
            />
            <label htmlFor={id}>{option.text}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Every question of the form as a link, saying which are answered and which are flagged. */
export function QuestionNavigator({
  attemptId,
  entries,
  current,
}: {
  attemptId: string;
  entries: { position: number; answered: boolean; flagged: boolean }[];
  current?: number;
}) {
  const answered = entries.filter((entry) => entry.answered).length;
  const flagged = entries.filter((entry) => entry.flagged).length;
  return (
    <nav aria-labelledby="navigator-heading">
      <h2 id="navigator-heading">Questions</h2>
      <p className="navigator-key">
        {answered} of {entries.length} answered, {flagged} flagged for review. Answered questions are shaded; flagged ones have a
        dashed border and a flag mark.
      </p>
      <ol className="navigator">
        {entries.map((entry) => {
          const state = [entry.answered ? "answered" : "not answered", entry.flagged ? "flagged for review" : null].filter(Boolean).join(", ");
          return (
            <li key={entry.position}>
              <Link
                to={`/attempts/${attemptId}/${entry.position}`}
                className={[entry.answered ? "answered" : "", entry.flagged ? "flagged" : ""].join(" ").trim() || undefined}
                aria-current={entry.position === current ? "page" : undefined}
                aria-label={`Question ${entry.position}, ${state}`}
              >
                {entry.position}
                {entry.flagged ? <span aria-hidden="true">⚑</span> : null}
              </Link>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
