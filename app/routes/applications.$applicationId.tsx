import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, FieldControl, FormError, ProblemList } from "~/components/forms";
import { ApplicationMessages, ApplicationStatusLine, DocumentLinks, Notice, VerdictPanel } from "~/components/application-parts";
import { SubmitButton } from "~/components/submit-button";
import { EDITABLE_STATUSES, EvidenceSchema, documentKindsFor, messageHeading, type ApplicationStatus } from "~/domain/applications";
import { MAX_CERTIFICATE_BYTES, applicationDocumentUpload, formatDay } from "~/domain/hour-entries";
import {
  ApplicationProblem,
  attachDocument,
  checkSubmission,
  detachDocument,
  decisionOf,
  findApplication,
  liveVerdict,
  requirementInForce,
  saveEvidence,
  submitApplication,
  withdrawApplication,
} from "~/models/application.server";
import { CertificateRejectedError, readCertificate } from "~/models/documents.server";
import { parseForm, type FieldErrors } from "~/utils/forms.server";
import { UnreadableUploadError, UploadTooLargeError, readFormWithFile } from "~/utils/multipart.server";
import { forbidden, invariantFound, requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Application: ${data.application.credentialType.name} · PeerPath` : "Application · PeerPath" },
];

const IdParam = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const NOT_FOUND = "There is no application at this address.";

async function requireOwnApplication(request: Request, id: string | undefined) {
  const trainee = await requirePermission(request, "apply:credentials");
  const parsed = IdParam.safeParse(id);
  const application = invariantFound(parsed.success ? await findApplication(parsed.data) : null, NOT_FOUND);
  if (application.traineeId !== trainee.id) throw forbidden("This application belongs to someone else. You can open only your own applications.");
  return { trainee, application };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { application } = await requireOwnApplication(request, params.applicationId);
  const verdict = await liveVerdict(application);
  const check = checkSubmission(application, verdict);
  // The decision is the board's: the member who made it is not sent to the trainee's page.
  const { decidedBy: _decider, decidedById: _deciderId, ...seen } = application;
  return json({
    application: seen,
    decision: decisionOf(application, "trainee"),
    verdict,
    canSubmit: check.ok,
    blockers: check.ok ? [] : check.reasons,
    documentKinds: documentKindsFor(verdict.requirement),
  });
}

type Reply = { intent: string; errors?: FieldErrors; formError?: string; reasons?: string[]; notice?: string };
const reply = (body: Reply, status = 200) => json<Reply>(body, { status });

const IntentSchema = z.enum(["save-evidence", "attach", "detach", "submit", "withdraw"]);
const DocumentKindSchema = z.string({ error: "Choose what the document shows" }).regex(/^[a-z0-9-]{1,60}$/, "Choose what the document shows");
const AnswerSchema = z.string().trim().max(4000, "Keep your answer under 4,000 characters").optional();

export async function action({ request, params }: ActionFunctionArgs) {
  const { trainee, application } = await requireOwnApplication(request, params.applicationId);
  let form: FormData;
  try {
    form = await readFormWithFile(request, { fileField: "document", maxBytes: MAX_CERTIFICATE_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return reply({ intent: "attach", formError: "The document is larger than 5 MB. Upload a smaller scan." }, 400);
    // Only the attach form is sent as multipart.
    if (error instanceof UnreadableUploadError) return reply({ intent: "attach", formError: "The form arrived incomplete, so the document was not attached. Choose it again and attach it." }, 400);
    throw error;
  }
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return reply({ intent: "unknown", formError: "That form could not be read. Reload the page and try again." }, 400);
  try {
    switch (intent.data) {
      case "save-evidence": {
        const parsed = parseForm(EvidenceSchema, form);
        if (!parsed.success) return reply({ intent: intent.data, errors: parsed.errors, formError: "Nothing was saved. Correct the fields marked below." }, 400);
        await saveEvidence(application.id, trainee.id, {
          recoveryStartedOn: parsed.data.recoveryStartedOn,
          lettersOfRecommendation: parsed.data.lettersOfRecommendation,
          attest: parsed.data.attest === "on",
          provisional: parsed.data.provisional === "on",
        });
        return reply({ intent: intent.data, notice: "Your evidence is saved." });
      }
      case "attach": {
        const kind = DocumentKindSchema.safeParse(form.get("kind"));
        const options = documentKindsFor((await requirementInForce(application.credentialTypeId)).requirement);
        const chosen = kind.success ? options.find((option) => option.kind === kind.data) : undefined;
        if (!chosen) return reply({ intent: intent.data, errors: { kind: ["Choose what the document shows"] }, formError: "The document was not attached." }, 400);
        await attachDocument(application.id, trainee.id, chosen.kind, await readCertificate(form.get("document"), applicationDocumentUpload(chosen.label)));
        return reply({ intent: intent.data, notice: "The document is attached." });
      }
      case "detach": {
        const documentId = IdParam.safeParse(form.get("documentId"));
        if (!documentId.success) return reply({ intent: intent.data, formError: "That document is not attached to this application." }, 400);
        await detachDocument(application.id, trainee.id, documentId.data);
        return reply({ intent: intent.data, notice: "The document is removed from this application." });
      }
      case "submit": {
        const answer = AnswerSchema.safeParse(form.get("answer") ?? undefined);
        if (!answer.success) return reply({ intent: intent.data, errors: { answer: [answer.error.issues[0]!.message] }, formError: "The application was not submitted." }, 400);
        await submitApplication(application.id, trainee.id, answer.data || null);
        return redirect(`/applications/${application.id}`);
      }
      case "withdraw":
        await withdrawApplication(application.id, trainee.id);
        return redirect("/applications");
    }
  } catch (error) {
    if (error instanceof CertificateRejectedError) return reply({ intent: intent.data, errors: { document: [error.message] }, formError: error.message }, 400);
    if (error instanceof ApplicationProblem) return reply({ intent: intent.data, formError: error.message, reasons: error.reasons }, error.status);
    throw error;
  }
}

export default function Application() {
  const { application, decision, verdict, canSubmit, blockers, documentKinds } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const status = application.status as ApplicationStatus;
  const editable = EDITABLE_STATUSES.includes(status);
  const title = `${application.credentialType.jurisdiction.name}: ${application.credentialType.name}`;
  const requirement = verdict.requirement;
  const asksLetters = requirement.evidence.some((item) => item.kind === "letters-of-recommendation");
  const asksRecovery = requirement.evidence.some((item) => item.kind === "months-in-recovery");
  const errors = outcome?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/applications">All your applications</Link>
      </p>
      <h1>
        {application.kind === "RENEWAL" ? "Renewal" : "Application"}: {title}
      </h1>
      <ApplicationStatusLine status={status} submittedAt={application.submittedAt} decision={decision} />
      <Notice message={outcome?.notice} />
      <FormError message={outcome?.reasons?.length ? null : outcome?.formError} />
      <ProblemList problems={outcome?.reasons} heading={outcome?.reasons?.length ? outcome.formError : undefined} />
      {application.issuedCredential ? (
        <p className="notice">
          Approved. Your credential is <Link to={`/credentials/${application.issuedCredential.number}`}>{application.issuedCredential.number}</Link>.
        </p>
      ) : null}
      {status === "APPROVED" && application.kind === "RENEWAL" && application.renewsCredential ? (
        <p className="notice">
          Approved. <Link to={`/credentials/${application.renewsCredential.number}`}>Your credential</Link> is renewed.
        </p>
      ) : null}
      {status === "DENIED" ? <p className="notice warn">Denied: {application.decisionReason}</p> : null}

      <ApplicationMessages
        messages={application.messages}
        who={(message) => messageHeading(message, "trainee")}
      />

      <VerdictPanel
        verdict={verdict}
        heading="Eligibility now"
        words={{
          met: "You meet every requirement.",
          provisional: "You meet what the provisional stage requires.",
          ceMet: "Your continuing education meets the renewal rule.",
          ceUnmet: "Your continuing education does not yet meet the renewal rule.",
        }}
      >
        {verdict.kind === "RENEWAL" ? (
          <p className="hint">
            Log continuing-education hours on <Link to={`/credentials/${application.renewsCredential?.number}`}>your credential&apos;s page</Link>.
          </p>
        ) : null}
      </VerdictPanel>

      {editable ? (
        <>
          <section aria-labelledby="evidence-heading" className="panel">
            <h2 id="evidence-heading">Your evidence</h2>
            <Form method="post" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="save-evidence" />
              {asksRecovery || application.recoveryStartedOn ? (
                <FieldControl id="recoveryStartedOn" label="Date your recovery began" hint="Used to count your months in recovery." errors={errors.recoveryStartedOn}>
                  {(aria) => <input {...aria} type="date" name="recoveryStartedOn" defaultValue={application.recoveryStartedOn ? formatDay(application.recoveryStartedOn) : ""} />}
                </FieldControl>
              ) : (
                <input type="hidden" name="recoveryStartedOn" value="" />
              )}
              {asksLetters ? (
                <FieldControl id="lettersOfRecommendation" label="Letters of recommendation you are sending" hint="Attach each letter below as well." errors={errors.lettersOfRecommendation}>
                  {(aria) => <input {...aria} type="number" min={0} max={20} step={1} name="lettersOfRecommendation" defaultValue={application.lettersOfRecommendation} />}
                </FieldControl>
              ) : (
                <input type="hidden" name="lettersOfRecommendation" value={application.lettersOfRecommendation} />
              )}
              <fieldset className="question">
                <legend>Code of ethics</legend>
                <div className="option">
                  <input type="checkbox" id="attest" name="attest" defaultChecked={application.attestedCodeOfEthicsAt !== null} />
                  <label htmlFor="attest">
                    I have read the {application.credentialType.jurisdiction.name} code of ethics for peer recovery specialists, I agree to practise by it, and what I give in this application is true.
                  </label>
                </div>
                {application.attestedCodeOfEthicsAt ? <p className="hint">Signed on {formatDay(application.attestedCodeOfEthicsAt)}.</p> : null}
              </fieldset>
              {requirement.provisional && application.kind === "INITIAL" ? (
                <div className="option">
                  <input type="checkbox" id="provisional" name="provisional" defaultChecked={application.provisional} />
                  <label htmlFor="provisional">
                    Apply for the provisional stage ({requirement.provisional.name}, {requirement.provisional.durationMonths} months)
                  </label>
                </div>
              ) : null}
              <SubmitButton>Save evidence</SubmitButton>
            </Form>
          </section>

          <section aria-labelledby="documents-heading" className="panel">
            <h2 id="documents-heading">Documents</h2>
            <DocumentLinks
              documents={application.documents}
              action={(document) => (
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="detach" />
                  <input type="hidden" name="documentId" value={document.id} />
                  <SubmitButton className="link-button">
                    Remove <span className="visually-hidden">{document.filename}</span>
                  </SubmitButton>
                </Form>
              )}
            />
            <Form method="post" encType="multipart/form-data" noValidate>
              <CsrfInput />
              <input type="hidden" name="intent" value="attach" />
              <FieldControl id="kind" label="What the document shows" errors={errors.kind}>
                {(aria) => (
                  <select {...aria} name="kind">
                    {documentKinds.map((option) => (
                      <option key={option.kind} value={option.kind}>
                        {option.label}
                      </option>
                    ))}
                  </select>
                )}
              </FieldControl>
              <FieldControl id="document" label="Document (PDF, PNG or JPEG, at most 5 MB)" errors={errors.document}>
                {(aria) => <input {...aria} type="file" name="document" accept=".pdf,.png,.jpg,.jpeg" />}
              </FieldControl>
              <SubmitButton>Attach document</SubmitButton>
            </Form>
          </section>

          <section aria-labelledby="submit-heading" className="panel">
            <h2 id="submit-heading">{status === "MORE_INFO_REQUESTED" ? "Answer and resubmit" : "Submit"}</h2>
            {canSubmit ? (
              <Form method="post" noValidate>
                <CsrfInput />
                <input type="hidden" name="intent" value="submit" />
                {status === "MORE_INFO_REQUESTED" ? (
                  <FieldControl id="answer" label="Your answer to the board" errors={errors.answer}>
                    {(aria) => <textarea {...aria} name="answer" rows={4} required />}
                  </FieldControl>
                ) : (
                  <p>Everything the board needs is here. Once you submit, the board reviews your application.</p>
                )}
                <SubmitButton>{status === "MORE_INFO_REQUESTED" ? "Send answer and resubmit" : "Submit application"}</SubmitButton>
              </Form>
            ) : (
              <>
                <p>You can submit once nothing below is missing:</p>
                <ul>
                  {blockers.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      ) : (
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">Documents</h2>
          <DocumentLinks documents={application.documents} />
        </section>
      )}
      {["DRAFT", "SUBMITTED", "IN_REVIEW", "MORE_INFO_REQUESTED"].includes(status) ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="withdraw" />
          <SubmitButton className="link-button">
            Withdraw this application
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
