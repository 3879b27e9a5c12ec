import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DecisionForm } from "~/components/decision-form";
import { FormError } from "~/components/forms";
import { EmptyListText, Pager } from "~/components/pager";
import { COURSE_DOMAIN_LABELS, formatHours, minutesToHours, type CourseDomainKey } from "~/domain/course-domains";
import { DECISIONS_FOR_SOURCE, decisionSchema, formatDay, type Decision } from "~/domain/hour-entries";
import { asHoursProblem, decideOnEntry, externalTrainingQueue } from "~/models/practice-hours.server";
import { readForm } from "~/utils/csrf.server";
import { fieldError, parseForm, type FieldErrors } from "~/utils/forms.server";
import { pageCount, pageFrom } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "External training · PeerPath" }];

const DECISIONS = DECISIONS_FOR_SOURCE.EXTERNAL_CERTIFICATE!;

export async function loader({ request }: LoaderFunctionArgs) {
  const member = await requirePermission(request, "review:external-training:own-jurisdiction");
  const { page, skip, take } = pageFrom(request);
  const queue = await externalTrainingQueue(member, { skip, take });
  return json({ entries: queue.entries, total: queue.total, page, pages: pageCount(queue.total) });
}

type Reply = { entryId: string | null; errors: FieldErrors | null; formError: string | null; notice: string | null };
const reply = (data: Partial<Reply>, status = 200) => json<Reply>({ entryId: null, errors: null, formError: null, notice: null, ...data }, { status });

const DONE: Record<Decision, string> = { approve: "Approved", reject: "Rejected", "request-changes": "Asked for changes to" };

export async function action({ request }: ActionFunctionArgs) {
  const member = await requirePermission(request, "review:external-training:own-jurisdiction");
  const formData = await readForm(request);
  const entryId = typeof formData.get("entryId") === "string" ? String(formData.get("entryId")) : null;
  const parsed = parseForm(decisionSchema(DECISIONS), formData);
  if (!parsed.success) return reply({ entryId, errors: parsed.errors, formError: "Nothing was recorded. Correct the field marked below." }, 400);
  const { decision, comment } = parsed.data;
  try {
    // The entry's jurisdiction is checked against the member's seats in reviewProblem.
    const entry = await decideOnEntry(parsed.data.entryId, member, "EXTERNAL_CERTIFICATE", decision, comment);
    return reply({ entryId, notice: `${DONE[decision]} ${entry.trainee.name}'s ${formatHours(entry.minutes)} of training taken elsewhere.` });
  } catch (error) {
    const problem = asHoursProblem(error);
    return reply({ entryId, errors: problem.field ? fieldError(problem.field, problem.message) : null, formError: problem.message }, problem.status);
  }
}

const TYPE_NAMES: Record<string, string> = { "application/pdf": "PDF", "image/png": "PNG image", "image/jpeg": "JPEG image" };

export default function ExternalTraining() {
  const { entries, total, page, pages } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <>
      <h1>External training</h1>
      <p className="lead">Training trainees took elsewhere and claim for your board, with their certificates. Approved hours count as training hours.</p>
      {outcome?.notice ? (
        <div role="status" className="notice">
          <p>{outcome.notice}</p>
        </div>
      ) : null}
      {outcome?.formError && !entries.some((entry) => entry.id === outcome.entryId) ? <FormError message={outcome.formError} /> : null}
      <h2>Claims waiting for a decision ({total})</h2>
      {entries.length ? (
        entries.map((entry) => {
          const errors = outcome?.entryId === entry.id ? outcome.errors : null;
          const headingId = `claim-${entry.id}-heading`;
          const commentId = `claim-${entry.id}-comment`;
          return (
            <article key={entry.id} className="panel" aria-labelledby={headingId}>
              <h3 id={headingId}>
                {entry.trainee.name}: {minutesToHours(entry.minutes)} h of “{entry.description}”
              </h3>
              <dl>
                <dt>Training provider</dt>
                <dd>{entry.provider}</dd>
                <dt>Completed</dt>
                <dd>{formatDay(entry.occurredOn)}</dd>
                <dt>Domain</dt>
                <dd>{entry.courseDomain ? (COURSE_DOMAIN_LABELS[entry.courseDomain as CourseDomainKey] ?? entry.courseDomain) : "None or several"}</dd>
                <dt>For the board of</dt>
                <dd>{entry.reviewJurisdiction?.name}</dd>
                <dt>Certificate</dt>
                <dd>
                  {entry.document ? (
                    <a href={`/documents/${entry.document.id}`}>
                      View the certificate<span className="visually-hidden"> of {entry.trainee.name}</span> ({TYPE_NAMES[entry.document.mimeType] ?? "file"},{" "}
                      {Math.max(1, Math.round(entry.document.sizeBytes / 1024))} KB)
                    </a>
                  ) : (
                    "None"
                  )}
                </dd>
              </dl>
              <p>
                <Link to={`/hours/${entry.id}`}>
                  Full history<span className="visually-hidden"> of {entry.trainee.name}'s claim</span>
                </Link>
              </p>
              <DecisionForm
                entryId={entry.id}
                commentId={commentId}
                commentHint="Needed to reject the claim; the trainee sees it."
                decisions={DECISIONS_FOR_SOURCE.EXTERNAL_CERTIFICATE!}
                formError={outcome?.entryId === entry.id ? outcome.formError : null}
                errors={errors}
              />
            </article>
          );
        })
      ) : (
        <p>
          <EmptyListText page={page} total={total}>
            No claims are waiting for your board.
          </EmptyListText>
        </p>
      )}
      <Pager page={page} pages={pages} label="Pages of claims waiting" />
    </>
  );
}
