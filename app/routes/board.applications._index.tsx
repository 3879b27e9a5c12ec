import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FieldControl } from "~/components/forms";
import { EmptyListText, Pager } from "~/components/pager";
import { ScrollingTable } from "~/components/scrolling-table";
import { APPLICATION_STATUS_LABELS, QUEUE_STATUSES, queueStatuses, type ApplicationStatus } from "~/domain/applications";
import { formatDay } from "~/domain/hour-entries";
import { applicationQueue, reviewScope } from "~/models/application-review.server";
import { pageCount, pageFrom } from "~/utils/pagination";
import { forbidden, requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Board credential applications · PeerPath" }];

const FiltersSchema = z.object({
  // Empty (or absent) is the default view: the applications waiting for the board.
  status: z.union([z.literal(""), z.literal("all"), z.enum(QUEUE_STATUSES)], { error: "choose a status from the list" }).default(""),
  credential: z.string().max(40, "choose a credential from the list").default(""),
  q: z.string().trim().max(100, "search for at most 100 characters").default(""),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const reviewer = await requirePermission(request, "review:applications:own-jurisdiction");
  const params = new URL(request.url).searchParams;
  const parsed = FiltersSchema.safeParse({
    status: params.get("status") ?? undefined,
    credential: params.get("credential") ?? undefined,
    q: params.get("q") ?? undefined,
  });
  if (!parsed.success) throw new Response(`Those filters could not be read: ${parsed.error.issues[0]?.message}.`, { status: 400 });
  const filters = parsed.data;
  const scope = await reviewScope(reviewer.grants);
  if (filters.credential && !scope.some((type) => type.id === filters.credential)) {
    throw forbidden("You can review applications only for your own jurisdiction's credentials.");
  }
  const { page, skip, take } = pageFrom(request);
  const queue = await applicationQueue(
    {
      credentialTypeIds: filters.credential ? [filters.credential] : scope.map((type) => type.id),
      statuses: queueStatuses(filters.status),
      search: filters.q || undefined,
    },
    { skip, take },
  );
  return json({
    filters,
    credentialOptions: scope.map((type) => ({ id: type.id, label: `${type.jurisdiction.name}: ${type.name}` })),
    rows: queue.rows,
    total: queue.total,
    page,
    pages: pageCount(queue.total),
  });
}

export default function ApplicationQueue() {
  const { filters, credentialOptions, rows, total, page, pages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Credential applications</h1>
      <p className="lead">
        {filters.status === "" ? "Applications to your jurisdiction waiting for the board's decision" : "Applications to your jurisdiction"}, oldest submission
        first. Open one to see its full evidence and decide.
      </p>
      <Form method="get" className="field-row">
        <FieldControl id="status" label="Status">
          {(aria) => (
            <select {...aria} name="status" defaultValue={filters.status}>
              <option value="">Waiting for the board (submitted or in review)</option>
              <option value="all">All</option>
              {QUEUE_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {APPLICATION_STATUS_LABELS[status]}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <FieldControl id="credential" label="Credential">
          {(aria) => (
            <select {...aria} name="credential" defaultValue={filters.credential}>
              <option value="">All your credentials</option>
              {credentialOptions.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <FieldControl id="q" label="Trainee name or email">
          {(aria) => <input {...aria} type="search" name="q" defaultValue={filters.q} />}
        </FieldControl>
        <div className="field">
          <button type="submit">Filter</button>
        </div>
      </Form>
      <p role="status">
        {total} application{total === 1 ? "" : "s"}
      </p>
      {rows.length ? (
        <ScrollingTable caption="Applications" hideCaption>
          <thead>
            <tr>
              <th scope="col">Trainee</th>
              <th scope="col">Credential</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to={`/board/applications/${row.id}`}>{row.trainee.name}</Link>
                  <br />
                  <span className="hint">{row.trainee.email}</span>
                </td>
                <td>
                  {row.credentialType.jurisdiction.name}: {row.credentialType.name}
                  {row.provisional ? " (provisional)" : ""}
                </td>
                <td>{row.kind === "RENEWAL" ? "Renewal" : "First credential"}</td>
                <td>{APPLICATION_STATUS_LABELS[row.status as ApplicationStatus]}</td>
                <td>{row.submittedAt ? formatDay(row.submittedAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      ) : (
        <p>
          <EmptyListText page={page} total={total}>
            No application matches these filters.
          </EmptyListText>
        </p>
      )}
      <Pager page={page} pages={pages} label="Application pages" />
    </>
  );
}
