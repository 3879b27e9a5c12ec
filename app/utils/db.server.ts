import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { databaseUrl } from "./env.server";

// One pool and one client per process, kept across dev rebuilds. The pool is shared with the exam
// answer save's lean path (models/answer-save.server.ts), which needs named prepared statements that
// Prisma cannot send.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; databasePool?: pg.Pool };

function createPool() {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: 16, allowExitOnIdle: true });
  // An idle connection whose server went away: the pool drops it and the next query opens another.
  pool.on("error", (error) => console.error(`Database: idle connection lost: ${error.message}`));
  return pool;
}

export const databasePool = (globalForPrisma.databasePool ??= createPool());
export const prisma = (globalForPrisma.prisma ??= new PrismaClient({ adapter: new PrismaPg(databasePool) }));
