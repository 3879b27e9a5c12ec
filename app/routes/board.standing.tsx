import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { EmptyListText, Pager } from "~/components/pager";
import { ScrollingTable } from "~/components/scrolling-table";
import { standingFigures } from "~/domain/standing-store";
import {
  SEARCH_MAX_LENGTH,
  STANDING_STATUSES,
  STANDING_STATUS_LABELS,
  isoDay,
  parseStandingFilters,
  standingFilterQuery,
} from "~/domain/transcript";
import { credentialCatalogue } from "~/models/catalogue.server";
import { standingReportPage, standingScope } from "~/models/standing-report.server";
import { pageCount, pageFrom, pageOfPagesText } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Trainee standing · PeerPath" }];

/** How many missing items a row names before it says "and N more". */
const MISSING_SHOWN = 3;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "view:standing:own-jurisdiction");
  const parsed = parseStandingFilters(new URL(request.url).searchParams);
  if (!parsed.success) throw new Response(parsed.message, { status: 400 });
  const { filters } = parsed;
  const scope = standingScope(await credentialCatalogue(request), user.grants, filters.credential);
  const { page, skip, take } = pageFrom(request);
  const asOf = new Date();
  const report = await standingReportPage(
    { credentialTypeIds: scope.credentialTypeIds, requirements: scope.requirements, search: filters.q, status: filters.status },
    { skip, take },
    asOf,
  );
  return json({
    filters: { credential: filters.credential ?? "", status: filters.status ?? "", q: filters.q ?? "" },
    credentialOptions: scope.credentialTypes.map((credentialType) => ({
      id: credentialType.id,
      label: `${credentialType.jurisdiction.name}: ${credentialType.name}`,
    })),
    jurisdictions: [...new Set(scope.credentialTypes.map((credentialType) => credentialType.jurisdiction.name))],
    // Only what the table shows: the page carries its data twice (rendered, and for the browser's router).
    rows: report.rows.map((row) => ({
      traineeId: row.traineeId,
      credentialTypeId: row.credentialTypeId,
      name: row.name,
      email: row.email,
      jurisdictionName: row.jurisdictionName,
      credentialName: row.credentialName,
      ...standingFigures(row),
      unmetShown: row.unmet.slice(0, MISSING_SHOWN),
      unmetMore: Math.max(0, row.unmet.length - MISSING_SHOWN),
    })),
    total: report.total,
    page,
    pages: pageCount(report.total),
    asOf: isoDay(asOf),
    csvHref: `/board/standing.csv${standingFilterQuery(filters)}`,
  });
}

const hoursOf = (earned: number, required: number) => (required > 0 ? `${earned} / ${required}` : `${earned} (none required)`);

export default function BoardStanding() {
  const { filters, credentialOptions, jurisdictions, rows, total, page, pages, asOf, csvHref } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <h1>Trainee standing</h1>
      <p className="lead">
        Trainees working toward a credential of {jurisdictions.length ? jurisdictions.join(", ") : "your jurisdiction"}, and where each
        stands today against the requirement version in force.
      </p>

      <section aria-labelledby="filters-heading">
        <h2 id="filters-heading">Filter</h2>
        {/* Remounted when the address changes, so "Clear filters" empties the fields too. */}
        <Form method="get" key={location.search} className="field-row">
          <div className="field">
            <label htmlFor="filter-credential">Credential</label>
            <select id="filter-credential" name="credential" defaultValue={filters.credential}>
              <option value="">All credentials</option>
              {credentialOptions.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">Status</label>
            <select id="filter-status" name="status" defaultValue={filters.status}>
              <option value="">Any status</option>
              {STANDING_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STANDING_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-q">Name or email</label>
            <input id="filter-q" name="q" type="search" defaultValue={filters.q} maxLength={SEARCH_MAX_LENGTH} />
          </div>
          <div className="field actions">
            <button type="submit">Apply filters</button>
            <Link to="/board/standing">Clear filters</Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">Trainees</h2>
        <p className="actions">
          <span>
            {total} {total === 1 ? "result" : "results"}
          </span>
          <a href={csvHref} download>
            Download CSV
          </a>
        </p>
        <ScrollingTable caption={<>Standing as of {asOf}{pageOfPagesText(page, pages)}</>}>
          <thead>
            <tr>
              <th scope="col">Trainee</th>
              <th scope="col">Email</th>
              <th scope="col">Credential</th>
              <th scope="col">Training hours (counted / required)</th>
              <th scope="col">Experience hours</th>
              <th scope="col">Supervised hours</th>
              <th scope="col">Standing</th>
            </tr>
          </thead>
          <tbody>
            {rows.length ? (
              rows.map((row) => (
                <tr key={`${row.traineeId}-${row.credentialTypeId}`}>
                  <th scope="row">{row.name}</th>
                  <td>{row.email}</td>
                  <td>
                    {row.jurisdictionName}: {row.credentialName} <span className="hint">(version {row.requirementVersion})</span>
                  </td>
                  <td>{hoursOf(row.trainingCounted, row.trainingRequired)}</td>
                  <td>{hoursOf(row.experienceHours, row.experienceRequired)}</td>
                  <td>{hoursOf(row.supervisedHours, row.supervisedRequired)}</td>
                  <td>
                    {row.eligible ? (
                      <span className="tag">Eligible</span>
                    ) : (
                      <>
                        <span>Not yet. Missing:</span>
                        <ul>
                          {row.unmetShown.map((sentence) => (
                            <li key={sentence}>{sentence}</li>
                          ))}
                          {row.unmetMore ? <li>and {row.unmetMore} more</li> : null}
                        </ul>
                      </>
                    )}
                  </td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={7}>
                  <EmptyListText page={page} total={total}>
                    No trainees match these filters.
                  </EmptyListText>
                </td>
              </tr>
            )}
          </tbody>
        </ScrollingTable>
        <Pager page={page} pages={pages} label="Standing pages" />
      </section>
    </>
  );
}
