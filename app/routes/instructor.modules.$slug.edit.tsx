import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { CsrfInput, ProblemList } from "~/components/forms";
import { SubmitButton } from "~/components/submit-button";
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS, SAMHSA_CATEGORIES } from "~/domain/course-domains";
import { ModuleDraftSchema, type ModuleContent } from "~/domain/module-content";
import { DraftConflictError, DraftNotReadyError, NothingToPublishError, draftFor, publishDraft, saveDraft } from "~/models/module-draft.server";
import { requireModule } from "~/models/trainee-module.server";
import type { loader as rootLoader } from "~/root";
import { readForm } from "~/utils/csrf.server";
import { EDITOR_FIELDS, OPTION_SLOTS, describeModuleProblem, optionLetter, readModuleForm } from "~/utils/module-form";
import { requirePermission } from "~/utils/permissions.server";
import { utcDateTime } from "~/utils/long-date";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.draft.title ?? "module"} · PeerPath` }];

const Intent = z.enum(["save", "publish"]);
const Revision = z.coerce.number().int().min(0);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "author:modules");
  const module = await requireModule(params.slug);
  return json({ slug: module.slug, draft: await draftFor(module.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "author:modules");
  const module = await requireModule(params.slug);
  const formData = await readForm(request);
  const intent = Intent.safeParse(formData.get("intent"));
  const revision = Revision.safeParse(formData.get("revision"));
  if (!intent.success || !revision.success) return json({ problems: ["The form is incomplete; reload the page."], values: null }, { status: 400 });
  const values = readModuleForm(formData);
  const parsed = ModuleDraftSchema.safeParse(values);
  if (!parsed.success) {
    return json({ problems: parsed.error.issues.map((issue) => describeModuleProblem(issue.path, issue.message, values)), values }, { status: 400 });
  }
  try {
    await saveDraft(module.id, parsed.data, revision.data, user.id);
  } catch (error) {
    if (error instanceof DraftConflictError) return json({ problems: [error.message], values }, { status: 409 });
    throw error;
  }
  if (intent.data === "save") return redirect(`/instructor/modules/${module.slug}/edit?saved=1`);
  try {
    const version = await publishDraft(module.id, user.id);
    return redirect(`/instructor/modules/${module.slug}?published=${version.version}`);
  } catch (error) {
    if (error instanceof DraftNotReadyError) {
      return json({ problems: ["The draft was saved but not published:", ...error.problems], values: null }, { status: 400 });
    }
    if (error instanceof NothingToPublishError) return json({ problems: [error.message], values: null }, { status: 409 });
    throw error;
  }
}

function Preview({ body }: { body: string }) {
  const fetcher = useFetcher<{ sections: { title: string; html: string }[]; error: string | null }>();
  const csrf = useRouteLoaderData<typeof rootLoader>("root")?.csrfToken ?? "";
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  useEffect(() => {
    const timer = setTimeout(() => submit.current({ body, csrf }, { method: "post", action: "/instructor/preview" }), 300);
    return () => clearTimeout(timer);
  }, [body, csrf]);
  return (
    <section aria-labelledby="preview-heading" className="preview" tabIndex={0}>
      <h2 id="preview-heading">Preview</h2>
      {fetcher.data?.error ? <p className="form-error">{fetcher.data.error}</p> : null}
      {fetcher.data?.sections.map((section, index) => (
        <article key={index} className="preview-section">
          <h3>
            Section {index + 1}: {section.title}
          </h3>
          <div className="prose" dangerouslySetInnerHTML={{ __html: section.html }} />
        </article>
      ))}
    </section>
  );
}

function QuestionFields({ index, question }: { index: number; question?: ModuleContent["questions"][number] }) {
  const correct = question?.options.findIndex((option) => option.correct) ?? -1;
  return (
    <fieldset className="question">
      <legend>{question ? `Question ${index + 1}` : "Add a question"}</legend>
      <label htmlFor={`q${index}-prompt`}>Question</label>
      <textarea id={`q${index}-prompt`} name={`q${index}.prompt`} rows={2} defaultValue={question?.prompt ?? ""} />
      {Array.from({ length: OPTION_SLOTS }, (_, slot) => {
        const option = question?.options[slot];
        const letter = optionLetter(slot);
        return (
          <div key={slot} className="option-row">
            <input type="radio" id={`q${index}-correct-${slot}`} name={`q${index}.correct`} value={slot} defaultChecked={correct === slot} />
            <label htmlFor={`q${index}-correct-${slot}`}>Option {letter} is right</label>
            <label htmlFor={`q${index}-o${slot}-text`} className="visually-hidden">
              Option {letter} text
            </label>
            <input id={`q${index}-o${slot}-text`} name={`q${index}.o${slot}.text`} defaultValue={option?.text ?? ""} placeholder={`Option ${letter}`} />
            <label htmlFor={`q${index}-o${slot}-feedback`} className="visually-hidden">
              Feedback for option {letter}
            </label>
            <input
              id={`q${index}-o${slot}-feedback`}
              name={`q${index}.o${slot}.feedback`}
              defaultValue={option?.feedback ?? ""}
              placeholder={`Feedback for option ${letter}`}
            />
          </div>
        );
      })}
      {question ? (
        <div className="option">
          <input type="checkbox" id={`q${index}-remove`} name={`q${index}.remove`} />
          <label htmlFor={`q${index}-remove`}>Remove this question</label>
        </div>
      ) : null}
    </fieldset>
  );
}

// One editor per module: its text lives in state, which React would otherwise carry from one
// module's edit page to the next, and a save would then write the first module's text into the second.
export default function EditModuleRoute() {
  const { slug } = useLoaderData<typeof loader>();
  return <EditModule key={slug} />;
}

function EditModule() {
  const { slug, draft } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // After a refused save, the form shows what the author typed, not the stored draft: nothing is lost.
  const values = (actionData?.values as ModuleContent | null | undefined) ?? draft;
  // A fresh form for every answer from the server, so it shows the values returned (empty options and
  // questions dropped, the rest moved up), which is how the problems letter and number them.
  const answers = useRef<{ data: unknown; count: number }>({ data: undefined, count: 0 });
  if (answers.current.data !== actionData) answers.current = { data: actionData, count: answers.current.count + 1 };
  const [body, setBody] = useState(values.body);
  const hours = new Map(values.domains.map((entry) => [entry.domain, entry.hours]));
  const [searchParams] = useSearchParams();
  const saved = searchParams.has("saved");
  return (
    <>
      <p>
        <Link to={`/instructor/modules/${slug}`}>Back to the module</Link>
      </p>
      <h1>Edit draft: {draft.title}</h1>
      <p className="hint">
        {draft.saved
          ? `Draft revision ${draft.revision}, saved ${draft.updatedAt ? utcDateTime(draft.updatedAt) : ""} by ${draft.updatedBy ?? "someone"}.`
          : "No draft yet: this form starts from the newest published version. Saving creates the draft."}{" "}
        Drafts are visible to instructors only. Publishing makes a new version; trainees who started an earlier one finish it.
      </p>
      {saved && !actionData ? (
        <p role="status" className="notice">
          Draft saved.
        </p>
      ) : null}
      <ProblemList problems={actionData?.problems} />
      <Form method="post" key={`${draft.revision}-${answers.current.count}`} className="editor" noValidate>
        <CsrfInput />
        <input type="hidden" name="revision" value={draft.revision} />
        <div className="field">
          <label htmlFor="title">{EDITOR_FIELDS.title}</label>
          <input id="title" name="title" defaultValue={values.title} />
        </div>
        <div className="field">
          <label htmlFor="summary">{EDITOR_FIELDS.summary}</label>
          <textarea id="summary" name="summary" rows={2} defaultValue={values.summary} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="estimatedMinutes">{EDITOR_FIELDS.estimatedMinutes}</label>
            <input id="estimatedMinutes" name="estimatedMinutes" type="number" min={5} defaultValue={values.estimatedMinutes} />
          </div>
          <div className="field">
            <label htmlFor="passMark">{EDITOR_FIELDS.passMark} (percent)</label>
            <input id="passMark" name="passMark" type="number" min={1} max={100} defaultValue={values.passMark} />
          </div>
        </div>
        <fieldset>
          <legend>{EDITOR_FIELDS.domains} (quarter hours; leave 0 for none)</legend>
          <div className="field-row">
            {COURSE_DOMAIN_KEYS.map((domain) => (
              <div className="field" key={domain}>
                <label htmlFor={`hours-${domain}`}>{COURSE_DOMAIN_LABELS[domain]}</label>
                <input id={`hours-${domain}`} name={`hours.${domain}`} type="number" min={0} step={0.25} defaultValue={hours.get(domain) ?? 0} />
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{EDITOR_FIELDS.competencies} taught</legend>
          <div className="checkbox-grid">
            {Object.entries(SAMHSA_CATEGORIES).map(([number, label]) => (
              <div className="option" key={number}>
                <input
                  type="checkbox"
                  id={`competency-${number}`}
                  name="competencies"
                  value={number}
                  defaultChecked={values.competencies.includes(Number(number))}
                />
                <label htmlFor={`competency-${number}`}>
                  {number}. {label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="objectives">{EDITOR_FIELDS.objectives} (one per line)</label>
          <textarea id="objectives" name="objectives" rows={4} defaultValue={values.objectives.join("\n")} />
        </div>
        <div className="editor-columns">
          <div className="field">
            <label htmlFor="body">{EDITOR_FIELDS.body} (Markdown; each "## " heading starts a section)</label>
            <textarea id="body" name="body" rows={24} value={body} onChange={(event) => setBody(event.target.value)} />
          </div>
          <Preview body={body} />
        </div>
        <h2>{EDITOR_FIELDS.questions}</h2>
        {values.questions.map((question, index) => (
          <QuestionFields key={index} index={index} question={question} />
        ))}
        <QuestionFields index={values.questions.length} />
        <div className="actions">
          <SubmitButton name="intent" value="save">
            Save draft
          </SubmitButton>
          <SubmitButton name="intent" value="publish">
            Save and publish a new version
          </SubmitButton>
        </div>
      </Form>
    </>
  );
}
