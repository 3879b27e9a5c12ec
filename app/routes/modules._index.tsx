import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DomainHours } from "~/components/hours";
import { totalHours } from "~/domain/module-content";
import { can } from "~/domain/roles";
import { asDomains, latestVersions } from "~/models/module.server";
import { prisma } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Course catalogue · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:catalogue");
  const [versions, enrolments] = await Promise.all([
    latestVersions({ summary: true, estimatedMinutes: true, domains: true, module: { select: { slug: true } } }),
    prisma.enrolment.findMany({ where: { traineeId: user.id }, select: { moduleId: true, completedAt: true } }),
  ]);
  const status = new Map(enrolments.map((e) => [e.moduleId, e.completedAt ? "Completed" : "In progress"]));
  const modules = versions
    .map((version) => {
      const domains = asDomains(version.domains);
      return {
        slug: version.module.slug,
        title: version.title,
        summary: version.summary,
        estimatedMinutes: version.estimatedMinutes,
        domains,
        hours: totalHours(domains),
        status: status.get(version.moduleId) ?? null,
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
  return json({ modules, canTake: can(user.grants, "take:modules"), totalHours: modules.reduce((sum, m) => sum + m.hours, 0) });
}

export default function Catalogue() {
  const { modules, canTake, totalHours } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Course catalogue</h1>
      <p className="lead">
        {modules.length} modules, {totalHours} hours of training in all. Each module credits its hours to the domains
        shown when you complete it: read every section and pass its knowledge check.
      </p>
      <ul className="cards">
        {modules.map((module) => (
          <li key={module.slug} className="card">
            <h2 className="card-title">
              <Link to={`/modules/${module.slug}`}>{module.title}</Link>
            </h2>
            <p>{module.summary}</p>
            <p className="hint">
              {module.hours} h credited (<DomainHours domains={module.domains} />) · about {Math.round(module.estimatedMinutes / 60 * 10) / 10} h of study
            </p>
            {canTake ? <p className="status">{module.status ?? "Not started"}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
