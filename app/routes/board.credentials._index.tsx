import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { EmptyListText, Pager } from "~/components/pager";
import { ScrollingTable } from "~/components/scrolling-table";
import { CREDENTIAL_STATUS_LABELS } from "~/domain/credentials";
import { formatDay } from "~/domain/hour-entries";
import { CREDENTIAL_SEARCH_MAX_LENGTH, CREDENTIAL_STATUSES, credentialFiltersSchema } from "~/domain/renewal";
import { boardCredentialsPage, credentialScope } from "~/models/credential-holding.server";
import { pageCount, pageFrom, pageOfPagesText } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Credentials issued · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:credentials:own-jurisdiction");
  const params = new URL(request.url).searchParams;
  const filters = credentialFiltersSchema.safeParse({ status: params.get("status"), q: params.get("q") });
  if (!filters.success) throw new Response(filters.error.issues[0]!.message, { status: 400 });
  const jurisdictions = await credentialScope(user.grants);
  const { page, skip, take } = pageFrom(request);
  const asOf = new Date();
  const { rows, total } = await boardCredentialsPage(
    { jurisdictionIds: jurisdictions.map((jurisdiction) => jurisdiction.id), status: filters.data.status, search: filters.data.q },
    { skip, take },
    asOf,
  );
  return json({
    filters: { status: filters.data.status ?? "", q: filters.data.q ?? "" },
    jurisdictions: jurisdictions.map((jurisdiction) => jurisdiction.name),
    rows: rows.map((row) => ({
      number: row.number,
      holderName: row.holderName,
      credentialName: row.credentialType.name,
      jurisdictionName: row.jurisdiction.name,
      status: row.status,
      issuedOn: formatDay(row.issuedOn),
      expiresOn: formatDay(row.expiresOn),
    })),
    total,
    page,
    pages: pageCount(total),
    asOf: formatDay(asOf),
  });
}

export default function BoardCredentials() {
  const { filters, jurisdictions, rows, total, page, pages, asOf } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <h1>Credentials issued</h1>
      <p className="lead">
        Credentials issued by {jurisdictions.length ? jurisdictions.join(", ") : "your jurisdiction"}. Open one to suspend, reinstate or revoke
        it.
      </p>

      <section aria-labelledby="filters-heading">
        <h2 id="filters-heading">Filter</h2>
        {/* Remounted when the address changes, so "Clear filters" empties the fields too. */}
        <Form method="get" key={location.search} className="field-row">
          <div className="field">
            <label htmlFor="filter-status">Status</label>
            <select id="filter-status" name="status" defaultValue={filters.status}>
              <option value="">Any status</option>
              {CREDENTIAL_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {CREDENTIAL_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-q">Holder name or credential number</label>
            <input id="filter-q" name="q" type="search" defaultValue={filters.q} maxLength={CREDENTIAL_SEARCH_MAX_LENGTH} />
          </div>
          <div className="field actions">
            <button type="submit">Apply filters</button>
            <Link to="/board/credentials">Clear filters</Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">Credentials</h2>
        <p>
          {total} {total === 1 ? "credential" : "credentials"}
        </p>
        <ScrollingTable caption={<>Status as of {asOf}{pageOfPagesText(page, pages)}</>}>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Holder</th>
              <th scope="col">Credential</th>
              <th scope="col">Status</th>
              <th scope="col">Issued</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {rows.length ? (
              rows.map((row) => (
                <tr key={row.number}>
                  <th scope="row">
                    <Link to={`/board/credentials/${row.number}`}>{row.number}</Link>
                  </th>
                  <td>{row.holderName}</td>
                  <td>
                    {row.jurisdictionName}: {row.credentialName}
                  </td>
                  <td>
                    <span className={row.status === "active" ? "status ok" : "status"}>{CREDENTIAL_STATUS_LABELS[row.status]}</span>
                  </td>
                  <td>{row.issuedOn}</td>
                  <td>{row.expiresOn}</td>
                </tr>
              ))
            ) : (
              <tr>
                <td colSpan={6}>
                  <EmptyListText page={page} total={total}>
                    No credentials match these filters.
                  </EmptyListText>
                </td>
              </tr>
            )}
          </tbody>
        </ScrollingTable>
        <Pager page={page} pages={pages} label="Pages of credentials" />
      </section>
    </>
  );
}
