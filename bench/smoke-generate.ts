// Proves the generator's SQL against the current schema without autocannon or a build: a throwaway
// embedded PostgreSQL in ./data-bench-smoke (ports from 55500), migrated, content synced and demo
// accounts seeded as the server would, then a small data set generated, checked through the app's own
// code, generated again (skipped by the marker), and deleted.
//
//   npx tsx bench/smoke-generate.ts [--trainees 200]
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase } from "../server/embedded-database";
import { migrateDatabase } from "../server/migrate";
import { BENCH_EMAIL_DOMAIN, BENCH_MODULE_PREFIX, EXAM_ATTEMPT_TABLE, MARKER_KEY, fillTable, generateDataSet, sizeForTrainees, tableExists } from "./generate";
import { ROOT, freePortFrom } from "./processes";
import { Sessions } from "./scenarios";

const dataDir = path.join(ROOT, "data-bench-smoke");
const args = process.argv.slice(2);
const traineesArg = args.indexOf("--trainees");
const trainees = traineesArg >= 0 ? Number(args[traineesArg + 1]) : 200;
const size = sizeForTrainees(trainees);

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Smoke check failed: ${message}`);
  console.log(`  ok  ${message}`);
}

async function count(pool: pg.Pool, sql: string, params: unknown[] = []) {
  const { rows } = await pool.query<{ count: string }>(sql, params);
  return Number(rows[0]!.count);
}

fs.rmSync(dataDir, { recursive: true, force: true });
const port = await freePortFrom(55_500);
console.log(`Throwaway embedded PostgreSQL on port ${port}, data in ${dataDir}`);
const database = await startEmbeddedDatabase({ dataDir, port });
let pool: pg.Pool | undefined;
let failed = false;
try {
  await migrateDatabase(database.url, { quiet: true });
  process.env.DATABASE_URL = database.url;
  process.env.SESSION_SECRET ??= "bench-smoke-signing-secret-0123456789abcdef";
  const { seedDemoData } = await import("../app/models/demo-data.server");
  await seedDemoData(); // syncs content/ (jurisdictions, requirements, the 14 modules) first
  pool = new pg.Pool({ connectionString: database.url.replace("@localhost:", "@127.0.0.1:"), max: 4 });
  pool.on("error", (error) => console.error(`  (idle database connection closed: ${error.message})`));

  console.log(`\n1. Generating ${trainees} trainees' worth of data`);
  const first = await generateDataSet(pool, size);
  for (const line of first.summary) console.log(`     ${line}`);
  check(!first.skipped, "the first run generates");
  check((await count(pool, `SELECT count(*) FROM "User" WHERE email LIKE $1`, [`%@${BENCH_EMAIL_DOMAIN}`])) === size.trainees, `${size.trainees} bench trainees`);
  check(
    (await count(pool, `SELECT count(*) FROM "RoleAssignment" r JOIN "User" u ON u.id = r."userId" WHERE u.email LIKE $1 AND r.role = 'TRAINEE'`, [`%@${BENCH_EMAIL_DOMAIN}`])) === size.trainees,
    "each holds the TRAINEE role",
  );
  check((await count(pool, `SELECT count(*) FROM "Module"`)) === size.modules, `${size.modules} modules in all`);
  check((await count(pool, `SELECT count(*) FROM "ModuleVersion" v JOIN "Module" m ON m.id = v."moduleId" WHERE m.slug LIKE $1`, [`${BENCH_MODULE_PREFIX}%`])) > 0, "generated modules have a version");
  const benchLedger = `FROM "LedgerEntry" l JOIN "User" u ON u.id = l."traineeId" WHERE u.email LIKE $1`;
  const bench = [`%@${BENCH_EMAIL_DOMAIN}`];
  check((await count(pool, `SELECT count(*) ${benchLedger}`, bench)) === size.ledgerEntries, `${size.ledgerEntries} ledger entries of bench trainees`);
  check((await count(pool, `SELECT count(DISTINCT l.kind) ${benchLedger}`, bench)) === 4, "all four ledger kinds");
  check((await count(pool, `SELECT count(DISTINCT l.status) ${benchLedger}`, bench)) === 5, "all five ledger statuses");
  check((await count(pool, `SELECT count(DISTINCT l."courseDomain") ${benchLedger}`, bench)) === 4, "all four course domains");
  check((await count(pool, `SELECT count(*) ${benchLedger} AND l."occurredOn" >= current_date`, bench)) === 0, "every entry dated in the past");
  check((await count(pool, `SELECT count(*) FROM "User" u WHERE u.email LIKE $1 AND NOT EXISTS (SELECT 1 FROM "TraineeGoal" g WHERE g."traineeId" = u.id)`, [`%@${BENCH_EMAIL_DOMAIN}`])) === 0, "every trainee has a goal");
  check((await count(pool, `SELECT count(DISTINCT "credentialTypeId") FROM "TraineeGoal"`)) === 4, "goals toward the four seeded credentials");

  console.log("\n2. The app reads the generated rows");
  const { latestVersions, versionContent } = await import("../app/models/module.server");
  const { ModuleContentSchema } = await import("../app/domain/module-content");
  const versions = await latestVersions({ domains: true, questions: true, sections: true, summary: true, estimatedMinutes: true, passMark: true, competencies: true, objectives: true, body: true });
  check(versions.length === size.modules, `latestVersions() lists ${size.modules} modules`);
  for (const version of versions) {
    const content = versionContent(version);
    ModuleContentSchema.parse({ ...version, domains: content.domains, questions: content.questions });
    if (!content.sections.length) throw new Error(`module version ${version.id} has no sections`);
  }
  check(true, "every version parses as module content and has rendered sections");
  const { rows: someTrainee } = await pool.query<{ id: string }>(
    `SELECT u.id FROM "User" u WHERE u.email LIKE $1 ORDER BY u.email LIMIT 1`,
    [`%@${BENCH_EMAIL_DOMAIN}`],
  );
  const { standingsFor } = await import("../app/models/progress.server");
  const { standingReportPage, standingScope } = await import("../app/models/standing-report.server");
  const { readCredentialCatalogue } = await import("../app/models/catalogue.server");
  const standings = await standingsFor(someTrainee[0]!.id);
  check(standings.length > 0 && standings.every((s) => s.verdict), `standingsFor() evaluates ${standings.length} goal(s) of a bench trainee`);
  const { rows: board } = await pool.query<{ id: string }>(`SELECT id FROM "User" WHERE email = 'board@peerpath.example'`);
  const { rows: grants } = await pool.query<{ role: "BOARD_MEMBER"; jurisdictionId: string | null }>(
    `SELECT role, "jurisdictionId" FROM "RoleAssignment" WHERE "userId" = $1`,
    [board[0]!.id],
  );
  const scope = standingScope(await readCredentialCatalogue(), grants);
  const report = await standingReportPage({ credentialTypeIds: scope.credentialTypeIds }, { skip: 0, take: 50 });
  check(report.total > 0 && report.rows.length > 0, `the IC&RC board's standing report has ${report.total} rows (first page ${report.rows.length})`);

  console.log("\n3. Sessions made in the database are valid lucia sessions");
  const sessions = new Sessions(pool);
  const [sessionId] = await sessions.create([someTrainee[0]!.id]);
  const { lucia } = await import("../app/utils/auth.server");
  const validated = await lucia.validateSession(sessionId!);
  check(validated.user?.id === someTrainee[0]!.id && validated.session && !validated.session.fresh, "lucia validates the session, without renewing it");
  await sessions.cleanup();
  check((await count(pool, `SELECT count(*) FROM "Session"`)) === 0, "the bench's sessions are deleted afterwards");

  console.log("\n4. A second run with the same size is skipped");
  const second = await generateDataSet(pool, size);
  check(second.skipped, `skipped: ${second.summary.join(" ")}`);
  const other = await generateDataSet(pool, sizeForTrainees(trainees + 1)).then(
    () => null,
    (error: Error) => error.message,
  );
  check(other?.includes("another size"), "another size is refused with advice to delete the data dir");

  console.log(`\n5. Exam attempts into a "${EXAM_ATTEMPT_TABLE}" table read from information_schema`);
  const realExamTable = await tableExists(pool, EXAM_ATTEMPT_TABLE);
  if (realExamTable) {
    console.log(`  The schema has a real "${EXAM_ATTEMPT_TABLE}" table; step 1 filled it.`);
  } else {
    // A stand-in shaped like a plausible Prisma model, only in this throwaway database: it shows the
    // generator filling a table it learns at run time (foreign key to User, enum, counters, JSON...).
    await pool.query(`CREATE TYPE "BenchSmokeAttemptStatus" AS ENUM ('IN_PROGRESS', 'SUBMITTED', 'SCORED')`);
    await pool.query(`CREATE TABLE "${EXAM_ATTEMPT_TABLE}" (
      "id" TEXT NOT NULL PRIMARY KEY,
      "traineeId" TEXT NOT NULL REFERENCES "User"("id"),
      "credentialTypeId" TEXT NOT NULL REFERENCES "CredentialType"("id"),
      "attemptNumber" INTEGER NOT NULL,
      "status" "BenchSmokeAttemptStatus" NOT NULL,
      "answers" JSONB NOT NULL,
      "itemIds" TEXT[],
      "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
      "submittedAt" TIMESTAMP(3),
      "scaledScore" INTEGER,
      "passed" BOOLEAN,
      "voidedAt" TIMESTAMP(3),
      "updatedAt" TIMESTAMP(3) NOT NULL,
      UNIQUE ("traineeId", "credentialTypeId", "attemptNumber"))`);
  }
  const third = await generateDataSet(pool, size);
  for (const line of third.summary) console.log(`     ${line}`);
  const attempts = await count(pool, `SELECT count(*) FROM "${EXAM_ATTEMPT_TABLE}"`);
  check(attempts > 0 && attempts <= size.examAttempts, `${attempts} of ${size.examAttempts} exam attempts inserted (unique clashes skipped)`);
  const marker = await pool.query<{ value: string }>(`SELECT value FROM "AppSetting" WHERE key = $1`, [MARKER_KEY]);
  check(JSON.parse(marker.rows[0]!.value).exam.status === "generated", "the marker now records the exam attempts");
  check((await generateDataSet(pool, size)).skipped, "and a further run is skipped");
  if (realExamTable) {
    // The app's own exam code reads a generated attempt: its form, score and result parse.
    const { rows: sample } = await pool.query<{ id: string; candidateId: string }>(
      `SELECT id, "candidateId" FROM "${EXAM_ATTEMPT_TABLE}" ORDER BY id LIMIT 1`,
    );
    check(
      (await count(pool, `SELECT count(*) FROM "${EXAM_ATTEMPT_TABLE}" WHERE status::text <> 'SUBMITTED' OR "submittedAt" IS NULL OR jsonb_array_length(form) = 0`)) === 0,
      "every generated attempt is submitted, dated and has a drawn form",
    );
    const { attemptResult, examsForCandidate } = await import("../app/models/exam-attempt.server");
    const result = await attemptResult(sample[0]!.id, sample[0]!.candidateId);
    check(
      result !== null && result.maxScore > 0 && result.domains.length > 0 && result.domains.reduce((sum, d) => sum + d.total, 0) === result.maxScore,
      `attemptResult() reads a generated attempt: ${result?.rawScore}/${result?.maxScore}, scaled ${result?.scaledScore}, passed ${result?.passed}`,
    );
    const exams = await examsForCandidate(sample[0]!.candidateId);
    check(Array.isArray(exams), `examsForCandidate() lists ${exams.length} exam(s) for the attempt's trainee`);
  }

  console.log("\n6. The generic filler on a table it has never seen (a stand-in, only in this throwaway database)");
  await pool.query(`CREATE TYPE "BenchSmokeStatus" AS ENUM ('IN_PROGRESS', 'SUBMITTED', 'SCORED')`);
  await pool.query(`CREATE TABLE "BenchSmokeGeneric" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "traineeId" TEXT NOT NULL REFERENCES "User"("id"),
    "credentialTypeId" TEXT NOT NULL REFERENCES "CredentialType"("id"),
    "attemptNumber" INTEGER NOT NULL,
    "status" "BenchSmokeStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "answers" JSONB NOT NULL,
    "itemIds" TEXT[],
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "scaledScore" INTEGER,
    "passed" BOOLEAN,
    "voidedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    UNIQUE ("traineeId", "credentialTypeId", "attemptNumber"))`);
  const { rows: owners } = await pool.query<{ id: string }>(`SELECT id FROM "User" WHERE email LIKE $1`, [`%@${BENCH_EMAIL_DOMAIN}`]);
  const client = await pool.connect();
  client.on("error", (error) => console.error(`  (database connection closed: ${error.message})`));
  try {
    let seed = 42;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const outcome = await fillTable(client, "BenchSmokeGeneric", 3_000, owners.map((o) => o.id), rand, { progressLabel: "generic rows" });
    check(outcome.status === "generated" && outcome.rows > 0, `fillTable() inserted ${outcome.status === "generated" ? outcome.rows : 0} of 3000 rows (${JSON.stringify(outcome)})`);
  } finally {
    client.release();
  }
  check(
    (await count(pool, `SELECT count(*) FROM "BenchSmokeGeneric" WHERE (status = 'IN_PROGRESS') <> ("submittedAt" IS NULL)`)) === 0,
    "open rows have no end time, finished ones do",
  );
  check((await count(pool, `SELECT count(*) FROM "BenchSmokeGeneric" WHERE "voidedAt" IS NOT NULL`)) === 0, "rare-event columns stay NULL");
  check((await count(pool, `SELECT count(DISTINCT "attemptNumber") FROM "BenchSmokeGeneric"`)) > 1, "attempt numbers count up per trainee");
  console.log("\nSmoke run passed.");
} catch (error) {
  failed = true;
  console.error((error as Error).stack ?? String(error));
} finally {
  await pool?.end();
  // The app's own pool too (its models read through it): idle connections would report the stop.
  const app = await import("../app/utils/db.server").catch(() => null);
  await app?.prisma.$disconnect().catch(() => {});
  await app?.databasePool.end().catch(() => {});
  await database.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(`Stopped the throwaway PostgreSQL and deleted ${path.relative(ROOT, dataDir)}.`);
}
process.exit(failed ? 1 : 0);
