import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, FieldControl, FormError } from "~/components/forms";
import { ApplicationMessages, ApplicationStatusLine, DocumentLinks, Notice, VerdictPanel } from "~/components/application-parts";
import { ScrollingTable } from "~/components/scrolling-table";
import { SubmitButton } from "~/components/submit-button";
import { ReasonSchema, messageHeading, reviewActionsFor, type ApplicationStatus, type ReviewAction } from "~/domain/applications";
import { COURSE_DOMAIN_LABELS, minutesToHours, type CourseDomainKey } from "~/domain/course-domains";
import { EVENT_LABELS, KIND_LABELS, SOURCE_LABELS, STATUS_LABELS, formatDay } from "~/domain/hour-entries";
import { ApplicationProblem, decisionOf, findApplication, liveVerdict } from "~/models/application.server";
import { OWN_APPLICATION, applicationEvidence, reviewApplication, sendDecisionNotice } from "~/models/application-review.server";
import { readForm } from "~/utils/csrf.server";
import { invariantFound, requirePermission, requireUser } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Application of ${data.application.trainee.name} · PeerPath` : "Application · PeerPath" },
];

const IdParam = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const NOT_FOUND = "There is no application at this address.";

/** The application, if it exists and is submitted (404), for a board member of its jurisdiction (403). */
async function requireReviewableApplication(request: Request, id: string | undefined) {
  await requireUser(request);
  const parsed = IdParam.safeParse(id);
  const application = invariantFound(parsed.success ? await findApplication(parsed.data) : null, NOT_FOUND);
  if (application.status === "DRAFT") throw new Response(NOT_FOUND, { status: 404 });
  const reviewer = await requirePermission(request, "review:applications:own-jurisdiction", { jurisdictionId: application.credentialType.jurisdiction.id });
  return { reviewer, application };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { reviewer, application } = await requireReviewableApplication(request, params.applicationId);
  const [verdict, evidence] = await Promise.all([liveVerdict(application), applicationEvidence(application.traineeId)]);
  const own = application.traineeId === reviewer.id;
  return json({ application, decision: decisionOf(application, "board"), verdict, evidence, own, actions: own ? [] : reviewActionsFor(application.status as ApplicationStatus) });
}

const DecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start-review") }),
  z.object({ intent: z.literal("approve"), reason: z.string().trim().max(2000).optional() }),
  z.object({ intent: z.literal("request-info"), reason: ReasonSchema }),
  z.object({ intent: z.literal("deny"), reason: ReasonSchema }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { reviewer, application } = await requireReviewableApplication(request, params.applicationId);
  const form = await readForm(request);
  const parsed = DecisionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const intent = String(form.get("intent") ?? "");
    return json({ intent, formError: parsed.error.issues[0]?.message ?? "Choose a decision.", notice: null }, { status: 400 });
  }
  const decision = parsed.data;
  try {
    const result = await reviewApplication({
      applicationId: application.id,
      reviewerId: reviewer.id,
      action: decision.intent,
      reason: "reason" in decision && decision.reason ? decision.reason : null,
    });
    await sendDecisionNotice(application.id, decision.intent);
    const notice = result.credentialNumber
      ? application.kind === "RENEWAL"
        ? `Approved: credential ${result.credentialNumber} is renewed.`
        : `Approved: credential ${result.credentialNumber} is issued.`
      : NOTICES[decision.intent];
    return json({ intent: decision.intent, formError: null, notice });
  } catch (error) {
    if (error instanceof ApplicationProblem) return json({ intent: decision.intent, formError: error.message, notice: null }, { status: error.status });
    throw error;
  }
}

const NOTICES: Record<ReviewAction, string> = {
  "start-review": "You are reviewing this application.",
  "request-info": "Your request is sent; the application waits for the trainee's answer.",
  approve: "Approved.",
  deny: "The application is denied; the trainee sees your reason.",
};

export default function ReviewApplication() {
  const { application, decision, verdict, evidence, own, actions } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const status = application.status as ApplicationStatus;
  return (
    <>
      <p>
        <Link to="/board/applications">Applications waiting for a decision</Link>
      </p>
      <h1>
        {application.kind === "RENEWAL" ? "Renewal" : "Application"} of {application.trainee.name}
      </h1>
      <p>
        {application.credentialType.jurisdiction.name}: {application.credentialType.name}
        {application.provisional ? " (provisional stage)" : ""}. {application.trainee.email}.
      </p>
      <ApplicationStatusLine status={status} submittedAt={application.submittedAt} decision={decision} />
      <Notice message={outcome?.notice} />
      <FormError message={outcome?.formError} />
      {application.issuedCredential ? (
        <p>
          Credential issued: <Link to={`/board/credentials/${application.issuedCredential.number}`}>{application.issuedCredential.number}</Link>
        </p>
      ) : null}
      {application.renewsCredential ? (
        <p>
          Renews <Link to={`/board/credentials/${application.renewsCredential.number}`}>{application.renewsCredential.number}</Link>, which expires on{" "}
          {formatDay(application.renewsCredential.expiresOn)}.
        </p>
      ) : null}

      {own ? (
        <p className="notice">{OWN_APPLICATION}</p>
      ) : actions.length ? (
        <section aria-labelledby="decide-heading" className="panel">
          <h2 id="decide-heading">Decide</h2>
          {actions.includes("start-review") ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="start-review" />
              <SubmitButton>Start review</SubmitButton>
            </Form>
          ) : null}
          {actions.includes("approve") ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="approve" />
              <p>{application.kind === "RENEWAL" ? "Approving moves the credential's expiry on by one renewal period." : "Approving issues the credential at once."}</p>
              <SubmitButton>{application.kind === "RENEWAL" ? "Approve renewal" : "Approve and issue"}</SubmitButton>
            </Form>
          ) : null}
          {actions.includes("request-info") ? (
            <Form method="post" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="request-info" />
              <FieldControl id="request-reason" label="What the trainee should add or explain" errors={outcome?.intent === "request-info" && outcome.formError ? [outcome.formError] : null}>
                {(aria) => <textarea {...aria} name="reason" rows={3} required />}
              </FieldControl>
              <SubmitButton>Ask for more information</SubmitButton>
            </Form>
          ) : null}
          {actions.includes("deny") ? (
            <Form method="post" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="deny" />
              <FieldControl id="deny-reason" label="Reason for denial (the trainee sees it)" errors={outcome?.intent === "deny" && outcome.formError ? [outcome.formError] : null}>
                {(aria) => <textarea {...aria} name="reason" rows={3} required />}
              </FieldControl>
              <SubmitButton>
                Deny
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : status === "MORE_INFO_REQUESTED" ? (
        <p>Waiting for the trainee to answer your request.</p>
      ) : null}

      <VerdictPanel
        verdict={verdict}
        heading="Eligibility today"
        words={{
          met: "Meets every requirement.",
          provisional: "Meets what the provisional stage requires.",
          ceMet: "Continuing education meets the renewal rule.",
          ceUnmet: "Continuing education does not meet the renewal rule.",
        }}
      >
        <p>
          Submitted under requirements version {application.requirementVersion ?? "—"}. Code of ethics:{" "}
          {application.attestedCodeOfEthicsAt ? `signed on ${formatDay(application.attestedCodeOfEthicsAt)}` : "not signed"}.
          {application.recoveryStartedOn ? ` Recovery began on ${formatDay(application.recoveryStartedOn)}.` : ""}
          {application.lettersOfRecommendation ? ` Letters of recommendation: ${application.lettersOfRecommendation}.` : ""}
        </p>
      </VerdictPanel>

      <ApplicationMessages messages={application.messages} who={(message) => messageHeading(message, "board")} />

      <section aria-labelledby="documents-heading">
        <h2 id="documents-heading">Documents</h2>
        <DocumentLinks documents={application.documents} />
      </section>

      <section aria-labelledby="exams-heading">
        <h2 id="exams-heading">Exam attempts</h2>
        {evidence.attempts.length ? (
          <ScrollingTable caption="Exam attempts" hideCaption>
            <thead>
              <tr>
                <th scope="col">Exam</th>
                <th scope="col">Finished</th>
                <th scope="col">Score</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {evidence.attempts.map((attempt) => (
                <tr key={attempt.id}>
                  <td>{attempt.exam.name}</td>
                  <td>
                    {attempt.submittedAt ? formatDay(attempt.submittedAt) : "—"}
                    {attempt.submittedBy === "deadline" ? " (time ran out)" : ""}
                  </td>
                  <td>{attempt.scaledScore ?? `${attempt.rawScore} of ${attempt.maxScore}`}</td>
                  <td>{attempt.passed ? "Pass" : "Fail"}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        ) : (
          <p>No exam attempts in PeerPath.</p>
        )}
      </section>

      <section aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Hour ledger ({evidence.entries.length} {evidence.entries.length === 1 ? "entry" : "entries"})</h2>
        <details>
          <summary>Every entry with its history</summary>
          <ScrollingTable caption="Hour ledger" hideCaption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Hours</th>
                <th scope="col">Status</th>
                <th scope="col">Description and history</th>
              </tr>
            </thead>
            <tbody>
              {evidence.entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDay(entry.occurredOn)}</td>
                  <td>
                    {KIND_LABELS[entry.kind]}
                    {entry.courseDomain ? `: ${COURSE_DOMAIN_LABELS[entry.courseDomain as CourseDomainKey] ?? entry.courseDomain}` : ""}
                    {entry.ceCategory ? ` (${entry.ceCategory})` : ""}
                    <br />
                    <span className="hint">{SOURCE_LABELS[entry.source]}</span>
                  </td>
                  <td>{minutesToHours(entry.minutes)}</td>
                  <td>{STATUS_LABELS[entry.status]}</td>
                  <td>
                    <Link to={`/hours/${entry.id}?application=${application.id}`}>{entry.description}</Link>
                    <ul className="hint">
                      {entry.events.map((event) => (
                        <li key={event.id}>
                          {formatDay(event.createdAt)}: {EVENT_LABELS[event.action as keyof typeof EVENT_LABELS] ?? event.action}
                          {event.actor ? ` by ${event.actor.name}` : ""}
                          {event.comment ? `: ${event.comment}` : ""}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        </details>
      </section>
    </>
  );
}
