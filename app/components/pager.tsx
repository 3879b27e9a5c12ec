import { Link, useLocation } from "@remix-run/react";

/** Previous/next links for a paginated list, keeping the other query parameters. */
export function Pager({ page, pages, label }: { page: number; pages: number; label: string }) {
  const location = useLocation();
  if (pages <= 1) return null;
  const to = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav aria-label={label} className="pager">
      {page > 1 ? <Link to={to(page - 1)}>Previous page</Link> : null}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link to={to(page + 1)}>Next page</Link> : null}
    </nav>
  );
}
