import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DomainHours } from "~/components/hours";
import { ScrollingTable } from "~/components/scrolling-table";
import type { ModuleContent } from "~/domain/module-content";
import { compareVersions, type LineChange } from "~/domain/module-versions";
import { versionContent } from "~/models/module.server";
import { moduleStats } from "~/models/module-stats.server";
import { requireModule } from "~/models/trainee-module.server";
import { prisma } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Module"} (instructor) · PeerPath` }];

const VersionParam = z.coerce.number().int().min(1).max(10_000);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "view:module-stats");
  const module = await requireModule(params.slug);
  const versions = await prisma.moduleVersion.findMany({
    where: { moduleId: module.id },
    orderBy: { version: "desc" },
  });
  const draft = await prisma.moduleDraft.findUnique({ where: { moduleId: module.id }, select: { revision: true, updatedAt: true } });
  const contentOf = (row: (typeof versions)[number]): ModuleContent => {
    const { domains, questions } = versionContent(row);
    return { ...row, domains, questions };
  };
  const latest = versions[0];
  const search = new URL(request.url).searchParams;
  const from = VersionParam.safeParse(search.get("from"));
  const to = VersionParam.safeParse(search.get("to"));
  const fromRow = from.success ? versions.find((v) => v.version === from.data) : undefined;
  const toRow = to.success ? versions.find((v) => v.version === to.data) : undefined;
  return json({
    slug: module.slug,
    title: latest?.title ?? module.slug,
    draft: draft ? { revision: draft.revision, updatedAt: draft.updatedAt.toISOString() } : null,
    versions: versions.map((v) => ({
      version: v.version,
      title: v.title,
      publishedAt: v.publishedAt.toISOString(),
      source: v.source,
      domains: versionContent(v).domains,
    })),
    stats: latest ? await moduleStats(module.id, latest.id, versionContent(latest).questions) : null,
    latestVersion: latest?.version ?? null,
    comparison: fromRow && toRow ? { from: fromRow.version, to: toRow.version, ...compareVersions(contentOf(fromRow), contentOf(toRow)) } : null,
  });
}

function Lines({ lines, label }: { lines: LineChange[]; label: string }) {
  return (
    <pre className="diff" aria-label={label} tabIndex={0}>
      {lines.map((line, index) =>
        line.kind === "added" ? (
          <ins key={index}>
            <span className="visually-hidden">added: </span>+ {line.text}
            {"\n"}
          </ins>
        ) : line.kind === "removed" ? (
          <del key={index}>
            <span className="visually-hidden">removed: </span>- {line.text}
            {"\n"}
          </del>
        ) : (
          <span key={index}>
            {"  "}
            {line.text}
            {"\n"}
          </span>
        ),
      )}
    </pre>
  );
}

export default function InstructorModule() {
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const published = searchParams.get("published");
  const { comparison, stats } = data;
  return (
    <>
      <p>
        <Link to="/instructor/modules">All modules</Link>
      </p>
      <h1>{data.title}</h1>
      {published ? (
        <p role="status" className="notice">
          Version {published} published. New enrolments get it; trainees already under way finish the version they started.
        </p>
      ) : null}
      <p className="actions">
        <Link className="button" to={`/instructor/modules/${data.slug}/edit`}>
          {data.draft ? `Continue the draft (revision ${data.draft.revision})` : "Edit (starts a draft)"}
        </Link>
        {data.latestVersion ? (
          <a href={`/instructor/modules/${data.slug}/export?version=${data.latestVersion}`} download>
            Export version {data.latestVersion} as a content file
          </a>
        ) : null}
      </p>
      {stats ? (
        <section aria-labelledby="stats-heading">
          <h2 id="stats-heading">How trainees fare</h2>
          <dl className="stats">
            <div>
              <dt>Started</dt>
              <dd>{stats.started}</dd>
            </div>
            <div>
              <dt>Finished</dt>
              <dd>{stats.finished}</dd>
            </div>
            <div>
              <dt>Check attempts (v{data.latestVersion})</dt>
              <dd>{stats.attempts}</dd>
            </div>
          </dl>
          <ScrollingTable caption={<>Knowledge check, version {data.latestVersion}: share of answers that were right</>}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Question</th>
                <th scope="col">Answered</th>
                <th scope="col">Right</th>
              </tr>
            </thead>
            <tbody>
              {stats.perQuestion.map((question, index) => (
                <tr key={index}>
                  <td>{index + 1}</td>
                  <td>{question.prompt}</td>
                  <td>{question.answered}</td>
                  <td>{question.shareRight === null ? "–" : `${question.shareRight}%`}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        </section>
      ) : null}
      <h2>Versions</h2>
      <ScrollingTable caption="Versions of this module" hideCaption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Title</th>
            <th scope="col">Hours</th>
            <th scope="col">Published</th>
            <th scope="col">From</th>
            <th scope="col">Export</th>
          </tr>
        </thead>
        <tbody>
          {data.versions.map((version) => (
            <tr key={version.version}>
              <td>{version.version}</td>
              <td>{version.title}</td>
              <td>
                <DomainHours domains={version.domains} />
              </td>
              <td>{version.publishedAt.slice(0, 10)}</td>
              <td>{version.source === "content" ? "content file" : "editor"}</td>
              <td>
                <a href={`/instructor/modules/${data.slug}/export?version=${version.version}`} download>
                  {`${data.slug}.md (v${version.version})`}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </ScrollingTable>
      {data.versions.length > 1 ? (
        <Form method="get" className="field-row">
          <div className="field">
            <label htmlFor="from">Compare version</label>
            <select id="from" name="from" defaultValue={comparison?.from ?? data.versions[1]!.version}>
              {data.versions.map((v) => (
                <option key={v.version}>{v.version}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="to">with version</label>
            <select id="to" name="to" defaultValue={comparison?.to ?? data.versions[0]!.version}>
              {data.versions.map((v) => (
                <option key={v.version}>{v.version}</option>
              ))}
            </select>
          </div>
          <button type="submit">Show changes</button>
        </Form>
      ) : null}
      {comparison ? (
        <section aria-labelledby="changes-heading">
          <h2 id="changes-heading">
            Changes from version {comparison.from} to version {comparison.to}
          </h2>
          {comparison.fields.length || comparison.body.length || comparison.questions.length ? null : <p>No changes.</p>}
          {comparison.fields.length ? (
            <ul>
              {comparison.fields.map((field) => (
                <li key={field}>{field}</li>
              ))}
            </ul>
          ) : null}
          {comparison.body.length ? (
            <>
              <h3>Text</h3>
              <Lines lines={comparison.body} label="Changes to the module text" />
            </>
          ) : null}
          {comparison.questions.length ? (
            <>
              <h3>Knowledge check</h3>
              <Lines lines={comparison.questions} label="Changes to the knowledge check" />
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
