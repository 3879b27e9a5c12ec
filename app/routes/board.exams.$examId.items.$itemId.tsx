import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ScrollingTable } from "~/components/scrolling-table";
import { ITEM_STATUSES, ITEM_STATUS_LABELS, ITEM_TYPE_LABELS, OPTION_IDS, domainLabel, NewItemStatusSchema } from "~/domain/exam-labels";
import { CsrfInput, ProblemList } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { ITEM_TYPES } from "~/domain/exam-assembly";
import {
  ItemBankError,
  itemWithVersions,
  requireExam,
  reviseItem,
  setVersionStatus,
} from "~/models/exam-bank.server";
import stylesheet from "~/styles/exam-board.css";
import { readForm } from "~/utils/csrf.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Item ${data?.item.externalId ?? ""} · ${data?.examName ?? "Exam"} · PeerPath` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { exam } = await requireExam(request, params.examId, "manage:exams:own-jurisdiction");
  const item = await itemWithVersions(exam.id, params.itemId);
  return json({
    examId: exam.id,
    examName: exam.name,
    item: {
      ...item,
      versions: item.versions.map((version) => ({ ...version, createdAt: version.createdAt.toISOString() })),
    },
  });
}

const ReviseSchema = z.object({
  basedOnVersion: z.coerce.number().int().min(1),
  type: z.enum(ITEM_TYPES, { error: "Choose the item type." }),
  status: NewItemStatusSchema.default("DRAFT"),
  stem: z.string().max(10_000, "Keep the stem under 4,000 characters.").default(""),
  rationale: z.string().max(10_000, "Keep the rationale under 4,000 characters.").default(""),
});
const StatusSchema = z.object({ versionId: z.string().min(1).max(40), status: z.enum(ITEM_STATUSES, { error: "Choose the new status." }) });

type ActionData =
  | { intent: "revise"; problems: string[]; values: Record<string, string | string[]> }
  | { intent: "status"; problems: string[]; notice: string | null; warning: string | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, exam } = await requireExam(request, params.examId, "manage:exams:own-jurisdiction");
  const item = await itemWithVersions(exam.id, params.itemId);
  const formData = await readForm(request);

  if (formData.get("intent") === "status") {
    const parsed = StatusSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return json<ActionData>({ intent: "status", problems: parsed.error.issues.map((issue) => issue.message), notice: null, warning: null }, { status: 400 });
    try {
      const changed = await setVersionStatus({ examId: exam.id, itemId: item.id, versionId: parsed.data.versionId, status: parsed.data.status, actorId: user.id });
      const retired = changed.retiredVersions.length ? ` Version ${changed.retiredVersions.join(" and ")} was retired, so only one version is live.` : "";
      return json<ActionData>({
        intent: "status",
        problems: [],
        notice: `Version ${changed.version} is now ${ITEM_STATUS_LABELS[parsed.data.status].toLowerCase()}.${retired}`,
        warning: changed.warning,
      });
    } catch (error) {
      if (error instanceof ItemBankError) return json<ActionData>({ intent: "status", problems: error.problems, notice: null, warning: null }, { status: error.status });
      throw error;
    }
  }

  const values: Record<string, string | string[]> = {};
  for (const [name, value] of formData.entries()) if (typeof value === "string" && name !== "csrf") values[name] = value;
  values.key = formData.getAll("key").filter((value): value is string => typeof value === "string");
  const parsed = ReviseSchema.safeParse(values);
  if (!parsed.success) return json<ActionData>({ intent: "revise", problems: parsed.error.issues.map((issue) => issue.message), values }, { status: 400 });
  const options = OPTION_IDS.flatMap((id) => {
    const text = String(formData.get(`option.${id}`) ?? "").trim();
    return text ? [{ id, text }] : [];
  });
  const key = (values.key as string[]).filter((id) => (OPTION_IDS as readonly string[]).includes(id));
  try {
    const saved = await reviseItem({
      itemId: item.id,
      basedOnVersion: parsed.data.basedOnVersion,
      status: parsed.data.status,
      content: { type: parsed.data.type, stem: parsed.data.stem, options, key, rationale: parsed.data.rationale },
      actorId: user.id,
    });
    const retired = saved.retiredVersions.length ? `&retired=${saved.retiredVersions.join(",")}` : "";
    return redirect(`/board/exams/${exam.id}/items/${item.id}?saved=${saved.version.version}${retired}`);
  } catch (error) {
    if (error instanceof ItemBankError) return json<ActionData>({ intent: "revise", problems: error.problems, values }, { status: error.status });
    throw error;
  }
}

