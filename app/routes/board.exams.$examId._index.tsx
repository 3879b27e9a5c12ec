import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { ScrollingTable } from "~/components/scrolling-table";
import { ITEM_STATUSES, ITEM_STATUS_LABELS, REVIEW_POLICIES, REVIEW_POLICY_LABELS } from "~/domain/exam-labels";
import { CsrfInput, ErrorList } from "~/components/forms";
import { angoffJudges, ratingsText } from "~/domain/angoff-ratings";
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS } from "~/domain/course-domains";
import {
  bankCounts,
  blueprintShortfalls,
  liveCountsByDomain,
  requireExam,
} from "~/models/exam-bank.server";
import {
  DefinitionChangedError,
  cutOf,
  definitionOf,
  readDefinitionForm,
  saveDefinition,
  scoredItemCount,
  type FieldErrors,
} from "~/models/exam-definition.server";
import stylesheet from "~/styles/exam-board.css";
import { readForm } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Exam"} · Board exams · PeerPath` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { exam } = await requireExam(request, params.examId, "manage:exams:own-jurisdiction");
  const definition = definitionOf(exam);
  const [counts, live, credentialTypes, submitted] = await Promise.all([
    bankCounts(exam.id),
    liveCountsByDomain(prisma, exam.id),
    prisma.credentialType.findMany({ where: { jurisdictionId: exam.jurisdictionId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.examAttempt.count({ where: { examId: exam.id, status: "SUBMITTED" } }),
  ]);
  let cut: number | null = null;
  try {
    cut = cutOf(definition.passRule);
  } catch {
    cut = null; // ratings of uneven length, stored before this page checked them: the form says so on save
  }
  const study = definition.passRule.kind === "angoff" ? definition.passRule : null;
  return json({
    id: exam.id,
    name: exam.name,
    code: exam.code,
    jurisdiction: exam.jurisdiction.name,
    updatedAt: exam.updatedAt.toISOString(),
    definition,
    angoffText: study ? ratingsText(study) : "",
    judges: study ? angoffJudges(study).map((judge) => ({ name: judge.name, sum: round(judge.sum) })) : [],
    cut: cut === null ? null : round(cut),
    scored: scoredItemCount(definition.blueprint),
    shortfalls: blueprintShortfalls(definition.blueprint, live),
    counts,
    credentialTypes,
    submitted,
  });
}

type ActionData = { errors: FieldErrors; values: Record<string, string>; angoff: { judges: string[]; judgeSums: number[]; cut: number; scored: number } | null; checked: boolean };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, exam } = await requireExam(request, params.examId, "manage:exams:own-jurisdiction");
  const formData = await readForm(request);
  const values = Object.fromEntries([...formData.entries()].flatMap(([name, value]) => (typeof value === "string" && name !== "csrf" ? [[name, value]] : [])));
  const intent = formData.get("intent") === "save" ? "save" : "check";
  const reading = await readDefinitionForm(exam, formData);
  if (!reading.ok) return json<ActionData>({ errors: reading.errors, values, angoff: null, checked: false }, { status: 400 });
  const angoff = reading.angoff ? { ...reading.angoff, judgeSums: reading.angoff.judgeSums.map((sum) => round(sum)), cut: round(reading.angoff.cut), scored: scoredItemCount(reading.definition.blueprint) } : null;
  if (intent === "check") return json<ActionData>({ errors: {}, values, angoff, checked: true });
  try {
    const saved = await saveDefinition({ examId: exam.id, basedOn: String(formData.get("basedOn") ?? ""), definition: reading.definition, actorId: user.id });
    return redirect(`/board/exams/${exam.id}?saved=${saved.changed.length ? "1" : "0"}`);
  } catch (error) {
    if (error instanceof DefinitionChangedError) return json<ActionData>({ errors: { form: [error.message] }, values, angoff, checked: false }, { status: 409 });
    throw error;
  }
}

