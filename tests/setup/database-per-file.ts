import crypto from "node:crypto";
import { afterAll, inject } from "vitest";
import { copyTemplate } from "./template-database";

// Each test file gets its own database before any app module reads DATABASE_URL.
const name = `test_${crypto.randomBytes(6).toString("hex")}`;
process.env.DATABASE_URL = await copyTemplate(inject("templateDatabaseUrl"), name);
process.env.SESSION_SECRET = "integration-tests-signing-secret-0123456789";
// The Prisma client is cached on globalThis; a file must not reuse the previous file's client.
(globalThis as { prisma?: unknown }).prisma = undefined;

afterAll(async () => {
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
});
