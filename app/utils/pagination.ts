import { z } from "zod";

export const PAGE_SIZE = 25;

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The page a list shows, from ?page=N; nonsense falls back to the first page. */
export function pageFrom(request: Request) {
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return { page, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE };
}

export const pageCount = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));

/**
 * What a page with no rows says instead of the list's own "nothing yet" words, when the list does have
 * rows, on pages before this one (?page=999 asked for a page past the last); null when the list is
 * really empty.
 */
export function pastLastPageText(page: number, total: number): string | null {
  const pages = pageCount(total);
  if (total === 0 || page <= pages) return null;
  return `Page ${page} is past the end of this list, which has ${pages} ${pages === 1 ? "page" : "pages"}.`;
}

/**
 * ", page 2 of 3" for a table's caption; empty for a list of one page, and for a page past the last,
 * which shows pastLastPageText instead of claiming to be "page 99999 of 3".
 */
export function pageOfPagesText(page: number, pages: number): string {
  return pages > 1 && page <= pages ? `, page ${page} of ${pages}` : "";
}
