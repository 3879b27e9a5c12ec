// PeerPath's server: checks the environment, starts the embedded PostgreSQL unless DATABASE_URL names
// one, applies migrations, seeds demo data on the embedded database's first run, then serves the Remix
// app through Express.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { loadEnv } from "../app/utils/env.server";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded-database";
import { migrateDatabase } from "./migrate";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = loadEnv();

let embedded: EmbeddedDatabase | undefined;
if (!env.DATABASE_URL) {
  embedded = await startEmbeddedDatabase({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT });
  process.env.DATABASE_URL = embedded.url;
  console.log(`Embedded PostgreSQL ${embedded.firstRun ? "created" : "started"} (data in ${path.resolve(env.DATA_DIR)}).`);
}

let shuttingDown = false;
let examTimer: NodeJS.Timeout | undefined;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  clearInterval(examTimer);
  clearInterval(reminderTimer);
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  const { prisma } = await import("../app/utils/db.server");
  await prisma.$disconnect().catch(() => {});
  await embedded?.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

let reminderTimer: NodeJS.Timeout | undefined;
let server: ReturnType<express.Express["listen"]> | undefined;
try {
  await migrateDatabase(process.env.DATABASE_URL!, { quiet: true });
  const { syncContent } = await import("../app/models/content.server");
  console.log((await syncContent()).summary);
  // Attempts whose time ran out are submitted by the server even when no browser is left to do it.
  const { finalizeExpiredAttempts } = await import("../app/models/exam-attempt.server");
  examTimer = setInterval(() => void finalizeExpiredAttempts().catch((error) => console.error(error)), 30_000);
  examTimer.unref();
  // Renewal reminders: each is sent once (a unique key per credential, expiry and threshold), so every
  // instance may run this; an hourly check is soon enough for 90/30/7-day reminders.
  const { sendDueRenewalReminders } = await import("../app/models/renewal-reminders.server");
  const sendReminders = () => void sendDueRenewalReminders().catch((error) => console.error(error));
  reminderTimer = setInterval(sendReminders, 60 * 60 * 1000);
  reminderTimer.unref();
  setTimeout(sendReminders, 10_000).unref();
  const { seedDemoData, demoDataSeeded, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("../app/models/demo-data.server");
  const seed = env.SEED_DEMO ? env.SEED_DEMO === "true" : Boolean(embedded);
  if (seed && !(await demoDataSeeded())) {
    await seedDemoData();
    console.log("Demo data loaded. Demo accounts (password for all: " + DEMO_PASSWORD + "):");
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(12)} ${account.email}`);
  }

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
  server = app.listen(env.PORT, () => {
    console.log(`PeerPath is running at http://localhost:${env.PORT}`);
  });
  server.on("error", (error) => {
    console.error(`Could not listen on port ${env.PORT}: ${error.message}. Set PORT to use another port.`);
    void shutdown(1);
  });
} catch (error) {
  console.error((error as Error).message);
  await shutdown(1);
}
