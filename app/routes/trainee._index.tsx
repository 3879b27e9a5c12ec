import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CredentialTypeCards } from "~/components/credential-types";
import { ProgressBar } from "~/components/hours";
import { ScrollingTable } from "~/components/scrolling-table";
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS, minutesToHours } from "~/domain/course-domains";
import { trainingMinutesByDomain } from "~/models/enrolment.server";
import { versionContent } from "~/models/module.server";
import { prisma } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "My training · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:trainee-home");
  const [enrolments, minutes, credentialTypes] = await Promise.all([
    prisma.enrolment.findMany({
      where: { traineeId: user.id },
      select: {
        seenSections: true,
        completedAt: true,
        enrolledAt: true,
        module: { select: { slug: true } },
        moduleVersion: { select: { title: true, version: true, sections: true, domains: true, questions: true } },
        checkAttempts: { where: { passed: true }, select: { id: true }, take: 1 },
      },
      orderBy: { enrolledAt: "desc" },
    }),
    trainingMinutesByDomain(user.id),
    prisma.credentialType.findMany({
      select: { id: true, name: true, summary: true, jurisdiction: { select: { name: true } } },
      orderBy: [{ jurisdiction: { name: "asc" } }, { name: "asc" }],
    }),
  ]);
  const byDomain = new Map(minutes.map((row) => [row.domain, row.minutes]));
  return json({
    name: user.name,
    modules: enrolments.map((enrolment) => ({
      slug: enrolment.module.slug,
      title: enrolment.moduleVersion.title,
      version: enrolment.moduleVersion.version,
      sectionCount: versionContent(enrolment.moduleVersion).sections.length,
      seenCount: enrolment.seenSections.length,
      checkPassed: enrolment.checkAttempts.length > 0,
      completedAt: enrolment.completedAt?.toISOString() ?? null,
    })),
    hours: COURSE_DOMAIN_KEYS.map((domain) => ({ label: COURSE_DOMAIN_LABELS[domain], hours: minutesToHours(byDomain.get(domain) ?? 0) })),
    totalHours: minutesToHours(minutes.reduce((sum, row) => sum + row.minutes, 0)),
    credentialTypes,
  });
}

export default function TraineeHome() {
  const { name, modules, hours, totalHours, credentialTypes } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>My training</h1>
      <p className="lead">Welcome, {name}.</p>
      <section aria-labelledby="hours-heading">
        <h2 id="hours-heading">Completed training hours: {totalHours}</h2>
        <ScrollingTable caption="Completed training hours by domain" hideCaption>
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">Hours</th>
            </tr>
          </thead>
          <tbody>
            {hours.map((row) => (
              <tr key={row.label}>
                <td>{row.label}</td>
                <td>{row.hours}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      </section>
      <section aria-labelledby="modules-heading">
        <h2 id="modules-heading">My modules</h2>
        {modules.length ? (
          <ScrollingTable caption="Your modules" hideCaption>
            <thead>
              <tr>
                <th scope="col">Module</th>
                <th scope="col">Sections read</th>
                <th scope="col">Knowledge check</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {modules.map((module) => (
                <tr key={module.slug}>
                  <td>
                    <Link to={`/modules/${module.slug}`}>{module.title}</Link> <span className="hint">v{module.version}</span>
                  </td>
                  <td>
                    <ProgressBar value={module.seenCount} max={module.sectionCount} label={`Sections read in ${module.title}`} />
                  </td>
                  <td>{module.checkPassed ? "Passed" : "Not passed yet"}</td>
                  <td>{module.completedAt ? `Completed ${module.completedAt.slice(0, 10)}` : "In progress"}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        ) : (
          <p>
            You have not started a module yet. <Link to="/modules">Browse the course</Link>.
          </p>
        )}
      </section>
      <section aria-labelledby="credentials-heading">
        <h2 id="credentials-heading">Credentials you can work toward</h2>
        <CredentialTypeCards credentialTypes={credentialTypes} />
      </section>
    </>
  );
}
