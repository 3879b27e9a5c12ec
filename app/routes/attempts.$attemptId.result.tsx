import { json, redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScrollingTable } from "~/components/scrolling-table";
import { attemptIdFrom, attemptResult, orHttpError } from "~/models/exam-attempt.server";
import examStyles from "~/styles/exam.css";
import { requirePermission } from "~/utils/permissions.server";
import { utcDateTime } from "~/utils/long-date";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: examStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Result · ${data.examName} · PeerPath` : "Exam result · PeerPath" }];

/** The result of a submitted attempt (an attempt out of time is submitted on the way); in progress: back to it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "sit:exams");
  const attemptId = attemptIdFrom(params);
  const result = await orHttpError(attemptResult(attemptId, user.id));
  if (!result) throw redirect(`/attempts/${attemptId}/1`);
  return json({
    ...result,
    startedAt: result.startedAt.toISOString(),
    submittedAt: result.submittedAt?.toISOString() ?? null,
  });
}


export default function AttemptResult() {
  const data = useLoaderData<typeof loader>();
  const score = data.scale && data.scaledScore !== null
    ? `${data.scaledScore} on a scale of ${data.scale.reportedMin} to ${data.scale.reportedMax} (${data.scale.cutReported} to pass)`
    : `${data.rawScore} of ${data.maxScore}`;
  return (
    <>
      <p>
        <Link to="/exams">Exams</Link>
      </p>
      <h1>Result: {data.examName}</h1>
      <p className={data.passed ? "result-verdict passed" : "result-verdict failed"}>{data.passed ? "Passed" : "Not passed"}</p>
      <dl className="stats">
        <div>
          <dt>Score</dt>
          <dd>{data.scale && data.scaledScore !== null ? data.scaledScore : `${data.rawScore} / ${data.maxScore}`}</dd>
        </div>
        <div>
          <dt>Questions right</dt>
          <dd>
            {data.rawScore} of {data.maxScore}
          </dd>
        </div>
      </dl>
      <p>
        Your score: {score}. Submitted {data.submittedAt ? utcDateTime(data.submittedAt) : ""}
        {data.submittedBy === "deadline" ? ", when the time ran out, with the answers saved before the deadline." : "."}
      </p>

      <section aria-labelledby="domains-heading">
        <h2 id="domains-heading">By domain</h2>
        <p>How you did in each domain of the exam, to show where to study before another attempt. Unscored trial questions are not included.</p>
        <ScrollingTable caption="Questions right by domain" hideCaption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Right</th>
              <th scope="col">Percent</th>
            </tr>
          </thead>
          <tbody>
            {data.domains.map((domain) => (
              <tr key={domain.domain}>
                <th scope="row">{domain.label}</th>
                <td>
                  {domain.correct} of {domain.total}
                </td>
                <td>{domain.percent}%</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      </section>

      <section aria-labelledby="review-heading">
        <h2 id="review-heading">Question review</h2>
        {data.reviewPolicy === "none" ? (
          <p>The board does not release the questions of this exam for review.</p>
        ) : data.review.length === 0 ? (
          <p>{data.reviewPolicy === "incorrect" ? "You answered no question wrong: there is nothing to review." : "There are no questions to review."}</p>
        ) : (
          <>
            <p>
              {data.reviewPolicy === "incorrect"
                ? "The questions you answered wrong, with the right answer and why. Questions you left unanswered are not shown."
                : "Every scored question, with the right answer and why."}
            </p>
            {data.review.map((item) => (
              <article key={item.position} className="review-item" aria-labelledby={`review-${item.position}`}>
                <h3 id={`review-${item.position}`}>
                  Question {item.position} ({item.domain}): {item.correct ? "right" : item.answered ? "not right" : "not answered"}
                </h3>
                <p>{item.stem}</p>
                <ul>
                  {item.options.map((option) => (
                    <li key={option.id} className={[option.selected ? "chosen" : "", option.correct ? "key" : ""].join(" ").trim() || undefined}>
                      {option.text}
                      {option.selected ? " (your answer)" : ""}
                      {option.correct ? " (right answer)" : ""}
                    </li>
                  ))}
                </ul>
                <p>
                  <strong>Why:</strong> {item.rationale}
                </p>
              </article>
            ))}
          </>
        )}
      </section>
      <p>
        <Link to="/exams">Back to your exams</Link>
      </p>
    </>
  );
}