/** Each judge's sum under the judge's name, and the cut: how an Angoff cut was reached. */
function AngoffJudgesTable({ caption, judges, cut }: { caption: string; judges: { name: string; sum: number }[]; cut: number | null }) {
  return (
    <ScrollingTable caption={caption}>
      <thead>
        <tr>
          <th scope="col">Judge</th>
          <th scope="col" className="numeric">
            Sum of ratings
          </th>
        </tr>
      </thead>
      <tbody>
        {judges.map((judge, index) => (
          <tr key={index}>
            <th scope="row">{judge.name}</th>
            <td className="numeric">{judge.sum}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Cut (mean)</th>
          <td className="numeric">{cut ?? "not set"}</td>
        </tr>
      </tfoot>
    </ScrollingTable>
  );
}

function NumberInput({ name, label, value, min, max, errors, hint, step }: { name: string; label: string; value: string; min: number; max?: number; errors?: string[]; hint?: string; step?: string }) {
  const id = `field-${name.replace(/\./g, "-")}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-errors` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <input id={id} name={name} type="number" inputMode="numeric" min={min} max={max} step={step} defaultValue={value} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} />
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

export default function ExamDefinition() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("saved");
  const errors = result?.errors ?? {};
  const { definition } = data;
  const value = (name: string, stored: string | number | null | undefined) => result?.values[name] ?? (stored === null || stored === undefined ? "" : String(stored));
  const checked = (name: string, stored: boolean) => (result ? result.values[name] === "on" : stored);
  const passRuleKind = result?.values.passRuleKind ?? definition.passRule.kind;
  const errorCount = Object.values(errors).reduce((sum, list) => sum + list.length, 0);
  const checkedStudy = result?.angoff;
  const checkedJudges = checkedStudy ? checkedStudy.judges.map((name, index) => ({ name, sum: checkedStudy.judgeSums[index] ?? 0 })) : [];

  return (
    <div className="exam-board">
      <p>
        <Link to="/board/exams">All exams</Link>
      </p>
      <h1>{data.name}</h1>
      {saved && !result ? (
        <p role="status" className="notice">
          {saved === "1" ? "The exam is saved. Attempts started from now on follow the new rules." : "Nothing changed, so nothing was saved."}
        </p>
      ) : null}

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <dl className="stats">
          <div>
            <dt>Candidates can sit it</dt>
            <dd>{definition.published ? "Yes" : "No"}</dd>
          </div>
          <div>
            <dt>Scored items per form</dt>
            <dd>{data.scored}</dd>
          </div>
          <div>
            <dt>Cut ({definition.passRule.kind === "raw" ? "raw" : `Angoff, ${data.judges.length} judge${data.judges.length === 1 ? "" : "s"}`})</dt>
            <dd>{data.cut === null ? "not set" : `${data.cut} of ${data.scored}`}</dd>
          </div>
          <div>
            <dt>Submitted attempts</dt>
            <dd>{data.submitted}</dd>
          </div>
        </dl>
        {data.judges.length ? (
          <AngoffJudgesTable caption="The Angoff study as saved: each judge's expected score for a minimally competent candidate" judges={data.judges} cut={data.cut} />
        ) : null}
        <p className="actions">
          <Link to={`/board/exams/${data.id}/items`}>Item bank</Link>
          <Link to={`/board/exams/${data.id}/report`}>Report</Link>
          <a href={`/board/exams/${data.id}/qti.xml`} download>
            Export the bank (QTI 3.0)
          </a>
        </p>
        {data.shortfalls.length ? (
          <div className="notice warn">
            <p>The bank cannot fill this blueprint, so no form can be assembled:</p>
            <ul>
              {data.shortfalls.map((shortfall) => (
                <li key={shortfall}>{shortfall}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <ScrollingTable caption="Items per domain: what each form needs and what the bank holds">
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col" className="numeric">
                Scored items per form
              </th>
              {ITEM_STATUSES.map((status) => (
                <th key={status} scope="col" className="numeric">
                  {ITEM_STATUS_LABELS[status]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {COURSE_DOMAIN_KEYS.map((domain) => (
              <tr key={domain}>
                <th scope="row">{COURSE_DOMAIN_LABELS[domain]}</th>
                <td className="numeric">{definition.blueprint[domain]}</td>
                {ITEM_STATUSES.map((status) => (
                  <td key={status} className="numeric">
                    {data.counts[domain]?.[status] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
        <p className="hint">An item is counted under each status one of its versions has, so an item live in version 1 with a draft version 2 counts as both.</p>
      </section>

      <section aria-labelledby="definition-heading">
        <h2 id="definition-heading">Rules of the exam</h2>
        {errorCount ? (
          <div role="alert" className="form-error">
            <p>
              {errorCount === 1 ? "One thing needs" : `${errorCount} things need`} your attention before the exam can be saved:
            </p>
            <ul>
              {Object.values(errors)
                .flat()
                .map((message) => (
                  <li key={message}>{message}</li>
                ))}
            </ul>
          </div>
        ) : null}
        {result?.checked ? (
          <div role="status" className="notice">
            <p>Everything checks out{result.angoff ? "" : "; nothing is saved until you save"}.</p>
            {result.angoff ? (
              <>
                <p>
                  The Angoff cut is <strong>{result.angoff.cut}</strong> of {result.angoff.scored} scored items: the mean of the judges&apos; sums.
                  Nothing is saved until you save.
                </p>
                <AngoffJudgesTable
                  caption="Each judge's expected score for a minimally competent candidate"
                  judges={checkedJudges}
                  cut={result.angoff.cut}
                />
              </>
            ) : null}
          </div>
        ) : null}
        <Form method="post" key={data.updatedAt}>
          <CsrfInput />
          <input type="hidden" name="basedOn" value={data.updatedAt} />
          <fieldset aria-describedby={errors.blueprint?.length ? "blueprint-errors" : undefined}>
            <legend>Blueprint: scored items per domain on every form</legend>
            <p className="hint">Each form draws exactly this many live items from each domain; the bank must hold at least that many.</p>
            <div className="number-grid">
              {COURSE_DOMAIN_KEYS.map((domain) => (
                <NumberInput
                  key={domain}
                  name={`blueprint.${domain}`}
                  label={COURSE_DOMAIN_LABELS[domain]}
                  value={value(`blueprint.${domain}`, definition.blueprint[domain])}
                  min={0}
                  max={200}
                  errors={errors[`blueprint.${domain}`]}
                />
              ))}
            </div>
            <ErrorList id="blueprint-errors" errors={errors.blueprint} />
          </fieldset>

          <fieldset>
            <legend>Delivery</legend>
            <div className="number-grid">
              <NumberInput name="pretestCount" label="Pretest items per form" hint="Delivered but not scored." value={value("pretestCount", definition.pretestCount)} min={0} max={50} errors={errors.pretestCount} />
              <NumberInput name="timeLimitMinutes" label="Time limit (minutes)" value={value("timeLimitMinutes", definition.timeLimitMinutes)} min={5} max={600} errors={errors.timeLimitMinutes} />
              <NumberInput name="attemptsAllowed" label="Attempts allowed" value={value("attemptsAllowed", definition.attemptsAllowed)} min={1} max={20} errors={errors.attemptsAllowed} />
              <NumberInput name="waitingDays" label="Days to wait between attempts" value={value("waitingDays", definition.waitingDays)} min={0} max={365} errors={errors.waitingDays} />
            </div>
          </fieldset>

          <fieldset>
            <legend>Pass rule</legend>
            <div className="choice">
              <input type="radio" id="passRule-raw" name="passRuleKind" value="raw" defaultChecked={passRuleKind === "raw"} />
              <label htmlFor="passRule-raw">A raw cut: a number of scored items to get right</label>
            </div>
            <NumberInput
              name="rawCut"
              label="Raw cut"
              step="any"
              value={value("rawCut", definition.passRule.kind === "raw" ? definition.passRule.cut : "")}
              min={0}
              errors={errors.rawCut}
            />
            <div className="choice">
              <input type="radio" id="passRule-angoff" name="passRuleKind" value="angoff" defaultChecked={passRuleKind === "angoff"} />
              <label htmlFor="passRule-angoff">A modified-Angoff study: the cut is the mean of the judges&apos; sums</label>
            </div>
            <div className="field">
              <label htmlFor="field-angoffRatings">Judges&apos; ratings</label>
              <p id="field-angoffRatings-hint" className="hint">
                One row per judge, one rating per scored item of the reference form ({data.scored} items with the blueprint as saved), each the
                chance from 0 to 1 that a minimally competent candidate answers the item right. Separate ratings with commas, semicolons or tabs
                (paste rows from a spreadsheet); a judge&apos;s name may come first, spaces and all. Choose &ldquo;Check and compute the cut&rdquo; to see the cut
                before saving.
              </p>
              <textarea
                id="field-angoffRatings"
                name="angoffRatings"
                rows={6}
                className="code"
                defaultValue={value("angoffRatings", data.angoffText)}
                aria-describedby={["field-angoffRatings-hint", errors.angoffRatings?.length ? "field-angoffRatings-errors" : null].filter(Boolean).join(" ")}
                aria-invalid={errors.angoffRatings?.length ? true : undefined}
              />
              <ErrorList id="field-angoffRatings-errors" errors={errors.angoffRatings} />
            </div>
            <ErrorList errors={errors.passRuleKind} />
          </fieldset>

          <fieldset aria-describedby={errors.scaling?.length ? "scaling-errors" : undefined}>
            <legend>Scaled scores</legend>
            <div className="choice">
              <input type="checkbox" id="field-scalingEnabled" name="scalingEnabled" defaultChecked={checked("scalingEnabled", Boolean(definition.scaling))} />
              <label htmlFor="field-scalingEnabled">Report scaled scores (raw 0 maps to the lowest, the cut to the passing score, a perfect score to the highest)</label>
            </div>
            <div className="number-grid">
              <NumberInput name="reportedMin" label="Lowest reported score" value={value("reportedMin", definition.scaling?.reportedMin)} min={-100000} errors={errors.reportedMin} />
              <NumberInput name="cutReported" label="Reported passing score" value={value("cutReported", definition.scaling?.cutReported)} min={-100000} errors={errors.cutReported} />
              <NumberInput name="reportedMax" label="Highest reported score" value={value("reportedMax", definition.scaling?.reportedMax)} min={-100000} errors={errors.reportedMax} />
            </div>
            <ErrorList id="scaling-errors" errors={errors.scaling} />
          </fieldset>

          <div className="field">
            <label htmlFor="field-requiresTrainingForId">Who may sit it</label>
            <select
              id="field-requiresTrainingForId"
              name="requiresTrainingForId"
              defaultValue={value("requiresTrainingForId", definition.requiresTrainingForId)}
              aria-invalid={errors.requiresTrainingForId?.length ? true : undefined}
              aria-describedby={errors.requiresTrainingForId?.length ? "field-requiresTrainingForId-errors" : undefined}
            >
              <option value="">Any trainee</option>
              {data.credentialTypes.map((credentialType) => (
                <option key={credentialType.id} value={credentialType.id}>
                  Trainees whose training hours for {credentialType.name} are complete
                </option>
              ))}
            </select>
            <ErrorList id="field-requiresTrainingForId-errors" errors={errors.requiresTrainingForId} />
          </div>

          <fieldset>
            <legend>Review after scoring</legend>
            {REVIEW_POLICIES.map((policy) => (
              <div className="choice" key={policy}>
                <input type="radio" id={`reviewPolicy-${policy}`} name="reviewPolicy" value={policy} defaultChecked={value("reviewPolicy", definition.reviewPolicy) === policy} />
                <label htmlFor={`reviewPolicy-${policy}`}>{REVIEW_POLICY_LABELS[policy]}</label>
              </div>
            ))}
            <ErrorList errors={errors.reviewPolicy} />
          </fieldset>

          <div className="choice">
            <input type="checkbox" id="field-published" name="published" defaultChecked={checked("published", definition.published)} />
            <label htmlFor="field-published">Published: candidates who qualify can sit the exam</label>
          </div>

          <div className="actions">
            <SubmitButton name="intent" value="check">
              Check and compute the cut
            </SubmitButton>
            <SubmitButton name="intent" value="save">
              Save the exam
            </SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  );
}
