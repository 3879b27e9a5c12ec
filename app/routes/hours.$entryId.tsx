import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, FormError, FieldControl } from "~/components/forms";
import { ScrollingTable } from "~/components/scrolling-table";
import { COURSE_DOMAIN_LABELS, minutesToHours, type CourseDomainKey } from "~/domain/course-domains";
import {
  EVENT_LABELS,
  KIND_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  canViewDocument,
  canViewEntry,
  entryBackLink,
  formatDay,
  resubmissionSchema,
  reviewNoticeFor,
  voidProblem,
  voidSchema,
} from "~/domain/hour-entries";
import { entryHistory } from "~/models/ledger.server";
import { applicationReference, asHoursProblem, entryOversight, findEntry, resubmitPracticeHours, voidHours } from "~/models/practice-hours.server";
import type { CurrentUser } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { fieldError, parseForm, type FieldErrors } from "~/utils/forms.server";
import { forbidden, invariantFound, requireUser } from "~/utils/permissions.server";
import { SubmitButton } from "~/components/submit-button";
import { utcDateTime } from "~/utils/long-date";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${KIND_LABELS[data.entry.kind]} hours on ${formatDay(data.entry.occurredOn)} · PeerPath` : "Hours · PeerPath" },
];

const EntryIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/);
const NOT_FOUND = "There is no entry at this address. It may have been typed wrongly.";

/** The entry, if it exists (404) and the viewer may see it (403): its trainee, named supervisor, boards, administrators. */
async function requireVisibleEntry(viewer: CurrentUser, entryId: string | undefined) {
  const parsed = EntryIdParam.safeParse(entryId);
  const entry = invariantFound(parsed.success ? await findEntry(parsed.data) : null, NOT_FOUND);
  const oversight = await entryOversight(entry, viewer);
  if (!canViewEntry(entry, viewer, oversight)) {
    throw forbidden("These hours belong to someone else. Only they, their supervisor and the boards of the credentials they work toward can see them.");
  }
  return { entry, oversight };
}

/** The board application named in `?application=`, which a board member opened this entry from. */
async function applicationOpenedFrom(request: Request) {
  const parsed = EntryIdParam.safeParse(new URL(request.url).searchParams.get("application"));
  return parsed.success ? applicationReference(parsed.data) : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const { entry, oversight } = await requireVisibleEntry(viewer, params.entryId);
  const history = await entryHistory(entry.id);
  const isTrainee = viewer.id === entry.traineeId;
  return json({
    entry,
    history,
    back: entryBackLink(entry, viewer, await applicationOpenedFrom(request)),
    reviewNotice: reviewNoticeFor(entry, history),
    canResubmit: isTrainee && entry.source === "LOGGED" && entry.status === "CHANGES_REQUESTED",
    canVoid: voidProblem(entry, viewer, oversight) === null,
    canSeeCertificate: canViewDocument({ ownerId: entry.traineeId, reviewJurisdictionIds: [entry.reviewJurisdictionId] }, viewer),
  });
}

type Reply = { intent: "resubmit" | "void" | null; errors: FieldErrors | null; formError: string | null; notice: string | null };
const reply = (data: Partial<Reply>, status = 200) => json<Reply>({ intent: null, errors: null, formError: null, notice: null, ...data }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const { entry } = await requireVisibleEntry(actor, params.entryId);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "resubmit") {
    const parsed = parseForm(resubmissionSchema(new Date()), formData);
    if (!parsed.success) return reply({ intent, errors: parsed.errors, formError: "Your corrections were not sent. Correct the fields marked below." }, 400);
    try {
      await resubmitPracticeHours(entry.id, actor, parsed.data);
      return reply({ intent, notice: `Your corrected hours went back to ${entry.supervisor?.name ?? "your supervisor"} for review.` });
    } catch (error) {
      const problem = asHoursProblem(error);
      return reply({ intent, errors: problem.field ? fieldError(problem.field, problem.message) : null, formError: problem.message }, problem.status);
    }
  }
  if (intent === "void") {
    const parsed = parseForm(voidSchema, formData);
    if (!parsed.success) return reply({ intent, errors: parsed.errors, formError: "The entry was not voided. Give the reason first." }, 400);
    try {
      await voidHours(entry.id, actor, parsed.data.reason);
      return reply({ intent, notice: "The entry is void. It stays in the record with its history but no longer counts." });
    } catch (error) {
      const problem = asHoursProblem(error);
      return reply({ intent, formError: problem.message }, problem.status);
    }
  }
  return reply({ formError: "This form could not be read. Reload the page and submit it again." }, 400);
}



export default function HourEntry() {
  const { entry, history, back, reviewNotice, canResubmit, canVoid, canSeeCertificate } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const day = formatDay(entry.occurredOn);
  const resubmitErrors = outcome?.intent === "resubmit" ? outcome.errors : null;
  const voidErrors = outcome?.intent === "void" ? outcome.errors : null;
  const external = entry.source === "EXTERNAL_CERTIFICATE";
  return (
    <>
      {back ? (
        <p>
          <Link to={back.to}>{back.label}</Link>
        </p>
      ) : null}
      <h1>
        {KIND_LABELS[entry.kind]} hours on {day}
      </h1>
      {outcome?.notice ? (
        <div role="status" className="notice">
          <p>{outcome.notice}</p>
        </div>
      ) : null}
      {!outcome?.intent ? <FormError message={outcome?.formError} /> : null}
      {reviewNotice ? (
        <div className="notice warn">
          <p>
            <strong>{reviewNotice.lead}</strong>
            {reviewNotice.comment ? ` ${reviewNotice.comment}` : null}
          </p>
        </div>
      ) : null}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <dl className="details">
          <dt>Trainee</dt>
          <dd>{entry.trainee.name}</dd>
          <dt>Status</dt>
          <dd className="status">{STATUS_LABELS[entry.status]}</dd>
          <dt>Source</dt>
          <dd>{SOURCE_LABELS[entry.source]}</dd>
          <dt>Hours</dt>
          <dd>{minutesToHours(entry.minutes)}</dd>
          <dt>Domain</dt>
          <dd>{entry.courseDomain ? (COURSE_DOMAIN_LABELS[entry.courseDomain as CourseDomainKey] ?? entry.courseDomain) : "None"}</dd>
          <dt>{external ? "Course" : "What was done"}</dt>
          <dd>{entry.description}</dd>
          {entry.setting ? (
            <>
              <dt>Where</dt>
              <dd>{entry.setting}</dd>
            </>
          ) : null}
          {entry.provider ? (
            <>
              <dt>Training provider</dt>
              <dd>{entry.provider}</dd>
            </>
          ) : null}
          {entry.supervisor ? (
            <>
              <dt>Supervisor</dt>
              <dd>{entry.supervisor.name}</dd>
            </>
          ) : null}
          {entry.reviewJurisdiction ? (
            <>
              <dt>Reviewing board</dt>
              <dd>{entry.reviewJurisdiction.name}</dd>
            </>
          ) : null}
          {entry.document ? (
            <>
              <dt>Certificate</dt>
              <dd>
                {canSeeCertificate ? <a href={`/documents/${entry.document.id}`}>{entry.document.filename}</a> : entry.document.filename} (
                {Math.max(1, Math.round(entry.document.sizeBytes / 1024))} KB)
              </dd>
            </>
          ) : null}
          {entry.voidedReason ? (
            <>
              <dt>Reason it was voided</dt>
              <dd>{entry.voidedReason}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ScrollingTable caption="Every step these hours went through, oldest first" hideCaption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Comment</th>
            </tr>
          </thead>
          <tbody>
            {history.map((event, index) => (
              <tr key={index}>
                <td>{utcDateTime(event.createdAt)}</td>
                <td>{event.actor?.name ?? "PeerPath"}</td>
                <td>{EVENT_LABELS[event.action] ?? event.action}</td>
                <td>{event.comment ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      </section>

      {canResubmit ? (
        <section aria-labelledby="resubmit-heading">
          <h2 id="resubmit-heading">Correct and resubmit</h2>
          <p>Make the changes your supervisor asked for; the hours then go back to them for review.</p>
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="resubmit" />
            {outcome?.intent === "resubmit" ? <FormError message={outcome.formError} /> : null}
            <FieldControl id="resubmit-occurredOn" label="Date worked" errors={resubmitErrors?.occurredOn}>
              {(aria) => <input {...aria} name="occurredOn" type="date" defaultValue={day} required />}
            </FieldControl>
            <FieldControl id="resubmit-hours" label="Hours" hint="In quarter hours, for example 2.5." errors={resubmitErrors?.hours}>
              {(aria) => (
                <input {...aria} name="hours" type="number" min="0.25" max="24" step="0.25" inputMode="decimal" defaultValue={minutesToHours(entry.minutes)} required />
              )}
            </FieldControl>
            <FieldControl id="resubmit-setting" label="Where you worked" errors={resubmitErrors?.setting}>
              {(aria) => <input {...aria} name="setting" type="text" maxLength={200} defaultValue={entry.setting ?? ""} required />}
            </FieldControl>
            <FieldControl id="resubmit-description" label="What you did" errors={resubmitErrors?.description}>
              {(aria) => <textarea {...aria} name="description" rows={3} maxLength={1000} defaultValue={entry.description} required />}
            </FieldControl>
            <FieldControl id="resubmit-comment" label="Note for your supervisor (optional)" errors={resubmitErrors?.comment}>
              {(aria) => <textarea {...aria} name="comment" rows={2} maxLength={1000} />}
            </FieldControl>
            <SubmitButton>
              Resubmit for review
            </SubmitButton>
          </Form>
        </section>
      ) : null}

      {canVoid ? (
        <section aria-labelledby="void-heading">
          <h2 id="void-heading">Void this entry</h2>
          <p>Voiding keeps the entry and its history in the record, but the hours stop counting. It cannot be undone.</p>
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="void" />
            {outcome?.intent === "void" ? <FormError message={outcome.formError} /> : null}
            <FieldControl id="void-reason" label="Reason for voiding" errors={voidErrors?.reason}>
              {(aria) => <textarea {...aria} name="reason" rows={2} maxLength={1000} required />}
            </FieldControl>
            <SubmitButton>
              Void entry
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </>
  );
}
