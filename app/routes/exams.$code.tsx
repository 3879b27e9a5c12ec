import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, FormError } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { AttemptRefusal, examForCandidate, orHttpError, startAttempt } from "~/models/exam-attempt.server";
import examStyles from "~/styles/exam.css";
import { readForm } from "~/utils/csrf.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { AttemptTable, PassedNotice, describeAttempt } from "./exams._index";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.exam.name} · PeerPath` : "Exam · PeerPath" }];

const ExamCode = z.string().regex(/^[a-z0-9-]{2,40}$/);

function codeFrom(params: { code?: string }) {
  const code = ExamCode.safeParse(params.code);
  if (!code.success) throw notFound("There is no published exam at this address. Choose one from your exams.");
  return code.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const { exam, eligibility, attempts } = await orHttpError(examForCandidate(user.id, codeFrom(params)));
  return json({ exam, eligibility, attempts: attempts.map(describeAttempt) });
}

/** Starts an attempt (or resumes the one in progress) and opens its first question. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const code = codeFrom(params);
  await readForm(request);
  try {
    const { attemptId } = await startAttempt(user.id, code);
    return redirect(`/attempts/${attemptId}/1`);
  } catch (error) {
    if (!(error instanceof AttemptRefusal)) throw error;
    if (error.status === 404) throw notFound(error.message);
    return json({ error: error.message }, { status: error.status });
  }
}

export default function ExamOverview() {
  const { exam, eligibility, attempts } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const used = attempts.filter((attempt) => !attempt.inProgress).length;
  return (
    <>
      <p>
        <Link to="/exams">Exams</Link>
      </p>
      <h1>{exam.name}</h1>
      <ul>
        <li>Set by {exam.jurisdictionName}.</li>
        <li>
          {exam.questionCount} multiple-choice questions in {exam.timeLimitMinutes} minutes. A few are trial questions that do not
          count toward your score; you will not know which.
        </li>
        <li>
          You may sit it {exam.attemptsAllowed} {exam.attemptsAllowed === 1 ? "time" : "times"}
          {exam.waitingDays ? `, at least ${exam.waitingDays} days apart` : ""}. You have used {used}.
        </li>
        <li>
          The time is kept by the server from the moment you start. Your answers save as you choose them; when the time runs out, your
          attempt is submitted with the answers saved by then.
        </li>
      </ul>
      <FormError message={outcome?.error} />
      {eligibility.state === "passed" ? (
        <PassedNotice message={eligibility.message} attemptId={eligibility.attemptId} />
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
        </div>
      ) : (
        <Form method="post">
          <CsrfInput />
          <SubmitButton>{eligibility.state === "in-progress" ? "Resume your attempt" : "Start the exam"}</SubmitButton>
        </Form>
      )}
      {attempts.length ? <AttemptTable attempts={attempts} caption="Your attempts" /> : null}
    </>
  );
}
