// PeerPath's server: checks the environment, starts the embedded PostgreSQL unless DATABASE_URL names
// one, applies migrations, seeds demo data on the embedded database's first run, runs the timers
// (exam deadlines, renewal reminders), then serves the Remix app (server/web-server.ts): from this
// process, or from WEB_CONCURRENCY worker processes sharing PORT, so every core can serve pages.
import cluster, { type Worker } from "node:cluster";
import type http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadEnv } from "../app/utils/env.server";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded-database";
import { migrateDatabase } from "./migrate";
import { startWebServer } from "./web-server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = loadEnv();

async function disconnectDatabase() {
  const { prisma } = await import("../app/utils/db.server");
  await prisma.$disconnect().catch(() => {});
}

const closeServer = (server: http.Server | undefined) => new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));

/** A worker serves HTTP only: the main process has prepared the database and runs the timers. */
async function runWorker() {
  let server: http.Server | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await closeServer(server);
    await disconnectDatabase();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  process.on("disconnect", () => void stop(0)); // the main process is gone
  try {
    server = await startWebServer(env, root);
  } catch (error) {
    console.error((error as Error).message);
    await stop(1);
  }
}

/** Stops the workers with SIGTERM and waits for them; any still running after 10 s is killed. */
async function stopWorkers(workers: Iterable<Worker>) {
  await Promise.all(
    [...workers].map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (worker.isDead()) return resolve();
          const timer = setTimeout(() => worker.process.kill("SIGKILL"), 10_000);
          worker.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          worker.process.kill("SIGTERM"); // a worker that has just exited is answered by its exit event
        }),
    ),
  );
}

/**
 * Starts `count` workers (kept in `workers`) and resolves once all listen. One that stops before listening (the port is
 * taken, say) fails the start; one that stops later is replaced unless the server is stopping.
 */
function startWorkers(count: number, workers: Map<number, Worker>, stopping: () => boolean): Promise<void> {
  let listening = 0;
  return new Promise((resolve, reject) => {
    const fork = () => {
      const worker = cluster.fork();
      workers.set(worker.id, worker);
      worker.once("listening", () => {
        listening += 1;
        if (listening === count) resolve();
      });
      worker.once("exit", (code, signal) => {
        workers.delete(worker.id);
        if (stopping()) return;
        if (listening < count) return reject(new Error("A web worker stopped before it could serve; see its message above."));
        console.error(`A web worker stopped (${signal ?? `exit code ${code}`}); starting another.`);
        fork();
      });
    };
    for (let index = 0; index < count; index += 1) fork();
  });
}

async function runMain() {
  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedDatabase({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT });
    process.env.DATABASE_URL = embedded.url; // the workers inherit it
    console.log(`Embedded PostgreSQL ${embedded.firstRun ? "created" : "started"} (data in ${path.resolve(env.DATA_DIR)}).`);
  }

  let shuttingDown = false;
  let server: http.Server | undefined;
  const workers = new Map<number, Worker>();
  const timers: NodeJS.Timeout[] = [];
  async function shutdown(code: number) {
    if (shuttingDown) return;
    shuttingDown = true;
    for (const timer of timers) clearInterval(timer);
    await closeServer(server);
    await stopWorkers(workers.values());
    await disconnectDatabase();
    await embedded?.stop().catch(() => {});
    process.exit(code);
  }
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    await migrateDatabase(process.env.DATABASE_URL!, { quiet: true });
    const { syncContent } = await import("../app/models/content.server");
    console.log((await syncContent()).summary);
    // Attempts whose time ran out are submitted by the server even when no browser is left to do it.
    const { finalizeExpiredAttempts } = await import("../app/models/exam-attempt.server");
    timers.push(setInterval(() => void finalizeExpiredAttempts().catch((error) => console.error(error)), 30_000));
    const { seedDemoData, demoDataSeeded, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("../app/models/demo-data.server");
    const seed = env.SEED_DEMO ? env.SEED_DEMO === "true" : Boolean(embedded);
    if (seed && !(await demoDataSeeded())) {
      await seedDemoData();
      console.log("Demo data loaded. Demo accounts (password for all: " + DEMO_PASSWORD + "):");
      for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(12)} ${account.email}`);
    }
    // Renewal reminders: each is sent once (a unique key per credential, expiry and threshold), so every
    // instance may run this; an hourly check is soon enough for 90/30/7-day reminders. The first check
    // comes after the demo seed, so it sees the demo's credentials.
    const { sendDueRenewalReminders } = await import("../app/models/renewal-reminders.server");
    const sendReminders = () => void sendDueRenewalReminders().catch((error) => console.error(error));
    timers.push(setInterval(sendReminders, 60 * 60 * 1000), setTimeout(sendReminders, 10_000));
    for (const timer of timers) timer.unref();

    if (env.WEB_CONCURRENCY === 1) server = await startWebServer(env, root);
    else await startWorkers(env.WEB_CONCURRENCY, workers, () => shuttingDown);
    const processes = env.WEB_CONCURRENCY === 1 ? "" : ` (${env.WEB_CONCURRENCY} web worker processes)`;
    console.log(`PeerPath is running at http://localhost:${env.PORT}${processes}`);
  } catch (error) {
    console.error((error as Error).message);
    await shutdown(1);
  }
}

if (cluster.isWorker) await runWorker();
else await runMain();
