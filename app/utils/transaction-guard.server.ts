// Under test, every interactive transaction is watched: code inside one that takes a second connection
// from the pool (through the shared client, or the pool itself) fails at once, saying so. Otherwise such
// code works until the pool is full of transactions each waiting for another connection, and then
// every one of them times out: a load the tests rarely make, as CI once did.
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";

const insideTransaction = new AsyncLocalStorage<true>();

export const SECOND_CONNECTION =
  "A query inside a transaction asked the pool for a second connection: run it on the transaction's client (tx) instead.";

type TransactionRunner = { $transaction: (...args: never[]) => unknown };

export function watchTransactions(client: TransactionRunner, pool: pg.Pool) {
  const transaction = client.$transaction.bind(client) as (input: unknown, options?: unknown) => unknown;
  const watched = (input: unknown, options?: unknown) =>
    typeof input === "function"
      ? transaction((tx: unknown) => insideTransaction.run(true, () => (input as (tx: unknown) => unknown)(tx)), options)
      : transaction(input, options);
  Object.assign(client, { $transaction: watched });
  for (const method of ["query", "connect"] as const) {
    const original = (pool[method] as (...args: unknown[]) => unknown).bind(pool);
    Object.assign(pool, {
      [method]: (...args: unknown[]) => (insideTransaction.getStore() ? Promise.reject(new Error(SECOND_CONNECTION)) : original(...args)),
    });
  }
}
