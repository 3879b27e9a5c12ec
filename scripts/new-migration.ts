// `npm run migration:new -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
// SQL that takes the database from the existing migrations to prisma/schema.prisma.
// Uses `prisma migrate diff` rather than `migrate dev`, whose JS schema engine (Prisma 6.19) fails with
// "null pointer passed to rust" after writing; diff builds the same SQL on a throw-away shadow database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { startEmbeddedDatabase } from "../server/embedded-database";
import { prismaCliEnv } from "../server/migrate";
import { loadEnv } from "../app/utils/env.server";

const name = z
  .string({ error: "Give the migration a name: npm run migration:new -- add_hours" })
  .regex(/^[a-z0-9_]+$/, "Use lower-case letters, digits and underscores in the migration name")
  .safeParse(process.argv[2]);
if (!name.success) {
  console.error(name.error.issues[0]?.message);
  process.exit(1);
}
const env = loadEnv();
const embedded = env.DATABASE_URL
  ? undefined
  : await startEmbeddedDatabase({ dataDir: env.DATA_DIR, port: env.EMBEDDED_PG_PORT });
try {
  const diff = spawnSync(
    path.join("node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { env: prismaCliEnv(env.DATABASE_URL ?? embedded!.url), encoding: "utf8" },
  );
  if (diff.status !== 0) throw new Error(`prisma migrate diff failed:\n${diff.stderr}${diff.stdout}`);
  const sql = diff.stdout.slice(diff.stdout.indexOf("--"));
  if (sql.includes("This is an empty migration")) {
    console.log("prisma/schema.prisma matches the migrations: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma", "migrations", `${stamp}_${name.data}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${dir}/migration.sql. Review it, then restart the app (npm start) to apply it.`);
  }
} finally {
  await embedded?.stop();
}
