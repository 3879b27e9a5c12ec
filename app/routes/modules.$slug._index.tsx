import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/forms";
import { DomainHours, ProgressBar } from "~/components/hours";
import { SubmitButton } from "~/components/submit-button";
import { resumeSection, totalHours } from "~/domain/module-content";
import { can } from "~/domain/roles";
import { enrol } from "~/models/enrolment.server";
import { moduleOverview } from "~/models/module-overview.server";
import { requireModule, SlugParam } from "~/models/trainee-module.server";
import { readForm } from "~/utils/csrf.server";
import { invariantFound, requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Module"} · PeerPath` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:catalogue");
  const slug = SlugParam.safeParse(params.slug);
  const overview = invariantFound(slug.success ? await moduleOverview(slug.data, user.id) : null, "There is no module at this address.");
  // An enrolled trainee sees the version they started; everyone else the newest.
  const version = invariantFound(overview.version, "This module has not been published yet.");
  const { enrolment } = overview;
  const sectionCount = version.sectionTitles.length;
  return json({
    slug: overview.slug,
    title: version.title,
    version: version.version,
    summary: version.summary,
    objectives: version.objectives,
    estimatedMinutes: version.estimatedMinutes,
    passMark: version.passMark,
    domains: version.domains,
    hours: totalHours(version.domains),
    sections: version.sectionTitles.map((title, index) => ({ title, seen: enrolment?.seenSections.includes(index) ?? false })),
    questionCount: version.questionCount,
    canTake: can(user.grants, "take:modules"),
    enrolment: enrolment
      ? {
          seenCount: enrolment.seenSections.length,
          resume: resumeSection(sectionCount, enrolment.seenSections),
          completedAt: enrolment.completedAt?.toISOString() ?? null,
          lastCheck: enrolment.lastCheck,
        }
      : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "take:modules");
  await readForm(request);
  const module = await requireModule(params.slug);
  invariantFound(await enrol(user.id, module.id), "This module has not been published yet.");
  return redirect(`/modules/${module.slug}/sections/1`);
}

export default function ModuleOverview() {
  const module = useLoaderData<typeof loader>();
  const { enrolment } = module;
  return (
    <>
      <p>
        <Link to="/modules">Course catalogue</Link>
      </p>
      <h1>{module.title}</h1>
      <p className="lead">{module.summary}</p>
      <p>
        Credits {module.hours} h of training (<DomainHours domains={module.domains} />) · version {module.version} · about{" "}
        {module.estimatedMinutes} minutes of study · knowledge check of {module.questionCount} questions, pass mark{" "}
        {module.passMark}%.
      </p>
      {enrolment ? (
        <section aria-labelledby="progress-heading" className="panel">
          <h2 id="progress-heading">Your progress</h2>
          <ProgressBar value={enrolment.seenCount} max={module.sections.length} label="Sections read" />
          <p>
            {enrolment.seenCount} of {module.sections.length} sections read.{" "}
            {enrolment.lastCheck
              ? `Last knowledge check: ${enrolment.lastCheck.percent}% (${enrolment.lastCheck.passed ? "passed" : "not passed yet"}).`
              : "Knowledge check not taken yet."}
          </p>
          {enrolment.completedAt ? (
            <p className="notice">Completed on {enrolment.completedAt.slice(0, 10)}. Its hours are in your record.</p>
          ) : null}
          <p className="actions">
            {enrolment.resume !== null ? (
              <Link className="button" to={`/modules/${module.slug}/sections/${enrolment.resume + 1}`}>
                {enrolment.seenCount ? "Resume where you left off" : "Start the first section"}
              </Link>
            ) : null}
            <Link to={`/modules/${module.slug}/check`}>{enrolment.lastCheck?.passed ? "Retake the knowledge check" : "Take the knowledge check"}</Link>
          </p>
        </section>
      ) : module.canTake ? (
        <Form method="post">
          <CsrfInput />
          <SubmitButton>Enrol and start</SubmitButton>
        </Form>
      ) : null}
      <h2>What you will learn</h2>
      <ul>
        {module.objectives.map((objective) => (
          <li key={objective}>{objective}</li>
        ))}
      </ul>
      <h2>Sections</h2>
      <ol>
        {module.sections.map((section, index) => (
          <li key={section.title}>
            {enrolment ? <Link to={`/modules/${module.slug}/sections/${index + 1}`}>{section.title}</Link> : section.title}
            {section.seen ? <span className="tag"> read</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
