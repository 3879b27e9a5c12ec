import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type Prisma, PrismaClient } from "~/generated/prisma/client";
import { connectionsPerProcess, databaseUrl, loadEnv } from "./env.server";
import { watchTransactions } from "./transaction-guard.server";

// One pool and one client per process, kept across dev rebuilds. Prisma runs on the pool, and so do
// the hot reads that go around it as named prepared statements (the session lookup, the answer save,
// the module overview, verification, progress and the standing report): Prisma cannot send named
// statements, and its query compiler costs more CPU than those queries themselves.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient; databasePool?: pg.Pool };

/**
 * How long a connection may sit unused before the pool closes it. Opening one costs PostgreSQL a new
 * backend (authentication, cold caches, every named statement prepared again); with pg's default of
 * 10 s, a steady 200 requests a second closed and reopened 8–9 connections in 30 s (docs/performance.md).
 */
const IDLE_CONNECTION_MS = 5 * 60_000;

function createPool() {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max: connectionsPerProcess(loadEnv()), allowExitOnIdle: true, idleTimeoutMillis: IDLE_CONNECTION_MS });
  // An idle connection whose server went away: the pool drops it and the next query opens another.
  pool.on("error", (error) => console.error(`Database: idle connection lost: ${error.message}`));
  return pool;
}

function createClient(pool: pg.Pool) {
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  if (process.env.VITEST) watchTransactions(client, pool);
  return client;
}

export const databasePool = (globalForPrisma.databasePool ??= createPool());
export const prisma = (globalForPrisma.prisma ??= createClient(databasePool));

/** A hand-written statement: named, so the pool prepares it once per connection. */
export type Statement = { name: string; text: string };

/**
 * Runs a hand-written statement on the shared pool, or, given a transaction, on that transaction's own
 * connection. Code inside a transaction must never take a second connection from the pool: with every
 * connection held by a transaction waiting for another, nothing moves until the transactions time out.
 */
export async function runStatement<Row>(statement: Statement, values: unknown[], tx?: Prisma.TransactionClient): Promise<Row[]> {
  if (tx) return tx.$queryRawUnsafe<Row[]>(statement.text, ...values);
  return (await databasePool.query<Row & pg.QueryResultRow>({ ...statement, values })).rows;
}
