// Workarounds for @prisma/adapter-pg 6.19 on the *migration* path only (the app's queries are fine).
// Used by prisma.config.ts alone. Delete this file when the project moves to a Prisma whose native
// schema engine can run here (Prisma 7 fixes 1; 2-3 are adapter bugs in connectToShadowDb).
//  1. Introspection returns columns of the internal types `name` and `"char"`, which the adapter can't
//     deserialize (prisma/prisma issue 27403): report them as text.
//  2. A connection string would override the shadow database name, so the "shadow" was the main
//     database: we pass host, port, user, password and database as separate fields.
//  3. The shadow database was dropped before its pool closed ("being accessed by other users"): close
//     the pool first, then DROP ... WITH (FORCE).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const TEXT = 25;
const TEXT_ARRAY = 1009;
const AS_TEXT: Record<number, number> = { 19: TEXT, 18: TEXT, 1003: TEXT_ARRAY, 1002: TEXT_ARRAY };

function reportInternalTypesAsText(result: pg.QueryResult | undefined) {
  for (const field of result?.fields ?? []) {
    const replacement = AS_TEXT[field.dataTypeID];
    if (replacement) field.dataTypeID = replacement;
  }
  return result;
}

class TextForInternalTypesClient extends pg.Client {
  // pg's query() has many overloads; pg.Pool calls the callback form, the adapter the promise form.
  override query(...args: unknown[]): any {
    const last = args.at(-1);
    if (typeof last === "function") {
      args[args.length - 1] = (error: Error | null, result: pg.QueryResult) =>
        last(error, reportInternalTypesAsText(result));
    }
    const returned = (super.query as (...a: unknown[]) => unknown)(...args);
    if (returned && typeof (returned as Promise<unknown>).then === "function") {
      return (returned as Promise<pg.QueryResult>).then(reportInternalTypesAsText);
    }
    return returned;
  }
}

class MigrationPrismaPg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = new PrismaPg({ ...this.poolConfig, database });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await main.dispose();
    };
    return adapter;
  }
}

export function migrationAdapter(databaseUrl: string) {
  const url = new URL(databaseUrl);
  return new MigrationPrismaPg({
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.slice(1)),
    Client: TextForInternalTypesClient,
    // Idle pooled connections otherwise keep the CLI alive for pg's 10-second idle timeout.
    allowExitOnIdle: true,
  });
}
