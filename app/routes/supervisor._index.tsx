import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DecisionForm } from "~/components/decision-form";
import { FormError } from "~/components/forms";
import { EmptyListText, Pager } from "~/components/pager";
import { formatHours, minutesToHours } from "~/domain/course-domains";
import { DECISIONS_FOR_SOURCE, KIND_LABELS, decisionSchema, formatDay, type Decision } from "~/domain/hour-entries";
import { asHoursProblem, decideOnEntry, supervisorQueue } from "~/models/practice-hours.server";
import { readForm } from "~/utils/csrf.server";
import { fieldError, parseForm, type FieldErrors } from "~/utils/forms.server";
import { pageCount, pageFrom } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Supervision · PeerPath" }];

const DECISIONS = DECISIONS_FOR_SOURCE.LOGGED!;

export async function loader({ request }: LoaderFunctionArgs) {
  const supervisor = await requirePermission(request, "review:hours:assigned");
  const { page, skip, take } = pageFrom(request);
  const queue = await supervisorQueue(supervisor.id, { skip, take });
  return json({ name: supervisor.name, entries: queue.entries, total: queue.total, page, pages: pageCount(queue.total) });
}

type Reply = { entryId: string | null; errors: FieldErrors | null; formError: string | null; notice: string | null };
const reply = (data: Partial<Reply>, status = 200) => json<Reply>({ entryId: null, errors: null, formError: null, notice: null, ...data }, { status });

const DONE: Record<Decision, string> = {
  approve: "Approved",
  reject: "Rejected",
  "request-changes": "Asked for changes to",
};

export async function action({ request }: ActionFunctionArgs) {
  const supervisor = await requirePermission(request, "review:hours:assigned");
  const formData = await readForm(request);
  const entryId = typeof formData.get("entryId") === "string" ? String(formData.get("entryId")) : null;
  const parsed = parseForm(decisionSchema(DECISIONS), formData);
  if (!parsed.success) return reply({ entryId, errors: parsed.errors, formError: "Nothing was recorded. Correct the field marked below." }, 400);
  const { decision, comment } = parsed.data;
  try {
    const entry = await decideOnEntry(parsed.data.entryId, supervisor, "LOGGED", decision, comment);
    return reply({ entryId, notice: `${DONE[decision]} ${entry.trainee.name}'s ${formatHours(entry.minutes)}.` });
  } catch (error) {
    const problem = asHoursProblem(error);
    return reply({ entryId, errors: problem.field ? fieldError(problem.field, problem.message) : null, formError: problem.message }, problem.status);
  }
}

export default function SupervisorHome() {
  const { name, entries, total, page, pages } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <>
      <h1>Supervision</h1>
      <p className="lead">Welcome, {name}. Trainees name you as their supervisor when they log supervised practice or experience hours.</p>
      {outcome?.notice ? (
        <div role="status" className="notice">
          <p>{outcome.notice}</p>
        </div>
      ) : null}
      {outcome?.formError && !entries.some((entry) => entry.id === outcome.entryId) ? <FormError message={outcome.formError} /> : null}
      <h2>Hours waiting for your decision ({total})</h2>
      {entries.length ? (
        entries.map((entry) => {
          const errors = outcome?.entryId === entry.id ? outcome.errors : null;
          const headingId = `entry-${entry.id}-heading`;
          const commentId = `entry-${entry.id}-comment`;
          return (
            <article key={entry.id} className="panel" aria-labelledby={headingId}>
              <h3 id={headingId}>
                {entry.trainee.name}: {minutesToHours(entry.minutes)} h of {KIND_LABELS[entry.kind].toLowerCase()} on {formatDay(entry.occurredOn)}
              </h3>
              <dl>
                <dt>Where</dt>
                <dd>{entry.setting}</dd>
                <dt>What they did</dt>
                <dd>{entry.description}</dd>
                <dt>Logged</dt>
                <dd>{formatDay(entry.createdAt)}</dd>
              </dl>
              <p>
                <Link to={`/hours/${entry.id}`}>
                  Full history<span className="visually-hidden"> of {entry.trainee.name}'s hours on {formatDay(entry.occurredOn)}</span>
                </Link>
              </p>
              <DecisionForm
                entryId={entry.id}
                commentId={commentId}
                commentHint="Needed to reject the hours or to ask for changes; the trainee sees it."
                decisions={DECISIONS_FOR_SOURCE.LOGGED!}
                formError={outcome?.entryId === entry.id ? outcome.formError : null}
                errors={errors}
              />
            </article>
          );
        })
      ) : (
        <p>
          <EmptyListText page={page} total={total}>
            Nothing is waiting for you. Hours that trainees log naming you will appear here, oldest first.
          </EmptyListText>
        </p>
      )}
      <Pager page={page} pages={pages} label="Pages of hours waiting" />
    </>
  );
}
