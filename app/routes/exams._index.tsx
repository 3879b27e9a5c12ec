import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/forms";
import { ScrollingTable } from "~/components/scrolling-table";
import { SubmitButton } from "~/components/submit-button";
import { attemptScore } from "~/domain/exam-eligibility";
import { examsForCandidate } from "~/models/exam-attempt.server";
import examStyles from "~/styles/exam.css";
import { requirePermission } from "~/utils/permissions.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];

export const meta: MetaFunction = () => [{ title: "My exams · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const exams = await examsForCandidate(user.id);
  return json({ exams: exams.map(({ exam, eligibility, attempts }) => ({ exam, eligibility, attempts: attempts.map(describeAttempt) })) });
}

/** A past or current attempt as the lists show it. */
export function describeAttempt(attempt: {
  id: string;
  status: "IN_PROGRESS" | "SUBMITTED";
  startedAt: Date;
  submittedAt: Date | null;
  submittedBy: string | null;
  rawScore: number | null;
  maxScore: number | null;
  scaledScore: number | null;
  passed: boolean | null;
}) {
  return {
    id: attempt.id,
    inProgress: attempt.status === "IN_PROGRESS",
    started: attempt.startedAt.toISOString().slice(0, 10),
    submitted: attempt.submittedAt ? attempt.submittedAt.toISOString().slice(0, 10) : null,
    byDeadline: attempt.submittedBy === "deadline",
    score: attemptScore(attempt),
    passed: attempt.passed,
  };
}

type AttemptRow = ReturnType<typeof describeAttempt>;

/** Instead of a start button once the candidate has passed: when, with what score, and the result. */
export function PassedNotice({ message, attemptId, aboutHref }: { message: string; attemptId: string; aboutHref?: string }) {
  return (
    <div className="notice">
      <p>
        <strong>{message}</strong>
      </p>
      <p className="actions">
        <Link to={`/attempts/${attemptId}/result`}>See your result</Link>
        {aboutHref ? <Link to={aboutHref}>About this exam</Link> : null}
      </p>
    </div>
  );
}

export function AttemptTable({ attempts, caption }: { attempts: AttemptRow[]; caption: string }) {
  return (
    <ScrollingTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Submitted</th>
          <th scope="col">Result</th>
          <th scope="col">Score</th>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {attempts.map((attempt) => (
          <tr key={attempt.id}>
            <td>{attempt.started}</td>
            <td>{attempt.submitted ? `${attempt.submitted}${attempt.byDeadline ? " (time ran out)" : ""}` : "In progress"}</td>
            <td>{attempt.inProgress ? "Not scored yet" : attempt.passed ? "Passed" : "Not passed"}</td>
            <td>{attempt.score ?? "–"}</td>
            <td>
              {attempt.inProgress ? null : (
                <Link to={`/attempts/${attempt.id}/result`}>
                  See result<span className="visually-hidden"> of the attempt started {attempt.started}</span>
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </ScrollingTable>
  );
}

export default function Exams() {
  const { exams } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Exams</h1>
      <p>
        Certification exams you can sit in PeerPath. Each one is timed by the server: once you start, the clock runs even if you
        close the page, and your attempt is submitted with the answers saved when the time runs out.
      </p>
      {exams.length === 0 ? <p>No exam is published yet.</p> : null}
      {exams.map(({ exam, eligibility, attempts }) => {
        const headingId = `exam-${exam.code}`;
        const used = attempts.filter((attempt) => !attempt.inProgress).length;
        return (
          <section key={exam.code} aria-labelledby={headingId} className="panel">
            <h2 id={headingId}>{exam.name}</h2>
            <p>
              {exam.jurisdictionName}. {exam.questionCount} questions in {exam.timeLimitMinutes} minutes. Attempts used: {used} of{" "}
              {exam.attemptsAllowed}
              {exam.waitingDays ? `, with ${exam.waitingDays} days between attempts` : ""}.
            </p>
            {eligibility.state === "passed" ? (
              <PassedNotice message={eligibility.message} attemptId={eligibility.attemptId} aboutHref={`/exams/${exam.code}`} />
            ) : eligibility.state === "refused" ? (
              <div className="notice warn">
                <p>
                  <strong>{eligibility.heading}</strong>
                </p>
                <ul className="eligibility-reasons">
                  {eligibility.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
                <p>
                  <Link to={`/exams/${exam.code}`}>About this exam</Link>
                </p>
              </div>
            ) : (
              <Form method="post" action={`/exams/${exam.code}`} className="actions">
                <CsrfInput />
                <SubmitButton>{eligibility.state === "in-progress" ? "Resume your attempt" : "Start the exam"}</SubmitButton>
                <Link to={`/exams/${exam.code}`}>About this exam</Link>
              </Form>
            )}
            {attempts.length ? <AttemptTable attempts={attempts} caption={`Your attempts at the ${exam.name}`} /> : null}
          </section>
        );
      })}
    </>
  );
}
