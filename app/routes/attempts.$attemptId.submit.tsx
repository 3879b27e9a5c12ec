import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/forms";
import { attemptForCandidate, attemptIdFrom, orHttpError, submitAttempt } from "~/models/exam-attempt.server";
import examStyles from "~/styles/exam.css";
import { readForm } from "~/utils/csrf.server";
import { requirePermission } from "~/utils/permissions.server";
import { ExamBar } from "~/components/exam-attempt";
import { SubmitButton } from "~/components/submit-button";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Review and submit · ${data.examName} · PeerPath` : "Review and submit · PeerPath" }];

/** What is left to do before submitting: unanswered and flagged questions, each a link back. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const attemptId = attemptIdFrom(params);
  const attempt = await orHttpError(attemptForCandidate(attemptId, user.id));
  if (attempt.status === "SUBMITTED") throw redirect(`/attempts/${attemptId}/result`);
  return json({
    attemptId,
    examName: attempt.examName,
    secondsLeft: attempt.secondsLeft,
    count: attempt.form.length,
    unanswered: attempt.navigator.filter((entry) => !entry.answered).map((entry) => entry.position),
    flagged: attempt.navigator.filter((entry) => entry.flagged).map((entry) => entry.position),
  });
}

/** Scores the attempt once; a second submission (a double click, another tab) just goes to the result. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const attemptId = attemptIdFrom(params);
  await readForm(request);
  await orHttpError(submitAttempt(attemptId, user.id));
  return redirect(`/attempts/${attemptId}/result`);
}

function PositionLinks({ attemptId, positions }: { attemptId: string; positions: number[] }) {
  return (
    <ul className="actions">
      {positions.map((position) => (
        <li key={position}>
          <Link to={`/attempts/${attemptId}/${position}`}>Question {position}</Link>
        </li>
      ))}
    </ul>
  );
}

export default function ReviewAndSubmit() {
  const data = useLoaderData<typeof loader>();
  const answered = data.count - data.unanswered.length;
  return (
    <>
      <ExamBar examName={data.examName} secondsLeft={data.secondsLeft} attemptId={data.attemptId} />
      <h1>Review and submit</h1>
      <p className="lead">
        You have answered {answered} of {data.count} questions.
      </p>
      <section aria-labelledby="unanswered-heading">
        <h2 id="unanswered-heading">Not answered ({data.unanswered.length})</h2>
        {data.unanswered.length ? (
          <PositionLinks attemptId={data.attemptId} positions={data.unanswered} />
        ) : (
          <p>Every question has an answer.</p>
        )}
      </section>
      <section aria-labelledby="flagged-heading">
        <h2 id="flagged-heading">Flagged for review ({data.flagged.length})</h2>
        {data.flagged.length ? <PositionLinks attemptId={data.attemptId} positions={data.flagged} /> : <p>No question is flagged.</p>}
      </section>
      <Form method="post">
        <CsrfInput />
        <p>
          Once you submit, your answers are scored and can no longer change. A question left unanswered counts as wrong. If you
          do not submit, your attempt is submitted for you when the time runs out, with the answers saved by then.
        </p>
        <div className="question-actions">
          <SubmitButton>Submit the exam for scoring</SubmitButton>
          <Link to={`/attempts/${data.attemptId}/1`}>Back to the questions</Link>
        </div>
      </Form>
    </>
  );
}
