import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { stringify } from "yaml";
import { z } from "zod";
import { CsrfInput, FieldControl, ProblemList } from "~/components/forms";
import { RequirementSummary } from "~/components/requirement-summary";
import { SubmitButton } from "~/components/submit-button";
import { RequirementSchema, describeRequirementChanges, parseRequirementYaml, readNewRequirement, type Requirement } from "~/domain/requirements";
import { RequirementChangedError, asRequirement, examReferenceProblems, saveRequirementVersion } from "~/models/requirement.server";
import { readForm } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { invariantFound, requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Requirement"} requirements · PeerPath` }];

const IdParam = z.string().min(1).max(40);
const EditSchema = z.object({
  intent: z.enum(["preview", "save"], { error: "Choose Preview changes or Save" }),
  basedOnVersion: z.coerce.number({ error: "Reload the page, then make your change again" }).int().min(0),
  yaml: z.string({ error: "The requirement is empty: paste or write the YAML for it" }).max(50_000, "The requirement is too long (50,000 characters at most)"),
  note: z.string().trim().max(500, "Keep the note under 500 characters").default(""),
});

// The record of versions says why each one was made, so a save without a note is refused.
const NOTE_NEEDED = "Write a note for the record saying why the requirement changed; a version cannot be saved without one";

/** The credential type, if the user may edit its jurisdiction's requirements (board of that jurisdiction, or admin). */
async function requireCredentialType(request: Request, id: string | undefined) {
  const parsed = IdParam.safeParse(id);
  const credentialType = invariantFound(
    parsed.success
      ? await prisma.credentialType.findUnique({
          where: { id: parsed.data },
          select: { id: true, code: true, name: true, jurisdictionId: true, jurisdiction: { select: { code: true, name: true } } },
        })
      : null,
    "There is no such credential.",
  );
  const user = await requirePermission(request, "edit:requirements:own-jurisdiction", { jurisdictionId: credentialType.jurisdictionId });
  return { user, credentialType };
}

function template(jurisdictionCode: string, credentialCode: string): Requirement {
  return RequirementSchema.parse({
    jurisdictionCode,
    credentialCode,
    version: 1,
    source: "Name the rule or standard these figures come from",
    training: { totalHours: 0, domains: [] },
    crosswalk: { advocacy: null, "mentoring-education": null, "recovery-wellness-support": null, "ethical-responsibility": null },
    experience: { hours: 0, supervisedHours: 0 },
    exam: { required: false, name: "Exam", examId: null },
    renewal: null,
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { credentialType } = await requireCredentialType(request, params.credentialTypeId);
  const versions = await prisma.requirementVersion.findMany({
    where: { credentialTypeId: credentialType.id },
    orderBy: { version: "desc" },
    include: { credentialType: false },
  });
  const authors = new Map(
    (await prisma.user.findMany({ where: { id: { in: versions.flatMap((v) => (v.createdById ? [v.createdById] : [])) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const parsed = versions.map((v) => ({ ...v, requirement: asRequirement(v.requirement) }));
  const current = parsed[0]?.requirement ?? template(credentialType.jurisdiction.code, credentialType.code);
  return json({
    id: credentialType.id,
    name: credentialType.name,
    jurisdiction: credentialType.jurisdiction.name,
    currentVersion: parsed[0]?.version ?? 0,
    current,
    yaml: stringify(current, { lineWidth: 0 }),
    history: parsed.map((version, index) => ({
      version: version.version,
      createdAt: version.createdAt.toISOString(),
      author: version.createdById ? authors.get(version.createdById) ?? "a board member" : "content/requirements file",
      note: version.note,
      changes: parsed[index + 1] ? describeRequirementChanges(parsed[index + 1]!.requirement, version.requirement) : [],
    })),
  });
}

function readRequirement(yamlText: string, codes: { jurisdictionCode: string; credentialCode: string }): { requirement?: Requirement; problems: string[] } {
  let data: unknown;
  try {
    data = parseRequirementYaml(yamlText);
  } catch (error) {
    return { problems: [`The text is not valid YAML: ${(error as Error).message.split("\n")[0]}`] };
  }
  const { requirement, problems } = readNewRequirement(data);
  if (!requirement) return { problems };
  if (requirement.jurisdictionCode !== codes.jurisdictionCode) problems.push(`jurisdictionCode: keep it ${codes.jurisdictionCode}`);
  if (requirement.credentialCode !== codes.credentialCode) problems.push(`credentialCode: keep it ${codes.credentialCode}`);
  return problems.length ? { problems } : { requirement, problems };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, credentialType } = await requireCredentialType(request, params.credentialTypeId);
  const form = EditSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success) return json({ problems: form.error.issues.map((i) => i.message), changes: null, yaml: null, note: null }, { status: 400 });
  const { intent, basedOnVersion, yaml, note } = form.data;
  const { requirement, problems } = readRequirement(yaml, { jurisdictionCode: credentialType.jurisdiction.code, credentialCode: credentialType.code });
  const examProblems = requirement ? await examReferenceProblems(requirement, { id: credentialType.jurisdictionId, name: credentialType.jurisdiction.name }) : [];
  const refused = [...problems, ...examProblems, ...(intent === "save" && !note ? [NOTE_NEEDED] : [])];
  if (!requirement || refused.length) return json({ problems: refused, changes: null, yaml, note }, { status: 400 });
  const latest = await prisma.requirementVersion.findFirst({ where: { credentialTypeId: credentialType.id }, orderBy: { version: "desc" } });
  const changes = latest ? describeRequirementChanges(asRequirement(latest.requirement), { ...requirement, version: latest.version }) : ["First version."];
  if (intent === "preview") return json({ problems: [], changes, yaml, note });
  if (latest && changes.length === 0) return json({ problems: ["Nothing changed, so no new version was saved."], changes, yaml, note }, { status: 400 });
  try {
    const saved = await saveRequirementVersion({ credentialTypeId: credentialType.id, basedOnVersion, requirement, note, userId: user.id });
    return redirect(`/board/requirements/${credentialType.id}?saved=${saved.version}`);
  } catch (error) {
    if (error instanceof RequirementChangedError) return json({ problems: [error.message], changes: null, yaml, note }, { status: 409 });
    throw error;
  }
}

export default function RequirementEditor() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("saved");
  return (
    <>
      <p>
        <Link to="/board/requirements">All requirements</Link>
      </p>
      <h1>
        {data.jurisdiction}: {data.name}
      </h1>
      {saved && !result ? (
        <p role="status" className="notice">
          Version {saved} saved. Trainees who apply from now on are judged by it.
        </p>
      ) : null}
      <section aria-labelledby="current-heading">
        <h2 id="current-heading">{data.currentVersion ? `Version ${data.currentVersion}, in force` : "No version yet"}</h2>
        <RequirementSummary requirement={data.current as Requirement} />
      </section>
      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">Make a new version</h2>
        <p className="hint">
          Edit the requirement below (YAML). Hours above a domain&apos;s <code>maxHours</code> do not count; the crosswalk says which
          of your domains each course domain&apos;s hours count toward (<code>null</code>: the total only). Preview shows what would
          change; nothing is saved until you save.
        </p>
        <ProblemList problems={result?.problems} />
        {result?.changes ? (
          <div role="status" className="notice">
            <p>{result.changes.length ? "Saving would make these changes:" : "No changes yet."}</p>
            <ul>
              {result.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <Form method="post" className="editor" key={`${data.currentVersion}`}>
          <CsrfInput />
          <input type="hidden" name="basedOnVersion" value={data.currentVersion} />
          <div className="field">
            <label htmlFor="yaml">Requirement</label>
            <textarea id="yaml" name="yaml" rows={30} className="code" defaultValue={result?.yaml ?? data.yaml} />
          </div>
          <FieldControl id="note" label="Note for the record (why it changed)" hint="Needed to save a version, not to preview one.">
            {(aria) => <input {...aria} name="note" maxLength={500} defaultValue={result?.note ?? ""} />}
          </FieldControl>
          <div className="actions">
            <SubmitButton name="intent" value="preview">
              Preview changes
            </SubmitButton>
            <SubmitButton name="intent" value="save">
              Save as version {data.currentVersion + 1}
            </SubmitButton>
          </div>
        </Form>
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">Versions</h2>
        <ol reversed>
          {data.history.map((version) => (
            <li key={version.version}>
              <strong>Version {version.version}</strong>, {version.createdAt.slice(0, 10)}, by {version.author}
              {version.note ? `: ${version.note}` : ""}
              {version.changes.length ? (
                <ul>
                  {version.changes.map((change) => (
                    <li key={change}>{change}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
