import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, ErrorList, FormError } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { submitKnowledgeCheck } from "~/models/enrolment.server";
import { requireEnrolment } from "~/models/trainee-module.server";
import { readForm } from "~/utils/csrf.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Knowledge check · ${data?.moduleTitle ?? "Module"} · PeerPath` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { module, enrolment, content } = await requireEnrolment(request, params.slug);
  // Only prompts and option texts go to the browser: which option is right stays on the server.
  return json({
    slug: module.slug,
    moduleTitle: enrolment.moduleVersion.title,
    passMark: enrolment.moduleVersion.passMark,
    sectionsLeft: content.sections.length - enrolment.seenSections.length,
    questions: content.questions.map((question) => ({ prompt: question.prompt, options: question.options.map((o) => o.text) })),
  });
}

/** The option chosen, as its radio button sends it. A question left blank sends nothing, which must not read as the first option. */
const optionNumber = (options: number) =>
  z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .pipe(z.number().max(options - 1));

export async function action({ request, params }: ActionFunctionArgs) {
  const { enrolment, content } = await requireEnrolment(request, params.slug);
  const formData = await readForm(request);
  const chosen = content.questions.map((question, index) => {
    const parsed = optionNumber(question.options.length).safeParse(formData.get(`q${index}`));
    return parsed.success ? parsed.data : null;
  });
  const unanswered = chosen.flatMap((choice, index) => (choice === null ? [index + 1] : []));
  if (unanswered.length) {
    return json(
      { error: `Answer every question before you submit. Still open: question ${unanswered.join(", ")}.`, chosen, review: null, completed: false },
      { status: 400 },
    );
  }
  const { result, completed } = await submitKnowledgeCheck(enrolment.id, chosen);
  const review = content.questions.map((question, index) => {
    const answer = result.answers[index]!;
    const picked = question.options[answer.chosen!]!;
    const right = question.options[answer.correctOption]!;
    return {
      right: answer.right,
      chosenText: picked.text,
      feedback: picked.feedback,
      correctText: right.text,
      correctFeedback: answer.right ? null : right.feedback,
    };
  });
  return json({ error: null, chosen, review, completed, score: { correct: result.correct, total: result.total, percent: result.percent, passed: result.passed } });
}

export default function KnowledgeCheck() {
  const data = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const review = outcome?.review;
  const score = outcome && "score" in outcome ? outcome.score : null;
  return (
    <>
      <p>
        <Link to={`/modules/${data.slug}`}>{data.moduleTitle}</Link>
      </p>
      <h1>Knowledge check</h1>
      <p>
        {data.questions.length} questions. You pass with {data.passMark}% or more, and you can retake it as often as you like.
      </p>
      {score ? (
        <div role="status" className={score.passed ? "notice" : "notice warn"}>
          <p>
            <strong>
              {score.correct} of {score.total} right ({score.percent}%): {score.passed ? "passed" : "not passed yet"}.
            </strong>{" "}
            {outcome?.completed
              ? "You have completed this module; its hours are now in your record."
              : score.passed
                ? `Read the ${data.sectionsLeft} remaining section(s) to complete the module.`
                : "Read the feedback below, then try again."}
          </p>
        </div>
      ) : null}
      <Form method="post" noValidate>
        <CsrfInput />
        <FormError message={outcome?.error} />
        {data.questions.map((question, index) => {
          const result = review?.[index];
          const unanswered = Boolean(outcome?.error) && outcome?.chosen?.[index] === null;
          return (
            <fieldset
              key={index}
              className="question"
              aria-invalid={unanswered ? true : undefined}
              aria-describedby={unanswered ? `q${index}-errors` : undefined}
            >
              <legend>
                {index + 1}. {question.prompt}
              </legend>
              <ErrorList id={`q${index}-errors`} errors={unanswered ? [`Choose an answer to question ${index + 1}.`] : null} />
              {question.options.map((option, optionIndex) => (
                <div key={optionIndex} className="option">
                  <input
                    type="radio"
                    id={`q${index}-o${optionIndex}`}
                    name={`q${index}`}
                    value={optionIndex}
                    defaultChecked={outcome?.chosen?.[index] === optionIndex}
                  />
                  <label htmlFor={`q${index}-o${optionIndex}`}>{option}</label>
                </div>
              ))}
              {result ? (
                <div className={result.right ? "feedback right" : "feedback wrong"}>
                  <p>
                    <strong>{result.right ? "Right." : "Not quite."}</strong> {result.feedback}
                  </p>
                  {result.correctFeedback ? (
                    <p>
                      The best answer: “{result.correctText}” {result.correctFeedback}
                    </p>
                  ) : null}
                </div>
              ) : null}
            </fieldset>
          );
        })}
        <SubmitButton>{review ? "Submit again" : "Submit answers"}</SubmitButton>
      </Form>
    </>
  );
}