export default function ExamItem() {
  const { examId, examName, item } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("saved");
  const retired = searchParams.get("retired");
  const latest = item.versions[0]!;
  const revise = result?.intent === "revise" ? result : undefined;
  const status = result?.intent === "status" ? result : undefined;
  const typed = (name: string, fallback: string) => {
    const value = revise?.values[name];
    return typeof value === "string" ? value : fallback;
  };
  const optionText = (id: string) => typed(`option.${id}`, latest.content.options.find((option) => option.id === id)?.text ?? "");
  const isKey = (id: string) => (revise && Array.isArray(revise.values.key) ? revise.values.key.includes(id) : latest.content.key.includes(id));

  return (
    <div className="exam-board">
      <p>
        <Link to={`/board/exams/${examId}/items`}>Item bank of {examName}</Link>
      </p>
      <h1>Item {item.externalId}</h1>
      <p>
        Domain: {domainLabel(item.domain)}. Each edit is saved as a new version; versions already delivered never change, so their statistics
        stay valid.
      </p>
      {searchParams.get("created") && !result ? (
        <p role="status" className="notice">
          The item is saved as version 1.
        </p>
      ) : null}
      {saved && !result ? (
        <p role="status" className="notice">
          Version {saved} saved.{retired ? ` Version ${retired.split(",").join(" and ")} was retired, so only one version is live.` : ""}
        </p>
      ) : null}
      {status?.notice ? (
        <p role="status" className="notice">
          {status.notice}
        </p>
      ) : null}
      {status?.warning ? <p className="notice warn">{status.warning}</p> : null}
      <ProblemList problems={status?.problems ?? []} heading="The status was not changed:" />

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        <ScrollingTable caption={<>Every version of item {item.externalId}, newest first</>}>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Type</th>
              <th scope="col">Saved</th>
              <th scope="col" className="numeric">
                Answers received
              </th>
              <th scope="col">Change status</th>
              <th scope="col">Export</th>
            </tr>
          </thead>
          <tbody>
            {item.versions.map((version) => (
              <tr key={version.id}>
                <th scope="row">Version {version.version}</th>
                <td>{ITEM_STATUS_LABELS[version.status]}</td>
                <td>{ITEM_TYPE_LABELS[version.content.type]}</td>
                <td>
                  {version.createdAt.slice(0, 10)}, by {version.author}
                </td>
                <td className="numeric">{version.deliveries}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="status" />
                    <input type="hidden" name="versionId" value={version.id} />
                    <label htmlFor={`status-${version.id}`} className="visually-hidden">
                      New status for version {version.version}
                    </label>
                    <select id={`status-${version.id}`} name="status" defaultValue="">
                      <option value="" disabled>
                        Choose…
                      </option>
                      {ITEM_STATUSES.filter((candidate) => candidate !== version.status).map((candidate) => (
                        <option key={candidate} value={candidate}>
                          {ITEM_STATUS_LABELS[candidate]}
                        </option>
                      ))}
                    </select>
                    <SubmitButton aria-label={`Change the status of version ${version.version}`}>
                      Change
                    </SubmitButton>
                  </Form>
                </td>
                <td>
                  <a href={`/board/exams/${examId}/qti.xml?item=${encodeURIComponent(item.externalId)}&version=${version.version}`} download>
                    QTI<span className="visually-hidden"> file of version {version.version}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
        {item.versions.map((version) => (
          <details key={version.id} open={version.version === latest.version}>
            <summary>
              Version {version.version} ({ITEM_STATUS_LABELS[version.status].toLowerCase()})
            </summary>
            <dl className="version-content">
              <dt>Stem</dt>
              <dd className="text">{version.content.stem}</dd>
              <dt>Options</dt>
              <dd>
                <ul>
                  {version.content.options.map((option) => (
                    <li key={option.id}>
                      {option.id}. {option.text}
                      {version.content.key.includes(option.id) ? <span className="key"> (correct)</span> : null}
                    </li>
                  ))}
                </ul>
              </dd>
              <dt>Rationale</dt>
              <dd className="text">{version.content.rationale || "None written."}</dd>
            </dl>
          </details>
        ))}
      </section>

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Edit: make version {latest.version + 1}</h2>
        <p className="hint">The form starts from version {latest.version}. Saving never changes an earlier version.</p>
        <ProblemList problems={revise?.problems ?? []} heading="The new version was not saved:" />
        <Form method="post" key={`${latest.version}-${revise ? "retry" : "fresh"}`}>
          <CsrfInput />
          <input type="hidden" name="intent" value="revise" />
          <input type="hidden" name="basedOnVersion" value={latest.version} />
          <div className="field-row">
            <div className="field">
              <label htmlFor="edit-type">Type</label>
              <select id="edit-type" name="type" defaultValue={typed("type", latest.content.type)}>
                {ITEM_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {ITEM_TYPE_LABELS[type]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="edit-status">Status of the new version</label>
              <select id="edit-status" name="status" defaultValue={typed("status", "DRAFT")} aria-describedby="edit-status-hint">
                <option value="DRAFT">Draft</option>
                <option value="PRETEST">Pretest</option>
                <option value="LIVE">Live</option>
              </select>
              <p id="edit-status-hint" className="hint">
                Live retires the version that is live now.
              </p>
            </div>
          </div>
          <div className="field">
            <label htmlFor="edit-stem">Stem (the question)</label>
            <textarea id="edit-stem" name="stem" rows={4} defaultValue={typed("stem", latest.content.stem)} required maxLength={4000} />
          </div>
          <fieldset>
            <legend>Options</legend>
            <p className="hint">Two to six options; empty ones are left out. Tick the correct option (for a multiple-answer item, every correct one). Word each option differently; a true-or-false item's options are True and False, in that order.</p>
            <div className="option-grid">
              {OPTION_IDS.map((id) => (
                <OptionRow key={id} id={id} text={optionText(id)} isKey={isKey(id)} />
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor="edit-rationale">Rationale (why the key is right; shown in review after scoring)</label>
            <textarea id="edit-rationale" name="rationale" rows={3} defaultValue={typed("rationale", latest.content.rationale)} maxLength={4000} />
          </div>
          <SubmitButton>Save as version {latest.version + 1}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}

function OptionRow({ id, text, isKey }: { id: string; text: string; isKey: boolean }) {
  return (
    <>
      <label htmlFor={`edit-option-${id}`}>Option {id}</label>
      <input type="text" id={`edit-option-${id}`} name={`option.${id}`} defaultValue={text} maxLength={1000} />
      <span className="choice">
        <input type="checkbox" id={`edit-key-${id}`} name="key" value={id} defaultChecked={isKey} />
        <label htmlFor={`edit-key-${id}`}>Option {id} is correct</label>
      </span>
    </>
  );
}
