import { z } from "zod";

export const PAGE_SIZE = 25;

const PageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The page a list shows, from ?page=N; nonsense falls back to the first page. */
export function pageFrom(request: Request) {
  const page = PageSchema.parse(new URL(request.url).searchParams.get("page") ?? 1);
  return { page, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE };
}

export const pageCount = (total: number) => Math.max(1, Math.ceil(total / PAGE_SIZE));
