import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScrollingTable } from "~/components/scrolling-table";
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS, SAMHSA_CATEGORIES } from "~/domain/course-domains";
import { asDomains, latestVersions } from "~/models/module.server";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Curriculum coverage · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "view:coverage");
  const versions = await latestVersions({ competencies: true, domains: true, module: { select: { slug: true } } });
  const modules = versions
    .map((version) => {
      const hours = new Map(asDomains(version.domains).map((entry) => [entry.domain, entry.hours]));
      return {
        slug: version.module.slug,
        title: version.title,
        version: version.version,
        competencies: version.competencies,
        hours: COURSE_DOMAIN_KEYS.map((domain) => hours.get(domain) ?? 0),
      };
    })
    .sort((a, b) => a.title.localeCompare(b.title));
  const categories = Object.entries(SAMHSA_CATEGORIES).map(([number, label]) => {
    const covering = modules.filter((module) => module.competencies.includes(Number(number))).length;
    return { number: Number(number), label, covering };
  });
  return json({
    modules,
    categories,
    domains: COURSE_DOMAIN_KEYS.map((domain, index) => ({
      label: COURSE_DOMAIN_LABELS[domain],
      hours: modules.reduce((sum, module) => sum + module.hours[index]!, 0),
    })),
  });
}

export default function Coverage() {
  const { modules, categories, domains } = useLoaderData<typeof loader>();
  const uncovered = categories.filter((category) => category.covering === 0);
  return (
    <>
      <h1>Curriculum coverage</h1>
      <p>
        Each published module against the twelve categories of SAMHSA&apos;s Core Competencies for Peer Workers, and the
        hours it credits to each course domain.
      </p>
      {uncovered.length ? (
        <div role="alert" className="form-error">
          <p>No module covers these categories:</p>
          <ul>
            {uncovered.map((category) => (
              <li key={category.number}>
                {category.number}. {category.label}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="notice">Every one of the twelve SAMHSA categories is covered by at least one module.</p>
      )}
      <ScrollingTable caption="Modules by SAMHSA category (✓ = taught) and hours by course domain" className="matrix">
        <thead>
          <tr>
            <th scope="col">Module</th>
            {categories.map((category) => (
              <th scope="col" key={category.number} title={category.label}>
                <abbr title={category.label}>{category.number}</abbr>
              </th>
            ))}
            {domains.map((domain) => (
              <th scope="col" key={domain.label}>
                {domain.label} (h)
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {modules.map((module) => (
            <tr key={module.slug}>
              <th scope="row">
                <Link to={`/modules/${module.slug}`}>{module.title}</Link>
              </th>
              {categories.map((category) => (
                <td key={category.number}>
                  {module.competencies.includes(category.number) ? (
                    <>
                      <span aria-hidden="true">✓</span>
                      <span className="visually-hidden">teaches category {category.number}</span>
                    </>
                  ) : null}
                </td>
              ))}
              {module.hours.map((hours, index) => (
                <td key={index}>{hours || ""}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Modules covering</th>
            {categories.map((category) => (
              <td key={category.number} className={category.covering ? undefined : "gap"}>
                {category.covering}
              </td>
            ))}
            {domains.map((domain) => (
              <td key={domain.label}>{domain.hours}</td>
            ))}
          </tr>
        </tfoot>
      </ScrollingTable>
      <h2>The twelve categories</h2>
      <ol>
        {categories.map((category) => (
          <li key={category.number}>
            {category.label} ({category.covering} module{category.covering === 1 ? "" : "s"})
          </li>
        ))}
      </ol>
    </>
  );
}
