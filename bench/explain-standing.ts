// Shows how PostgreSQL answers the board's standing report: every query the app sends for one page of
// a whole jurisdiction's report, and for a repeated status filter, each with its plan and timing
// (EXPLAIN ANALYZE), as Markdown. Building the pages stores standings (GoalStanding) as the app does.
// Run it against the bench database while `npm run bench` has it running, or any PeerPath database:
//
//   npx tsx bench/explain-standing.ts --database-url postgresql://peerpath:peerpath@localhost:<port>/peerpath [--jurisdiction ICRC]
//
// Before the app's modules load, the app's one Prisma client is replaced by one that reports each
// query, and the pg pool's query method (the report's own SQL on the shared pool) is wrapped to report
// each statement; the queries are then explained with the same parameters on a separate connection.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { z } from "zod";
import { PrismaClient } from "../app/generated/prisma/client";

const Args = z.object({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, "Pass --database-url postgresql://user:password@host:port/database"),
  jurisdiction: z.string().regex(/^[A-Z]{2,10}$/).default("ICRC"),
});
const argv = process.argv.slice(2);
const argument = (name: string) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
};
const parsed = Args.safeParse({ databaseUrl: argument("database-url"), jurisdiction: argument("jurisdiction") });
if (!parsed.success) {
  console.error(parsed.error.issues[0]?.message);
  process.exit(2);
}
const { databaseUrl, jurisdiction } = parsed.data;
process.env.DATABASE_URL = databaseUrl;

type Query = { sql: string; params: unknown[]; ms: number };
const queries: Query[] = [];
const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 4 }), log: [{ emit: "event", level: "query" }] });
client.$on("query", (event) => queries.push({ sql: event.query, params: JSON.parse(event.params) as unknown[], ms: event.duration }));
(globalThis as unknown as { prisma: PrismaClient }).prisma = client;
const poolQuery = pg.Pool.prototype.query;
pg.Pool.prototype.query = function (this: pg.Pool, ...args: unknown[]) {
  const [config, values] = args as [string | pg.QueryConfig, unknown[] | undefined];
  const sql = typeof config === "string" ? config : config.text;
  const params = (typeof config === "string" ? values : config.values) ?? [];
  const started = performance.now();
  const result = (poolQuery as (...a: unknown[]) => Promise<unknown>).apply(this, args);
  const query: Query = { sql: sql.replace(/\n\s+/g, "\n").trim(), params, ms: 0 };
  queries.push(query);
  void result.then(() => (query.ms = Number((performance.now() - started).toFixed(1))));
  return result;
} as typeof poolQuery;

const { standingReportPage, standingScope } = await import("../app/models/standing-report.server");
const { readCredentialCatalogue } = await import("../app/models/catalogue.server");
const found = await client.jurisdiction.findUnique({ where: { code: jurisdiction }, select: { id: true } });
if (!found) {
  console.error(`No jurisdiction ${jurisdiction} in this database.`);
  process.exit(2);
}
// The page as a board member of the jurisdiction opens it once the app's process holds a current copy
// of the credential catalogue (as after the first page since the catalogue last changed): the scope
// comes from that copy, then the page is one statement.
const grants = [{ role: "BOARD_MEMBER" as const, jurisdictionId: found.id }];
const catalogue = await readCredentialCatalogue();
queries.length = 0;

const started = performance.now();
const scope = standingScope(catalogue, grants);
const { credentialTypeIds } = scope;
const page = await standingReportPage({ credentialTypeIds, requirements: scope.requirements }, { skip: 0, take: 25 });
const pageMs = performance.now() - started;
const pageQueries = [...queries];

queries.length = 0;
const filteredStart = performance.now();
const filtered = await standingReportPage({ credentialTypeIds, status: "eligible" }, { skip: 0, take: 25 });
const filteredMs = performance.now() - filteredStart;
const filteredCount = queries.length;

// Again: every stored standing is current now (unless something was written meanwhile).
queries.length = 0;
const againStart = performance.now();
await standingReportPage({ credentialTypeIds, status: "eligible" }, { skip: 0, take: 25 });
const againMs = performance.now() - againStart;
const againQueries = [...queries];

pg.Pool.prototype.query = poolQuery;
const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
const lines: string[] = [];
lines.push(`Jurisdiction ${jurisdiction}: ${page.total} goals in the report; first page of 25 built in ${pageMs.toFixed(0)} ms with ${pageQueries.length} queries.`);
lines.push(
  `With the status filter "eligible": ${filtered.total} matching, built in ${filteredMs.toFixed(0)} ms with ${filteredCount} queries (goals without a current stored standing evaluated 500 at a time, then counted and paged in SQL); ` +
    `again, with every standing stored: ${againMs.toFixed(0)} ms with ${againQueries.length} queries.`,
);
lines.push("");
const explained = [...pageQueries.map((query) => ({ query, section: "Page" })), ...againQueries.map((query) => ({ query, section: "Status filter, repeated" }))];
for (const [index, { query, section }] of explained.entries()) {
  const { rows } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${query.sql}`, query.params);
  lines.push(`### Query ${index + 1}, ${section} (${query.ms} ms as the app ran it)`);
  lines.push("");
  lines.push("```sql");
  lines.push(query.sql.replace(/"public"\./g, ""));
  lines.push("```");
  lines.push("");
  lines.push("```");
  for (const row of rows) lines.push(row["QUERY PLAN"]);
  lines.push("```");
  lines.push("");
}
console.log(lines.join("\n"));
await pool.end();
await client.$disconnect();
await (await import("../app/utils/db.server")).databasePool.end();
process.exit(0);
