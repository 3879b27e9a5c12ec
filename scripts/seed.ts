// `npm run seed`: loads the demo data (jurisdictions and one account per role) into the database in
// DATA_DIR or DATABASE_URL. Safe to repeat: only what is missing is added.
import { loadEnv } from "../app/utils/env.server";
import { startEmbeddedDatabase } from "../server/embedded-database";
import { migrateDatabase } from "../server/migrate";

const env = loadEnv();
const embedded = env.DATABASE_URL ? undefined : await startEmbeddedDatabase({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT });
process.env.DATABASE_URL = env.DATABASE_URL ?? embedded!.url;
try {
  await migrateDatabase(process.env.DATABASE_URL, { quiet: true });
  const { seedDemoData, DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("../app/models/demo-data.server");
  await seedDemoData();
  console.log(`Demo data is in place. Accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`);
  const { prisma } = await import("../app/utils/db.server");
  await prisma.$disconnect();
} finally {
  await embedded?.stop();
}
