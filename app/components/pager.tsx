import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { pastLastPageText } from "~/utils/pagination";

/** The address of another page of the list shown, keeping the other query parameters (filters). */
function usePageHref() {
  const location = useLocation();
  return (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
}

/** Previous/next links for a paginated list, keeping the other query parameters. */
export function Pager({ page, pages, label }: { page: number; pages: number; label: string }) {
  const to = usePageHref();
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="pager">
      {/* From a page past the end, "previous" is the last page there is. */}
      {page > 1 ? <Link to={to(Math.min(page - 1, pages))}>Previous page</Link> : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={to(page + 1)}>Next page</Link> : null}
    </nav>
  );
}

/**
 * What a list shows when this page has no rows: its own words (`children`, like "No hours yet") when
 * the list is empty, or, on a page past the last one, that this page is empty and a link to the first.
 * Inline content, so it fits in a paragraph or a table cell.
 */
export function EmptyListText({ page, total, children }: { page: number; total: number; children: ReactNode }) {
  const to = usePageHref();
  const pastLast = pastLastPageText(page, total);
  if (!pastLast) return <>{children}</>;
  return (
    <>
      {pastLast} <Link to={to(1)}>Go to the first page</Link>.
    </>
  );
}
