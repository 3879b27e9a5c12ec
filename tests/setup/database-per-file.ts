import crypto from "node:crypto";
import { afterAll, inject } from "vitest";
import { copyTemplate } from "./template-database";

// Each test file gets its own database before any app module reads DATABASE_URL.
const name = `test_${crypto.randomBytes(6).toString("hex")}`;
process.env.DATABASE_URL = await copyTemplate(inject("templateDatabaseUrl"), name);
process.env.SESSION_SECRET = "integration-tests-signing-secret-0123456789";
// The Prisma client and the pg pool are cached on globalThis; a file must not reuse the previous
// file's (they would still point at the previous file's database).
(globalThis as { prisma?: unknown; databasePool?: unknown }).prisma = undefined;
(globalThis as { prisma?: unknown; databasePool?: unknown }).databasePool = undefined;

afterAll(async () => {
  const { databasePool, prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
  await databasePool.end().catch(() => {});
});
