// The server render. PeerPath's pages stream nothing (no deferred data), so each page is rendered to
// one string and sent in one write. Remix's default streams React's output as many small chunks
// through Node and web streams, which cost the signed-in pages about a tenth of their server CPU in
// socket writes alone.
import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const markup = renderToString(<RemixServer context={remixContext} url={request.url} />);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${markup}`, { status: responseStatusCode, headers: responseHeaders });
}
