// The HTTP side of PeerPath: Express serving the built Remix app, the static files and the exam
// answer save's lean path. Run by server/index.ts in its own process, or in each worker process when
// WEB_CONCURRENCY asks for more than one.
import type http from "node:http";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { Env } from "../app/utils/env.server";
import { rejectMalformedUrls, type PageLink } from "./malformed-url";

/** The root route's stylesheet and icon links, for the pages answered before Remix. */
function rootLinks(build: ServerBuild): PageLink[] {
  return (build.routes.root?.module.links?.() ?? []).flatMap((link) =>
    "rel" in link && typeof link.rel === "string" && typeof link.href === "string"
      ? [{ rel: link.rel, href: link.href, ...(typeof link.type === "string" ? { type: link.type } : {}) }]
      : [],
  );
}

/** Builds the app and starts listening on env.PORT; resolves once it listens, rejects if it cannot. */
export async function startWebServer(env: Env, root: string): Promise<http.Server> {
  const build = (await import(path.join(root, "build", "index.js"))) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  if (env.TRUST_PROXY === "true") app.set("trust proxy", true);
  app.use((_req, res, next) => {
    res.set({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
    });
    next();
  });
  if (env.LOG_REQUESTS === "true") {
    app.use((req, res, next) => {
      const start = process.hrtime.bigint();
      res.on("finish", () =>
        console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${Number(process.hrtime.bigint() - start) / 1e6}ms`),
      );
      next();
    });
  }
  // Before anything reads the path: Express's own answer to a path that does not decode is a bare "Bad Request".
  app.use(rejectMalformedUrls(rootLinks(build)));
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  // Files in public/ all have an extension; page addresses mostly do not, so they skip the disk lookup.
  const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
  app.use((req, res, next) => (/\.[^/]+$/.test(req.path) ? publicFiles(req, res, next) : next()));
  // The exam pages' answer saves, answered before Remix with the same checks (see server/answer-save.ts).
  const { ANSWER_SAVE_PATH, answerSave } = await import("./answer-save");
  app.post(ANSWER_SAVE_PATH, answerSave);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req) => ({ clientAddress: req.ip ?? req.socket.remoteAddress }),
    }),
  );
  return new Promise((resolve, reject) => {
    const server = app.listen(env.PORT);
    server.once("listening", () => resolve(server));
    server.once("error", (error) => reject(new Error(`Could not listen on port ${env.PORT}: ${error.message}. Set PORT to use another port.`)));
  });
}
