// Addresses whose path does not decode (`/%`, `/hours/%`, a cut-off UTF-8 sequence like `/%E0%A4%A`).
// Express would fail them while matching `app.all("*")` (decoding its parameter throws a URIError) and
// answer with its own bare "Bad Request" page; this middleware answers first, with a small page in the
// app's words, look and language.
import type { RequestHandler } from "express";

export const MALFORMED_URL_TITLE = "This address is not valid";

/** A `<link>` of the app's root route (its stylesheet, its icon), as Remix's `links()` gives it. */
export type PageLink = { rel: string; href: string; type?: string };

/** Whether the path part of an address cannot be percent-decoded. */
export function isMalformedPath(path: string): boolean {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/** Whether an address (path and query) carries a NUL byte, which no page takes and PostgreSQL cannot store. */
export const hasNulCharacter = (url: string) => /%00/i.test(url) || url.includes("\0");

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: the same header and main landmark as the app's error pages (app/root.tsx ErrorBoundary). */
export function malformedUrlPage(links: readonly PageLink[]): string {
  const head = links
    .map((link) => `<link rel="${escapeHtml(link.rel)}" href="${escapeHtml(link.href)}"${link.type ? ` type="${escapeHtml(link.type)}"` : ""}>`)
    .join("");
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${MALFORMED_URL_TITLE} · PeerPath</title>${head}</head>
<body>
<header class="site-header"><a class="skip-link" href="#main">Skip to content</a><div class="header-row"><a href="/" class="brand">PeerPath</a></div></header>
<main id="main" tabindex="-1">
<h1>${MALFORMED_URL_TITLE}</h1>
<p>The address has a stray % sign or a broken or null character in it, so it leads to no page. If you typed or pasted it, check it; otherwise start again from the home page.</p>
<p><a href="/">Go to the home page</a></p>
</main>
</body>
</html>
`;
}

/** Answers an address whose path does not decode, or that carries a NUL byte, with the page above and 400; passes every other on. */
export function rejectMalformedUrls(links: readonly PageLink[]): RequestHandler {
  const page = malformedUrlPage(links);
  return (req, res, next) => {
    if (!isMalformedPath(req.path) && !hasNulCharacter(req.originalUrl)) return next();
    res.status(400).set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).send(page);
  };
}
