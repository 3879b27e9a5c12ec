import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput, ErrorList, FormError, FieldControl } from "~/components/forms";
import { EmptyListText, Pager } from "~/components/pager";
import { ScrollingTable } from "~/components/scrolling-table";
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS, formatHours, minutesToHours, type CourseDomainKey } from "~/domain/course-domains";
import {
  KIND_LABELS,
  MAX_CERTIFICATE_BYTES,
  SOURCE_LABELS,
  STATUS_LABELS,
  externalTrainingSchema,
  formatDay,
  practiceHoursSchema,
} from "~/domain/hour-entries";
import {
  asHoursProblem,
  claimExternalTraining,
  jurisdictionChoices,
  logPracticeHours,
  supervisorChoices,
  hoursToCorrect,
  traineeLedger,
} from "~/models/practice-hours.server";
import type { CurrentUser } from "~/utils/auth.server";
import { UnreadableUploadError, UploadTooLargeError, readFormWithFile } from "~/utils/multipart.server";
import { fieldError, parseForm, type FieldErrors } from "~/utils/forms.server";
import { pageCount, pageFrom } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Hours · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const trainee = await requirePermission(request, "log:hours:own");
  const { page, skip, take } = pageFrom(request);
  const [ledger, toCorrect, supervisors, jurisdictions] = await Promise.all([
    traineeLedger(trainee.id, { skip, take }),
    hoursToCorrect(trainee.id),
    supervisorChoices(trainee.id),
    jurisdictionChoices(),
  ]);
  return json({
    entries: ledger.entries,
    toCorrect: toCorrect.map((entry) => ({
      id: entry.id,
      what: `${formatHours(entry.minutes)} of ${KIND_LABELS[entry.kind].toLowerCase()} on ${formatDay(entry.occurredOn)}`,
      supervisor: entry.supervisor?.name ?? "Your supervisor",
      comment: entry.reviewComment,
    })),
    total: ledger.total,
    page,
    pages: pageCount(ledger.total),
    supervisors,
    jurisdictions,
    today: formatDay(new Date()),
  });
}

type Intent = "log" | "claim";
type Reply = { intent: Intent | null; errors: FieldErrors | null; formError: string | null; notice: string | null; entryId: string | null };

const reply = (data: Partial<Reply>, status = 200) =>
  json<Reply>({ intent: null, errors: null, formError: null, notice: null, entryId: null, ...data }, { status });

function problemReply(intent: Intent, error: unknown) {
  const problem = asHoursProblem(error);
  return reply({ intent, errors: problem.field ? fieldError(problem.field, problem.message) : null, formError: problem.message }, problem.status);
}

const TOO_LARGE = "The certificate is larger than 5 MB. Upload a smaller scan or photo (PDF, PNG or JPEG).";
// Only the claim form is sent as multipart, so an unreadable multipart body was a claim.
const UNREADABLE = "The form arrived incomplete, so the training was not claimed. Submit it again.";

