// `npm run content:sync`: loads content/ (jurisdictions, requirements, modules) into the database (DATA_DIR or DATABASE_URL). A file
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
  const { syncContent } = await import("../app/models/content.server");
  const { modules, summary } = await syncContent();
  console.log(summary);
  failed = modules.problems.length > 0;
  const { prisma } = await import("../app/utils/db.server");
  await prisma.$disconnect();
} finally {
  await embedded?.stop();
}
process.exit(failed ? 1 : 0);
