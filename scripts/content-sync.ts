// `npm run content:sync`: loads content/modules into the database (DATA_DIR or DATABASE_URL). A file
// with an error is reported with its path and field; the rest load. Exits 1 when any file had a problem.
import { loadEnv } from "../app/utils/env.server";
import { startEmbeddedDatabase } from "../server/embedded-database";
import { migrateDatabase } from "../server/migrate";

const env = loadEnv();
const embedded = env.DATABASE_URL ? undefined : await startEmbeddedDatabase({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT });
process.env.DATABASE_URL = env.DATABASE_URL ?? embedded!.url;
let failed = false;
try {
  await migrateDatabase(process.env.DATABASE_URL, { quiet: true });
  const { syncModuleFiles, formatSyncReport } = await import("../app/models/module.server");
  const report = await syncModuleFiles();
  console.log(formatSyncReport(report));
  failed = report.problems.length > 0;
  const { prisma } = await import("../app/utils/db.server");
  await prisma.$disconnect();
} finally {
  await embedded?.stop();
}
process.exit(failed ? 1 : 0);