export async function action({ request }: ActionFunctionArgs) {
  const trainee = await requirePermission(request, "log:hours:own");
  let formData: FormData;
  try {
    formData = await readFormWithFile(request, { fileField: "certificate", maxBytes: MAX_CERTIFICATE_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return reply({ intent: "claim", errors: fieldError("certificate", TOO_LARGE), formError: TOO_LARGE }, 400);
    if (error instanceof UnreadableUploadError) return reply({ intent: "claim", formError: UNREADABLE }, 400);
    throw error;
  }
  const intent = formData.get("intent");
  if (intent === "log") return logHours(trainee, formData);
  if (intent === "claim") return claimTraining(trainee, formData);
  return reply({ formError: "This form could not be read. Reload the page and submit it again." }, 400);
}

async function logHours(trainee: CurrentUser, formData: FormData) {
  const parsed = parseForm(practiceHoursSchema(new Date()), formData);
  if (!parsed.success) return reply({ intent: "log", errors: parsed.errors, formError: "The hours were not logged. Correct the fields marked below." }, 400);
  try {
    const { entry, supervisor } = await logPracticeHours(trainee, parsed.data);
    return reply({
      intent: "log",
      entryId: entry.id,
      notice: `Logged ${formatHours(entry.minutes)} on ${formatDay(entry.occurredOn)}. They now wait for ${supervisor.name} to review them.`,
    });
  } catch (error) {
    return problemReply("log", error);
  }
}

async function claimTraining(trainee: CurrentUser, formData: FormData) {
  const parsed = parseForm(externalTrainingSchema(new Date()), formData);
  if (!parsed.success) return reply({ intent: "claim", errors: parsed.errors, formError: "The training was not claimed. Correct the fields marked below." }, 400);
  try {
    const { entry, jurisdiction } = await claimExternalTraining(trainee, parsed.data, formData.get("certificate"));
    return reply({
      intent: "claim",
      entryId: entry.id,
      notice: `Claimed ${formatHours(entry.minutes)} of training. The ${jurisdiction.name} board will review your certificate.`,
    });
  } catch (error) {
    return problemReply("claim", error);
  }
}


export default function Hours() {
  const { entries, toCorrect, total, page, pages, supervisors, jurisdictions, today } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const logErrors = outcome?.intent === "log" ? outcome.errors : null;
  const claimErrors = outcome?.intent === "claim" ? outcome.errors : null;
  return (
    <>
      <h1>Hours</h1>
      <p className="lead">Every hour in your record: course modules, live sessions, practice you log and training you took elsewhere.</p>
      {outcome?.notice ? (
        <div role="status" className="notice">
          <p>{outcome.notice}</p>
        </div>
      ) : null}
      {!outcome?.intent && outcome?.formError ? <FormError message={outcome.formError} /> : null}
      {toCorrect.length ? (
        <section aria-labelledby="to-correct-heading" className="panel">
          <h2 id="to-correct-heading">Hours to correct</h2>
          <p>Your supervisor sent these back. Open each one, make the changes asked for and resubmit it for review.</p>
          <ul>
            {toCorrect.map((entry) => (
              <li key={entry.id}>
                <Link to={`/hours/${entry.id}`}>{entry.what}</Link>: {entry.supervisor} asked for changes
                {entry.comment ? <>: {entry.comment}</> : "."}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Your hours</h2>
        {entries.length ? (
          <ScrollingTable caption="Your hours" hideCaption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Kind</th>
                <th scope="col">Source</th>
                <th scope="col">Hours</th>
                <th scope="col">Domain</th>
                <th scope="col">Status</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{formatDay(entry.occurredOn)}</td>
                  <td>{KIND_LABELS[entry.kind]}</td>
                  <td>{SOURCE_LABELS[entry.source]}</td>
                  <td>{minutesToHours(entry.minutes)}</td>
                  <td>{entry.courseDomain ? (COURSE_DOMAIN_LABELS[entry.courseDomain as CourseDomainKey] ?? entry.courseDomain) : "None"}</td>
                  <td>{STATUS_LABELS[entry.status]}</td>
                  <td>
                    <Link to={`/hours/${entry.id}`}>
                      Details<span className="visually-hidden"> of {KIND_LABELS[entry.kind].toLowerCase()} hours on {formatDay(entry.occurredOn)}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        ) : (
          <p>
            <EmptyListText page={page} total={total}>
              No hours yet. Complete a course module, or log or claim hours below.
            </EmptyListText>
          </p>
        )}
        <Pager page={page} pages={pages} label="Pages of your hours" />
      </section>

      <section aria-labelledby="log-heading">
        <h2 id="log-heading">Log practice hours</h2>
        <p>Experience and supervised practice hours count once the supervisor you name approves them.</p>
        {supervisors.length ? (
          <Form method="post" noValidate key={outcome?.intent === "log" && outcome.entryId ? outcome.entryId : "log"}>
            <CsrfInput />
            <input type="hidden" name="intent" value="log" />
            {outcome?.intent === "log" ? <FormError message={outcome.formError} /> : null}
            <fieldset className="question" aria-describedby={logErrors?.kind ? "log-kind-errors" : undefined}>
              <legend>Kind of hours</legend>
              <div className="option">
                <input type="radio" id="log-kind-supervised" name="kind" value="SUPERVISED" defaultChecked />
                <label htmlFor="log-kind-supervised">Supervised practice</label>
              </div>
              <div className="option">
                <input type="radio" id="log-kind-experience" name="kind" value="EXPERIENCE" />
                <label htmlFor="log-kind-experience">Experience</label>
              </div>
              <ErrorList id="log-kind-errors" errors={logErrors?.kind} />
            </fieldset>
            <FieldControl id="log-occurredOn" label="Date worked" errors={logErrors?.occurredOn}>
              {(aria) => <input {...aria} name="occurredOn" type="date" max={today} required />}
            </FieldControl>
            <FieldControl id="log-hours" label="Hours" hint="In quarter hours, for example 2.5. At most 24 hours on one day." errors={logErrors?.hours}>
              {(aria) => <input {...aria} name="hours" type="number" min="0.25" max="24" step="0.25" inputMode="decimal" required />}
            </FieldControl>
            <FieldControl id="log-setting" label="Where you worked" hint="The organisation or program, for example a recovery centre." errors={logErrors?.setting}>
              {(aria) => <input {...aria} name="setting" type="text" maxLength={200} required />}
            </FieldControl>
            <FieldControl id="log-description" label="What you did" errors={logErrors?.description}>
              {(aria) => <textarea {...aria} name="description" rows={3} maxLength={1000} required />}
            </FieldControl>
            <FieldControl id="log-supervisorId" label="Supervisor" hint="The supervisor who oversaw this work reviews it." errors={logErrors?.supervisorId}>
              {(aria) => (
                <select {...aria} name="supervisorId" defaultValue="" required>
                  <option value="">Choose your supervisor</option>
                  {supervisors.map((supervisor) => (
                    <option key={supervisor.id} value={supervisor.id}>
                      {supervisor.name} ({supervisor.email})
                    </option>
                  ))}
                </select>
              )}
            </FieldControl>
            <SubmitButton>
              Log hours
            </SubmitButton>
          </Form>
        ) : (
          <p>No supervisor has a PeerPath account yet. Ask your supervisor to be invited, then log your hours here.</p>
        )}
      </section>

      <section aria-labelledby="claim-heading">
        <h2 id="claim-heading">Claim training taken elsewhere</h2>
        <p>Training from another provider counts once a board member of the jurisdiction you choose approves your certificate.</p>
        <Form method="post" encType="multipart/form-data" noValidate key={outcome?.intent === "claim" && outcome.entryId ? outcome.entryId : "claim"}>
          <CsrfInput />
          <input type="hidden" name="intent" value="claim" />
          {outcome?.intent === "claim" ? <FormError message={outcome.formError} /> : null}
          <FieldControl id="claim-description" label="Course name" errors={claimErrors?.description}>
            {(aria) => <input {...aria} name="description" type="text" maxLength={1000} required />}
          </FieldControl>
          <FieldControl id="claim-provider" label="Training provider" errors={claimErrors?.provider}>
            {(aria) => <input {...aria} name="provider" type="text" maxLength={200} required />}
          </FieldControl>
          <FieldControl id="claim-occurredOn" label="Date completed" errors={claimErrors?.occurredOn}>
            {(aria) => <input {...aria} name="occurredOn" type="date" max={today} required />}
          </FieldControl>
          <FieldControl id="claim-hours" label="Training hours" hint="As on the certificate, in quarter hours." errors={claimErrors?.hours}>
            {(aria) => <input {...aria} name="hours" type="number" min="0.25" max="200" step="0.25" inputMode="decimal" required />}
          </FieldControl>
          <FieldControl id="claim-courseDomain" label="Course domain" hint="The domain the training covered, if it was one." errors={claimErrors?.courseDomain}>
            {(aria) => (
              <select {...aria} name="courseDomain" defaultValue="">
                <option value="">None or several</option>
                {COURSE_DOMAIN_KEYS.map((domain) => (
                  <option key={domain} value={domain}>
                    {COURSE_DOMAIN_LABELS[domain]}
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
          <FieldControl id="claim-jurisdictionId" label="Board to review it" errors={claimErrors?.jurisdictionId}>
            {(aria) => (
              <select {...aria} name="jurisdictionId" defaultValue="" required>
                <option value="">Choose a board</option>
                {jurisdictions.map((jurisdiction) => (
                  <option key={jurisdiction.id} value={jurisdiction.id}>
                    {jurisdiction.name}
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
          <FieldControl id="claim-certificate" label="Certificate" hint="A PDF, PNG or JPEG file of at most 5 MB." errors={claimErrors?.certificate}>
            {(aria) => <input {...aria} name="certificate" type="file" accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" required />}
          </FieldControl>
          <SubmitButton>
            Claim these hours
          </SubmitButton>
        </Form>
      </section>
    </>
  );
}
