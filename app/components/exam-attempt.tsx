// The pieces both exam pages (one question at a time, and all questions) use: the server's countdown,
// the question navigator, a question's options and the saver that posts answers in order.
import { Link, useFetcher, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from "react";

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
