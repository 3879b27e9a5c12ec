// An address whose path does not decode gets PeerPath's own 400 page, not Express's bare "Bad Request".
// The app here is routed as server/web-server.ts routes Remix: `app.all("*")`, which is where Express
// fails such a path.
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rejectMalformedUrls } from "./malformed-url";

const LINKS = [
  { rel: "stylesheet", href: "/build/_assets/app-TEST.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

function listen(app: express.Express) {
  return new Promise<http.Server>((resolve) => {
    const server = app.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** A GET of `path` exactly as written (no client normalises it). */
function get(server: http.Server, path: string) {
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, type: String(response.headers["content-type"]), body }));
      })
      .on("error", reject);
  });
}

const routed = (withGuard: boolean) => {
  const app = express();
  if (withGuard) app.use(rejectMalformedUrls(LINKS));
  app.all("*", (req, res) => {
    res.send(`page for ${req.path}`);
  });
  return app;
};

let guarded: http.Server;
let bare: http.Server;
beforeAll(async () => {
  guarded = await listen(routed(true));
  bare = await listen(routed(false));
});
afterAll(() => {
  guarded.close();
  bare.close();
});

const MALFORMED = ["/%", "/hours/%", "/%E0%A4%A", "/build/%zz.css"];

describe("malformed addresses", () => {
  it.each(MALFORMED)("Express alone answers %s with its bare page", async (path) => {
    const { status, body } = await get(bare, path);
    expect(status).toBe(400);
    expect(body).toMatch(/<title>Error<\/title>/);
  });

  it.each(MALFORMED)("answers %s with PeerPath's 400 page: titled, in English, with the app's styles and a way home", async (path) => {
    const { status, type, body } = await get(guarded, path);
    expect(status).toBe(400);
    expect(type).toBe("text/html; charset=utf-8");
    expect(body).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(body).toContain("<title>This address is not valid · PeerPath</title>");
    expect(body).toContain('<link rel="stylesheet" href="/build/_assets/app-TEST.css">');
    expect(body).toContain("<h1>This address is not valid</h1>");
    expect(body).toContain('<main id="main" tabindex="-1">');
    expect(body).toContain('<a href="/">Go to the home page</a>');
  });

  it.each(["/board/exams/x/items?q=%00", "/hours%00", "/board/exams/x/qti.xml?item=%00&version=1"])(
    "answers %s, with a NUL byte no page takes, with the same 400 page",
    async (path) => {
      const { status, body } = await get(guarded, path);
      expect(status).toBe(400);
      expect(body).toContain("<h1>This address is not valid</h1>");
    },
  );

  it.each(["/", "/hours", "/r%C3%A9sum%C3%A9", "/hours?q=%", "/50%25", "/hours?q=%2500"])("passes %s on", async (path) => {
    const { status, body } = await get(guarded, path);
    expect(status).toBe(200);
    expect(body).toBe(`page for ${path.split("?")[0]}`);
  });
});
