// One embedded PostgreSQL for the whole integration run, with a migrated template database that
// each test file copies (see database-per-file.ts): files run in parallel and never see each other's rows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "../../server/embedded-database";
import { migrateDatabase } from "../../server/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "peerpath-integration-"));
  fs.chmodSync(dataDir, 0o755);
  const port = 55_000 + Math.floor(Math.random() * 5_000);
  const database = await startEmbeddedDatabase({ dataDir, port, database: "peerpath_template" });
  await migrateDatabase(database.url, { quiet: true });
  project.provide("templateDatabaseUrl", database.url);
  return async () => {
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Creates an empty copy of the migrated template and returns its URL. */
export async function copyTemplate(templateUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: templateUrl.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  try {
    // Two copies started at the same instant can collide on the template; the second waits and retries.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE peerpath_template`);
        break;
      } catch (error) {
        if (attempt >= 20 || !String(error).includes("being accessed by other users")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return templateUrl.replace(/\/[^/]+$/, `/${name}`);
}
