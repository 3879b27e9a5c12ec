import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ScrollingTable } from "~/components/scrolling-table";
import { ITEM_STATUSES, ITEM_STATUS_LABELS, ITEM_TYPE_LABELS, OPTION_IDS, domainLabel, NewItemStatusSchema } from "~/domain/exam-labels";
import { CsrfInput, ProblemList } from "~/components/forms";
import { EmptyListText, Pager } from "~/components/pager";
import { SubmitButton } from "~/components/submit-button";
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS } from "~/domain/course-domains";
import { ITEM_TYPES } from "~/domain/exam-assembly";
import {
  ExternalIdSchema,
  ITEM_TYPE_FROM_DB,
  ItemBankError,
  createItem,
  importQti,
  listItems,
  requireExam,
} from "~/models/exam-bank.server";
import stylesheet from "~/styles/exam-board.css";
import { readForm } from "~/utils/csrf.server";
import { UnreadableUploadError, UploadTooLargeError, readFormWithFile } from "~/utils/multipart.server";
import { pageCount, pageFrom, pageOfPagesText } from "~/utils/pagination";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Item bank: ${data?.name ?? "Exam"} · PeerPath` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

/** Largest QTI file an import reads; a bank of a few hundred items is well under 1 MB. */
const MAX_IMPORT_BYTES = 5_000_000;
const SEARCH_MAX = 100;
const EXTERNAL_ID_RULE = "The item id must be 2 to 60 characters: letters, digits, hyphens, dots or underscores, starting with a letter (for example pr-adv-101). Leave it empty to get the next free id.";

const FiltersSchema = z.object({
  domain: z.enum(COURSE_DOMAIN_KEYS).or(z.literal("")).catch(""),
  status: z.enum(ITEM_STATUSES).or(z.literal("")).catch(""),
  q: z.string().trim().max(SEARCH_MAX).catch(""),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { exam } = await requireExam(request, params.examId, "manage:exams:own-jurisdiction");
  const search = new URL(request.url).searchParams;
  const filters = FiltersSchema.parse({ domain: search.get("domain") ?? "", status: search.get("status") ?? "", q: search.get("q") ?? "" });
  const { page, skip, take } = pageFrom(request);
  const bank = await listItems(exam.id, { domain: filters.domain || null, status: filters.status || null, q: filters.q || null }, { skip, take });
  return json({
    id: exam.id,
    name: exam.name,
    filters,
    total: bank.total,
    page,
    pages: pageCount(bank.total),
    items: bank.items.map((item) => ({
      id: item.id,
      externalId: item.externalId,
      domain: item.domain,
      type: item.latest ? ITEM_TYPE_FROM_DB[item.latest.type] : null,
      stem: item.latest ? (item.latest.stem.length > 160 ? `${item.latest.stem.slice(0, 157)}…` : item.latest.stem) : "",
      versions: item.versions,
    })),
  });
}

const CreateSchema = z.object({
  externalId: z.string().trim().default("").refine((value) => value === "" || ExternalIdSchema.safeParse(value).success, EXTERNAL_ID_RULE),
  domain: z.enum(COURSE_DOMAIN_KEYS, { error: "Choose the item's domain." }),
  type: z.enum(ITEM_TYPES, { error: "Choose the item type." }),
  status: NewItemStatusSchema.default("DRAFT"),
  stem: z.string().max(10_000, "Keep the stem under 4,000 characters.").default(""),
  rationale: z.string().max(10_000, "Keep the rationale under 4,000 characters.").default(""),
});

type ActionData = { intent: "create" | "import"; problems: string[]; values: Record<string, string | string[]> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, exam } = await requireExam(request, params.examId, "manage:exams:own-jurisdiction");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return importAction(request, exam.id, user.id);

  const formData = await readForm(request);
  const values: Record<string, string | string[]> = {};
  for (const [name, value] of formData.entries()) if (typeof value === "string" && name !== "csrf") values[name] = value;
  values.key = formData.getAll("key").filter((value): value is string => typeof value === "string");
  // The page posts "create" here and the import as a file; anything else is not a form of this page.
  if (formData.get("intent") !== "create") {
    return json<ActionData>({ intent: "create", problems: ["This form could not be read. Reload the page and try again."], values }, { status: 400 });
  }
  const parsed = CreateSchema.safeParse(values);
  if (!parsed.success) return json<ActionData>({ intent: "create", problems: parsed.error.issues.map((issue) => issue.message), values }, { status: 400 });
  const options = OPTION_IDS.flatMap((id) => {
    const text = String(formData.get(`option.${id}`) ?? "").trim();
    return text ? [{ id, text }] : [];
  });
  const key = (values.key as string[]).filter((id) => (OPTION_IDS as readonly string[]).includes(id));
  try {
    const item = await createItem({
      examId: exam.id,
      externalId: parsed.data.externalId || null,
      domain: parsed.data.domain,
      status: parsed.data.status,
      content: { type: parsed.data.type, stem: parsed.data.stem, options, key, rationale: parsed.data.rationale },
      actorId: user.id,
    });
    return redirect(`/board/exams/${exam.id}/items/${item.id}?created=1`);
  } catch (error) {
    if (error instanceof ItemBankError) return json<ActionData>({ intent: "create", problems: error.problems, values }, { status: error.status });
    throw error;
  }
}

async function importAction(request: Request, examId: string, actorId: string) {
  let formData: FormData;
  try {
    formData = await readFormWithFile(request, { fileField: "file", maxBytes: MAX_IMPORT_BYTES });
  } catch (error) {
    if (!(error instanceof UploadTooLargeError || error instanceof UnreadableUploadError)) throw error;
    return json<ActionData>(
      { intent: "import", problems: [`The file could not be read. QTI files up to ${MAX_IMPORT_BYTES / 1_000_000} MB can be imported.`], values: {} },
      { status: 400 },
    );
  }
  const file = formData.get("file");
  const domain = z.enum(COURSE_DOMAIN_KEYS).safeParse(formData.get("defaultDomain"));
  const values = { defaultDomain: domain.success ? domain.data : "" };
  if (!(file instanceof Blob) || file.size === 0) {
    return json<ActionData>({ intent: "import", problems: ["Choose a QTI 3.0 file (.xml) to import."], values }, { status: 400 });
  }
  let xml: string;
  try {
    xml = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return json<ActionData>({ intent: "import", problems: ["The file is not UTF-8 text, so it cannot be a QTI file PeerPath reads. Save it as UTF-8 XML and try again."], values }, { status: 400 });
  }
  try {
    const imported = await importQti({ examId, xml, defaultDomain: domain.success ? domain.data : null, actorId });
    return redirect(`/board/exams/${examId}/items?status=DRAFT&imported=${imported.count}`);
  } catch (error) {
    if (error instanceof ItemBankError) return json<ActionData>({ intent: "import", problems: error.problems, values }, { status: error.status });
    throw error;
  }
}

export default function ItemBank() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const imported = searchParams.get("imported");
  const created = result?.intent === "create" ? result : undefined;
  const importResult = result?.intent === "import" ? result : undefined;
  const createValue = (name: string) => {
    const value = created?.values[name];
    return typeof value === "string" ? value : "";
  };
  const keyChecked = (id: string) => (Array.isArray(created?.values.key) ? created.values.key.includes(id) : false);

  return (
    <div className="exam-board">
      <p>
        <Link to={`/board/exams/${data.id}`}>{data.name}</Link>
      </p>
      <h1>Item bank</h1>
      {imported && !result ? (
        <p role="status" className="notice">
          {imported} {imported === "1" ? "item was" : "items were"} imported as drafts. Review {imported === "1" ? "it" : "them"}, then move{" "}
          {imported === "1" ? "it" : "them"} to pretest or live.
        </p>
      ) : null}

      <section aria-labelledby="filters-heading">
        <h2 id="filters-heading">Find items</h2>
        <Form method="get" key={location.search} className="field-row">
          <div className="field">
            <label htmlFor="filter-domain">Domain</label>
            <select id="filter-domain" name="domain" defaultValue={data.filters.domain}>
              <option value="">All domains</option>
              {COURSE_DOMAIN_KEYS.map((domain) => (
                <option key={domain} value={domain}>
                  {COURSE_DOMAIN_LABELS[domain]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">Status</label>
            <select id="filter-status" name="status" defaultValue={data.filters.status} aria-describedby="filter-status-hint">
              <option value="">Any status</option>
              {ITEM_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {ITEM_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
            <p id="filter-status-hint" className="hint">
              Items with any version in this status.
            </p>
          </div>
          <div className="field">
            <label htmlFor="filter-q">Text in the stem or item id</label>
            <input id="filter-q" name="q" type="search" defaultValue={data.filters.q} maxLength={SEARCH_MAX} />
          </div>
          <div className="field actions">
            <button type="submit">Apply filters</button>
            <Link to={`/board/exams/${data.id}/items`}>Clear filters</Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="items-heading">
        <h2 id="items-heading">Items</h2>
        <p className="actions">
          <span>
            {data.total} {data.total === 1 ? "item" : "items"}
          </span>
          <a href={`/board/exams/${data.id}/qti.xml`} download>
            Export every item (QTI 3.0)
          </a>
        </p>
        <ScrollingTable caption={<>Items of the bank{pageOfPagesText(data.page, data.pages)}</>}>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Domain</th>
              <th scope="col">Type</th>
              <th scope="col">Versions</th>
              <th scope="col">Stem (newest version)</th>
            </tr>
          </thead>
          <tbody>
            {data.items.length ? (
              data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={`/board/exams/${data.id}/items/${item.id}`}>{item.externalId}</Link>
                  </th>
                  <td>{domainLabel(item.domain)}</td>
                  <td>{item.type ? ITEM_TYPE_LABELS[item.type] : ""}</td>
                  <td>{item.versions.map((version) => `v${version.version} ${ITEM_STATUS_LABELS[version.status].toLowerCase()}`).join(", ")}</td>
                  <td className="stem">{item.stem}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={5}>
                  <EmptyListText page={data.page} total={data.total}>
                    No items match these filters.
                  </EmptyListText>
                </td>
              </tr>
            )}
          </tbody>
        </ScrollingTable>
        <Pager page={data.page} pages={data.pages} label="Item bank pages" />
      </section>

      <section aria-labelledby="create-heading">
        <h2 id="create-heading">Write a new item</h2>
        <ProblemList problems={created?.problems ?? []} heading="The item was not saved:" />
        <Form method="post" key={created ? "retry" : "new"}>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <div className="field-row">
            <div className="field">
              <label htmlFor="create-domain">Domain</label>
              <select id="create-domain" name="domain" defaultValue={createValue("domain") || COURSE_DOMAIN_KEYS[0]} required>
                {COURSE_DOMAIN_KEYS.map((domain) => (
                  <option key={domain} value={domain}>
                    {COURSE_DOMAIN_LABELS[domain]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="create-type">Type</label>
              <select id="create-type" name="type" defaultValue={createValue("type") || "single"}>
                {ITEM_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {ITEM_TYPE_LABELS[type]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="create-status">Status</label>
              <select id="create-status" name="status" defaultValue={createValue("status") || "DRAFT"}>
                <option value="DRAFT">Draft</option>
                <option value="PRETEST">Pretest</option>
                <option value="LIVE">Live</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="create-externalId">Item id (optional)</label>
              <input id="create-externalId" name="externalId" defaultValue={createValue("externalId")} maxLength={60} aria-describedby="create-externalId-hint" />
              <p id="create-externalId-hint" className="hint">
                Left empty, the next free id of the domain is used.
              </p>
            </div>
          </div>
          <ItemFields values={{ stem: createValue("stem"), rationale: createValue("rationale"), option: (id) => createValue(`option.${id}`), key: keyChecked }} idPrefix="create" />
          <SubmitButton>Save the item</SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="import-heading">
        <h2 id="import-heading">Import items (QTI 3.0)</h2>
        <p>
          Every item in the file is added as a new draft, or none is: a file with any problem changes nothing. An item whose identifier is already
          in the bank is refused rather than overwritten. See the help page for the QTI profile PeerPath reads.
        </p>
        <ProblemList problems={importResult?.problems ?? []} heading="Nothing was imported:" />
        <Form method="post" encType="multipart/form-data">
          <CsrfInput />
          <div className="field-row">
            <div className="field">
              <label htmlFor="import-file">QTI file</label>
              <input id="import-file" name="file" type="file" accept=".xml,application/xml,text/xml" required />
            </div>
            <div className="field">
              <label htmlFor="import-domain">Domain for items that name none</label>
              <select id="import-domain" name="defaultDomain" defaultValue={typeof importResult?.values.defaultDomain === "string" ? importResult.values.defaultDomain : ""}>
                <option value="">None: refuse such items</option>
                {COURSE_DOMAIN_KEYS.map((domain) => (
                  <option key={domain} value={domain}>
                    {COURSE_DOMAIN_LABELS[domain]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <SubmitButton>Import</SubmitButton>
            </div>
          </div>
        </Form>
      </section>
    </div>
  );
}

/** Stem, options with their key boxes, and rationale: shared by the new-item and new-version forms. */
function ItemFields({
  values,
  idPrefix,
}: {
  values: { stem: string; rationale: string; option: (id: string) => string; key: (id: string) => boolean };
  idPrefix: string;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-stem`}>Stem (the question)</label>
        <textarea id={`${idPrefix}-stem`} name="stem" rows={4} defaultValue={values.stem} required maxLength={4000} />
      </div>
      <fieldset>
        <legend>Options</legend>
        <p className="hint">Two to six options; empty ones are left out. Tick the correct option (for a multiple-answer item, every correct one). Word each option differently; a true-or-false item's options are True and False, in that order.</p>
        <div className="option-grid">
          {OPTION_IDS.map((id) => (
            <OptionRow key={id} id={id} idPrefix={idPrefix} text={values.option(id)} isKey={values.key(id)} />
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${idPrefix}-rationale`}>Rationale (why the key is right; shown in review after scoring)</label>
        <textarea id={`${idPrefix}-rationale`} name="rationale" rows={3} defaultValue={values.rationale} maxLength={4000} />
      </div>
    </>
  );
}

function OptionRow({ id, idPrefix, text, isKey }: { id: string; idPrefix: string; text: string; isKey: boolean }) {
  return (
    <>
      <label htmlFor={`${idPrefix}-option-${id}`}>Option {id}</label>
      <input type="text" id={`${idPrefix}-option-${id}`} name={`option.${id}`} defaultValue={text} maxLength={1000} />
      <span className="choice">
        <input type="checkbox" id={`${idPrefix}-key-${id}`} name="key" value={id} defaultChecked={isKey} />
        <label htmlFor={`${idPrefix}-key-${id}`}>Option {id} is correct</label>
      </span>
    </>
  );
}
