import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { connectionsPerProcess, databaseUrl, loadEnv } from "./env.server";

// One pool and one client per process, kept across dev rebuilds. Prisma runs on the pool, and so do
// the hot reads that go around it as named prepared statements (the session lookup, the answer save,
// the module overview, verification, progress and the standing report): Prisma cannot send named
// statements, and its query compiler costs more CPU than those queries themselves.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; databasePool?: pg.Pool };

function createPool() {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: connectionsPerProcess(loadEnv()), allowExitOnIdle: true });
  // An idle connection whose server went away: the pool drops it and the next query opens another.
  pool.on("error", (error) => console.error(`Database: idle connection lost: ${error.message}`));
  return pool;
}

export const databasePool = (globalForPrisma.databasePool ??= createPool());
export const prisma = (globalForPrisma.prisma ??= new PrismaClient({ adapter: new PrismaPg(databasePool) }));
