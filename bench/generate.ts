// Generates a large, deterministic data set for the benchmarks straight into PostgreSQL with `pg`:
// trainees (one pre-hashed password shared by all), modules up to 50, a million ledger entries, goals
// toward the seeded credentials and, when the table exists, exam attempts. Rows go in as multi-row
// INSERT ... SELECT FROM unnest(...) batches inside one transaction, so an interrupted run leaves
// nothing half-made. A marker row (AppSetting "bench-data") records the size; a second run with the
// same size does nothing.
//
// Run on its own against a database that the server has started once (migrated, content synced, demo
// accounts seeded):
//   npx tsx bench/generate.ts --database-url postgresql://peerpath:peerpath@localhost:5433/peerpath [--trainees 10000]
import crypto from "node:crypto";
import { pathToFileURL } from "node:url";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { COURSE_DOMAIN_KEYS } from "../app/domain/course-domains";
import { assembleForm, type BankItem, type FormEntry } from "../app/domain/exam-assembly";
import { ModuleContentSchema, bodyProblems, splitSections, type ModuleContent } from "../app/domain/module-content";
import { contentFields } from "../app/domain/module-versions";
import { renderMarkdown } from "../app/utils/markdown.server";
import { ProgressBar } from "./progress";

export type DataSetSize = { trainees: number; ledgerEntries: number; modules: number; examAttempts: number };

/** The data set of the issue: 10,000 trainees, 50 modules, 1,000,000 ledger entries, 100,000 exam attempts. */
export const FULL_SIZE: DataSetSize = { trainees: 10_000, ledgerEntries: 1_000_000, modules: 50, examAttempts: 100_000 };

/** A data set in the same proportions as FULL_SIZE for any number of trainees (the --scale mode). */
export function sizeForTrainees(trainees: number): DataSetSize {
  return {
    trainees,
    ledgerEntries: Math.round((trainees * FULL_SIZE.ledgerEntries) / FULL_SIZE.trainees),
    modules: FULL_SIZE.modules,
    examAttempts: Math.round((trainees * FULL_SIZE.examAttempts) / FULL_SIZE.trainees),
  };
}

export const BENCH_PASSWORD = "bench-trainee-password";
export const BENCH_EMAIL_DOMAIN = "bench.peerpath.example";
export const BENCH_MODULE_PREFIX = "bench-module-";
export const MARKER_KEY = "bench-data";
export const EXAM_ATTEMPT_TABLE = "ExamAttempt";
const GENERATOR_VERSION = 1;

const traineeEmail = (index: number) => `bench-trainee-${String(index).padStart(6, "0")}@${BENCH_EMAIL_DOMAIN}`;

type ExamOutcome = { status: "generated"; rows: number } | { status: "skipped"; reason: string } | { status: "not-requested" };
type Marker = { version: number; size: DataSetSize; exam: ExamOutcome; generatedAt: string };

export type GenerateResult = { skipped: boolean; summary: string[] };

// ---------------------------------------------------------------------------------------------
// Deterministic randomness, ids and small helpers.

/** mulberry32: a tiny seeded PRNG so two generations of one size produce the same rows. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rand = () => number;

const between = (rand: Rand, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const pick = <T>(rand: Rand, values: readonly T[]) => values[Math.floor(rand() * values.length)]!;
function weighted<T>(rand: Rand, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rand() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table[table.length - 1]![0];
}

/**
 * cuid-shaped ids (25 characters, starting with "c"): a 4-letter table tag, a rising counter and a
 * random tail. Rising like Prisma's cuid, so the primary-key indexes fill in order as they do in life.
 */
function idFactory(tag: string, rand: Rand) {
  let counter = 0;
  return () => {
    let tail = "";
    for (let i = 0; i < 8; i++) tail += Math.floor(rand() * 36).toString(36);
    return `c${tag}${(counter++).toString(36).padStart(12, "0")}${tail}`;
  };
}

const DAY = 86_400_000;
/** Timestamps go in as ISO strings cast to `timestamp`, which keeps them UTC as Prisma stores them. */
const iso = (time: number) => new Date(time).toISOString();
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** A PostgreSQL array literal for a text[] or int[] value passed inside a text[] parameter. */
function arrayLiteral(values: readonly (string | number)[]) {
  return `{${values.map((value) => (typeof value === "number" ? String(value) : `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)).join(",")}}`;
}

/** Columns of one batch, each an array passed as one parameter to unnest. */
class Batch {
  readonly columns: unknown[][];
  constructor(width: number) {
    this.columns = Array.from({ length: width }, () => []);
  }
  push(...values: unknown[]) {
    values.forEach((value, index) => this.columns[index]!.push(value));
  }
  get size() {
    return this.columns[0]!.length;
  }
  clear() {
    for (const column of this.columns) column.length = 0;
  }
}

async function flush(client: pg.PoolClient, sql: string, batch: Batch, progress?: ProgressBar) {
  if (!batch.size) return 0;
  const result = await client.query(sql, batch.columns);
  const count = batch.size;
  progress?.tick(count);
  batch.clear();
  return result.rowCount ?? count;
}

// ---------------------------------------------------------------------------------------------
// Names and module text.

const FIRST_NAMES = [
  "Avery", "Blake", "Carmen", "Dana", "Elliot", "Farah", "Gabriel", "Hana", "Isaac", "Jordan", "Keisha", "Luis", "Maya",
  "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samuel", "Tanya", "Uma", "Victor", "Wendy", "Xavier", "Yara", "Zane",
  "Aisha", "Bruno", "Chloe", "Deshawn", "Esther", "Felix", "Grace", "Hector", "Ivy", "Jamal", "Kira", "Leon", "Mei",
];
const LAST_NAMES = [
  "Abbott", "Banks", "Castillo", "Diaz", "Edwards", "Foster", "Garcia", "Hughes", "Ibrahim", "Jensen", "Kim", "Lopez",
  "Morgan", "Nguyen", "Owens", "Patel", "Quintero", "Rivera", "Singh", "Thompson", "Underwood", "Vasquez", "Walker",
  "Xu", "Young", "Zimmerman", "Adeyemi", "Brooks", "Chen", "Dubois", "Ellis", "Fischer", "Gonzalez", "Harris",
];
const WORDS = (
  "recovery peer support listening trust choice hope community person wellness strengths goals plan story boundaries " +
  "respect dignity advocacy resources family housing employment health conversation reflection question change " +
  "motivation safety crisis culture humility ethics confidentiality supervision self-care documentation referral " +
  "relationship mutuality lived experience empowerment pathway connection resilience values"
).split(" ");

function sentence(rand: Rand) {
  const words = Array.from({ length: between(rand, 9, 18) }, () => pick(rand, WORDS));
  const text = words.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}
const paragraph = (rand: Rand) => Array.from({ length: between(rand, 4, 7) }, () => sentence(rand)).join(" ");

/** A module as an instructor would write it, about the size of the real ones (~16 KB of Markdown). */
function generatedModule(index: number, rand: Rand): ModuleContent {
  const topic = `${pick(rand, WORDS)} and ${pick(rand, WORDS)}`;
  const sectionTitles = ["Why this matters", "Core ideas", "Putting it into practice", "Common pitfalls", "Case vignette: a first conversation", "Reflection"];
  const body = sectionTitles
    .map((title) => {
      const paragraphs = Array.from({ length: 5 }, () => paragraph(rand));
      const list = Array.from({ length: 4 }, () => `- **${pick(rand, WORDS)}**: ${sentence(rand)}`).join("\n");
      return `## ${title}\n\n${paragraphs.slice(0, 3).join("\n\n")}\n\n${list}\n\n${paragraphs.slice(3).join("\n\n")}\n`;
    })
    .join("\n");
  const domainCount = between(rand, 1, 2);
  const domains = [...COURSE_DOMAIN_KEYS]
    .sort(() => rand() - 0.5)
    .slice(0, domainCount)
    .map((domain) => ({ domain, hours: between(rand, 2, 12) / 4 }));
  const questions = Array.from({ length: 8 }, (_, q) => {
    const correct = between(rand, 0, 3);
    return {
      prompt: `Question ${q + 1} about ${topic}: ${sentence(rand)}`,
      options: Array.from({ length: 4 }, (_, o) => ({
        text: sentence(rand),
        correct: o === correct,
        feedback: o === correct ? `Correct. ${sentence(rand)}` : `Not quite. ${sentence(rand)}`,
      })),
    };
  });
  const content: ModuleContent = {
    title: `Bench module ${index}: ${topic}`,
    summary: `A generated module for performance tests about ${topic}. ${sentence(rand)}`,
    estimatedMinutes: 60 + 15 * between(rand, 0, 8),
    passMark: 80,
    domains,
    competencies: [...new Set(Array.from({ length: 4 }, () => between(rand, 1, 12)))],
    objectives: Array.from({ length: 4 }, () => sentence(rand)),
    questions,
    body,
  };
  const parsed = ModuleContentSchema.parse(content);
  const problems = bodyProblems(parsed.body);
  if (problems.length) throw new Error(`generated module ${index} is not valid: ${problems.join("; ")}`);
  return parsed;
}

/** Same fingerprint as contentHash in app/models/module.server.ts (not imported: that file opens a Prisma client). */
function contentHash(content: ModuleContent) {
  const canonical = JSON.stringify(contentFields(content));
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

// ---------------------------------------------------------------------------------------------
// The generator.

const sameSize = (a: DataSetSize, b: DataSetSize) =>
  a.trainees === b.trainees && a.ledgerEntries === b.ledgerEntries && a.modules === b.modules && a.examAttempts === b.examAttempts;
export const describeSize = (size: DataSetSize) =>
  `${size.trainees.toLocaleString("en-US")} trainees, ${size.ledgerEntries.toLocaleString("en-US")} ledger entries, ` +
  `${size.modules} modules, ${size.examAttempts.toLocaleString("en-US")} exam attempts`;

async function readMarker(client: pg.PoolClient): Promise<Marker | null> {
  const { rows } = await client.query<{ value: string }>(`SELECT value FROM "AppSetting" WHERE key = $1`, [MARKER_KEY]);
  if (!rows[0]) return null;
  try {
    return JSON.parse(rows[0].value) as Marker;
  } catch {
    return null;
  }
}

async function writeMarker(client: pg.PoolClient, marker: Marker) {
  await client.query(
    `INSERT INTO "AppSetting" (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [MARKER_KEY, JSON.stringify(marker)],
  );
}

export async function tableExists(db: pg.Pool | pg.PoolClient, table: string) {
  const { rows } = await db.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  return rows.length > 0;
}

export async function generateDataSet(
  pool: pg.Pool,
  size: DataSetSize,
  options: { log?: (line: string) => void; seed?: number } = {},
): Promise<GenerateResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const client = await pool.connect();
  // A connection the server drops (it was stopped, say) rejects the query in flight; without a
  // listener the same error would also be thrown as an unhandled 'error' event and kill the process.
  const onConnectionError = (error: Error) => log(`Database connection lost: ${error.message}`);
  client.on("error", onConnectionError);
  try {
    const marker = await readMarker(client);
    if (marker && (marker.version !== GENERATOR_VERSION || !sameSize(marker.size, size))) {
      throw new Error(
        `This database already holds a bench data set of another size (${describeSize(marker.size)}, generator v${marker.version}); ` +
          `asked for ${describeSize(size)}. Delete its DATA_DIR (or run the bench with --fresh) and try again.`,
      );
    }
    if (marker) {
      // The same data set is there. Exam attempts may still be missing if the table arrived since.
      if (marker.exam.status === "skipped" && size.examAttempts > 0) {
        const outcome = await inTransaction(client, () => generateExamAttempts(client, size, options.seed ?? 1, log));
        if (outcome.status === "generated") {
          await writeMarker(client, { ...marker, exam: outcome });
          await vacuumAnalyze(client, [EXAM_ATTEMPT_TABLE]);
          return { skipped: false, summary: [`Bench data already present; added ${outcome.rows.toLocaleString("en-US")} exam attempts.`] };
        }
        return { skipped: true, summary: [`Bench data already present (${describeSize(size)}).`, `Exam attempts: skipped (${outcome.status === "skipped" ? outcome.reason : outcome.status}).`] };
      }
      return { skipped: true, summary: [`Bench data already present (${describeSize(size)}); generation skipped.`] };
    }
    const { rows: leftovers } = await client.query(`SELECT 1 FROM "User" WHERE email LIKE $1 LIMIT 1`, [`%@${BENCH_EMAIL_DOMAIN}`]);
    if (leftovers.length) {
      throw new Error(`This database holds bench trainees but no "${MARKER_KEY}" marker. Delete its DATA_DIR (or run the bench with --fresh).`);
    }

    const started = Date.now();
    log(`Generating ${describeSize(size)}...`);
    const passwordHash = await hash(BENCH_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const summary: string[] = [];
    const exam = await inTransaction(client, async () => {
      await client.query(`SET LOCAL synchronous_commit = off`);
      summary.push(...(await generateCore(client, size, passwordHash, options.seed ?? 1)));
      const outcome = size.examAttempts > 0 ? await generateExamAttempts(client, size, options.seed ?? 1, log) : ({ status: "not-requested" } as const);
      await writeMarker(client, { version: GENERATOR_VERSION, size, exam: outcome, generatedAt: new Date().toISOString() });
      return outcome;
    });
    summary.push(
      exam.status === "generated"
        ? `Exam attempts: ${exam.rows.toLocaleString("en-US")} rows in "${EXAM_ATTEMPT_TABLE}".`
        : exam.status === "skipped"
          ? `Exam attempts: skipped (${exam.reason}).`
          : "Exam attempts: none requested.",
    );
    log("Vacuuming and analysing the generated tables...");
    await vacuumAnalyze(client, ["User", "RoleAssignment", "Module", "ModuleVersion", "AuditEvent", "TraineeGoal", "LedgerEntry", ...(exam.status === "generated" ? [EXAM_ATTEMPT_TABLE] : [])]);
    summary.push(`Generated in ${((Date.now() - started) / 1000).toFixed(1)} s. Every bench trainee's password: ${BENCH_PASSWORD}`);
    return { skipped: false, summary };
  } finally {
    client.off("error", onConnectionError);
    client.release();
  }
}

async function inTransaction<T>(client: pg.PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

async function vacuumAnalyze(client: pg.PoolClient, tables: string[]) {
  for (const table of tables) await client.query(`VACUUM (ANALYZE) "${table}"`);
  // Write the new pages out now: otherwise the checkpointer spreads several hundred MB of writes over
  // the next minutes, under the first scenarios measured. Needs a superuser (or pg_checkpoint), as the
  // embedded database's owner is; elsewhere the writes stay where PostgreSQL puts them.
  await client.query("CHECKPOINT").catch(() => {});
}

type Lookups = {
  supervisorId: string | null;
  instructorId: string | null;
  externalReviewJurisdictionId: string | null;
  credentialTypes: { id: string; key: string }[];
  existingModules: number;
};

async function lookups(client: pg.PoolClient): Promise<Lookups> {
  const userId = async (email: string) =>
    (await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email])).rows[0]?.id ?? null;
  const { rows: credentialTypes } = await client.query<{ id: string; key: string }>(
    `SELECT ct.id, j.code || ':' || ct.code AS key FROM "CredentialType" ct JOIN "Jurisdiction" j ON j.id = ct."jurisdictionId" ORDER BY key`,
  );
  const { rows: jurisdictions } = await client.query<{ id: string }>(`SELECT id FROM "Jurisdiction" WHERE code = 'ICRC'`);
  const { rows: modules } = await client.query<{ count: string }>(`SELECT count(*) FROM "Module" WHERE slug NOT LIKE $1`, [`${BENCH_MODULE_PREFIX}%`]);
  return {
    supervisorId: await userId("supervisor@peerpath.example"),
    instructorId: await userId("instructor@peerpath.example"),
    externalReviewJurisdictionId: jurisdictions[0]?.id ?? null,
    credentialTypes,
    existingModules: Number(modules[0]!.count),
  };
}

/** How often a trainee works toward each seeded credential; every trainee has at least one goal. */
const GOAL_ODDS: Record<string, number> = { "ICRC:PR": 0.6, "KY:APSS": 0.4, "PA:CPS": 0.3, "FL:CRPS": 0.2 };

async function generateCore(client: pg.PoolClient, size: DataSetSize, passwordHash: string, seed: number): Promise<string[]> {
  const rand = prng(seed);
  const found = await lookups(client);
  if (!found.credentialTypes.length) throw new Error("No credential types in the database: start the server once so it syncs content/ first.");
  const missing = Object.keys(GOAL_ODDS).filter((key) => !found.credentialTypes.some((c) => c.key === key));
  const now = Date.now();
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());

  // Trainees and their TRAINEE role.
  const userId = idFactory("bnus", rand);
  const roleId = idFactory("bnra", rand);
  const trainees: { id: string; created: number }[] = [];
  const userSql = `INSERT INTO "User" (id, email, name, "passwordHash", "createdAt", "updatedAt")
    SELECT id, email, name, $4, created, created FROM unnest($1::text[], $2::text[], $3::text[], $5::timestamp[]) AS t(id, email, name, created)`;
  const roleSql = `INSERT INTO "RoleAssignment" (id, "userId", role, "jurisdictionId", "createdAt")
    SELECT id, "userId", 'TRAINEE'::"Role", NULL, created FROM unnest($1::text[], $2::text[], $3::timestamp[]) AS t(id, "userId", created)`;
  const users = new Batch(4);
  const roles = new Batch(3);
  let progress = new ProgressBar("trainees", size.trainees);
  for (let i = 1; i <= size.trainees; i++) {
    const id = userId();
    const created = today - between(rand, 30, 3 * 365) * DAY + between(rand, 0, DAY - 1);
    trainees.push({ id, created });
    users.push(id, traineeEmail(i), `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`, iso(created));
    roles.push(roleId(), id, iso(created));
    if (users.size >= 5_000) {
      const [a, b, c, d] = users.columns;
      await client.query(userSql, [a, b, c, passwordHash, d]);
      await flush(client, roleSql, roles, progress);
      users.clear();
    }
  }
  if (users.size) {
    const [a, b, c, d] = users.columns;
    await client.query(userSql, [a, b, c, passwordHash, d]);
    await flush(client, roleSql, roles, progress);
    users.clear();
  }
  progress.finish();

  // Modules up to the size asked, each with one published version shaped like publishVersion's.
  const toCreate = Math.max(0, size.modules - found.existingModules);
  const moduleId = idFactory("bnmo", rand);
  const versionId = idFactory("bnmv", rand);
  const auditId = idFactory("bnau", rand);
  const modules = new Batch(2);
  const versions = new Batch(16);
  const audits = new Batch(4);
  for (let i = 1; i <= toCreate; i++) {
    const content = generatedModule(i, rand);
    const mId = moduleId();
    const vId = versionId();
    const published = iso(today - between(rand, 60, 700) * DAY);
    modules.push(mId, `${BENCH_MODULE_PREFIX}${String(i).padStart(2, "0")}`);
    versions.push(
      vId, mId, content.title, content.summary, content.estimatedMinutes, content.passMark, JSON.stringify(content.domains),
      arrayLiteral(content.competencies), arrayLiteral(content.objectives), content.body,
      JSON.stringify(splitSections(content.body).map((section) => ({ title: section.title, html: renderMarkdown(section.markdown) }))),
      JSON.stringify(content.questions), contentHash(content), published, found.instructorId, "editor",
    );
    audits.push(auditId(), vId, JSON.stringify({ moduleId: mId, version: 1, source: "editor" }), published);
  }
  await flush(client, `INSERT INTO "Module" (id, slug) SELECT * FROM unnest($1::text[], $2::text[])`, modules);
  await flush(
    client,
    `INSERT INTO "ModuleVersion" (id, "moduleId", version, title, summary, "estimatedMinutes", "passMark", domains, competencies,
       objectives, body, sections, questions, "contentHash", "publishedAt", "publishedById", source)
     SELECT id, "moduleId", 1, title, summary, minutes, "passMark", domains::jsonb, competencies::int[], objectives::text[], body,
       sections::jsonb, questions::jsonb, hash, published, publisher, source
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[],
       $10::text[], $11::text[], $12::text[], $13::text[], $14::timestamp[], $15::text[], $16::text[])
       AS t(id, "moduleId", title, summary, minutes, "passMark", domains, competencies, objectives, body, sections, questions, hash, published, publisher, source)`,
    versions,
  );
  await client.query(
    `INSERT INTO "AuditEvent" (id, "actorId", action, "subjectType", "subjectId", details, "createdAt")
     SELECT id, $5, 'module.published', 'ModuleVersion', subject, details::jsonb, created
     FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp[]) AS t(id, subject, details, created)`,
    [...audits.columns, found.instructorId],
  );

  // Goals toward the seeded credentials.
  const goalId = idFactory("bngo", rand);
  const goals = new Batch(4);
  const goalSql = `INSERT INTO "TraineeGoal" (id, "traineeId", "credentialTypeId", "createdAt")
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp[])`;
  const fallback = found.credentialTypes.find((c) => c.key === "ICRC:PR") ?? found.credentialTypes[0]!;
  let goalCount = 0;
  progress = new ProgressBar("goals", size.trainees);
  for (const trainee of trainees) {
    let chosen = found.credentialTypes.filter((c) => rand() < (GOAL_ODDS[c.key] ?? 0.1));
    if (!chosen.length) chosen = [fallback];
    for (const credential of chosen) goals.push(goalId(), trainee.id, credential.id, iso(trainee.created + between(rand, 0, 20) * DAY));
    goalCount += chosen.length;
    if (goals.size >= 10_000) {
      await client.query(goalSql, goals.columns);
      goals.clear();
    }
    progress.tick(1);
  }
  if (goals.size) await client.query(goalSql, goals.columns);
  progress.finish();

  // Ledger entries: every trainee gets some, between 20% and 180% of the average, in the past.
  const weights = trainees.map(() => 0.2 + rand() * 1.6);
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const counts = weights.map((weight) => Math.floor((size.ledgerEntries * weight) / weightSum));
  let remainder = size.ledgerEntries - counts.reduce((sum, count) => sum + count, 0);
  for (let i = 0; remainder > 0; i = (i + 1) % counts.length, remainder--) counts[i]! += 1;

  const ledgerId = idFactory("bnle", rand);
  const ledger = new Batch(16);
  const ledgerSql = `INSERT INTO "LedgerEntry" (id, "traineeId", kind, status, source, "courseDomain", minutes, "occurredOn", description,
      setting, provider, "supervisorId", "reviewJurisdictionId", "reviewedById", "reviewedAt", "createdById", "createdAt", "updatedAt")
    SELECT id, trainee, kind::"LedgerKind", status::"LedgerStatus", source::"LedgerSource", domain, minutes, occurred, description,
      setting, provider, supervisor, jurisdiction, reviewer, reviewed, trainee, created, created
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::date[], $9::text[],
      $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::timestamp[], $16::timestamp[])
      AS t(id, trainee, kind, status, source, domain, minutes, occurred, description, setting, provider, supervisor, jurisdiction, reviewer, reviewed, created)`;
  const KINDS = [["TRAINING", 40], ["EXPERIENCE", 35], ["SUPERVISED", 15], ["CONTINUING_EDUCATION", 10]] as const;
  const STATUSES = [["APPROVED", 70], ["PENDING", 15], ["REJECTED", 5], ["CHANGES_REQUESTED", 5], ["VOIDED", 5]] as const;
  const TRAINING_SOURCES = [["MODULE_COMPLETION", 50], ["LIVE_SESSION", 30], ["EXTERNAL_CERTIFICATE", 20]] as const;
  progress = new ProgressBar("ledger entries", size.ledgerEntries);
  for (let t = 0; t < trainees.length; t++) {
    const trainee = trainees[t]!;
    const span = Math.max(1, Math.floor((today - trainee.created) / DAY));
    for (let k = 0; k < counts[t]!; k++) {
      const kind = weighted(rand, KINDS);
      const occurred = today - between(rand, 1, span) * DAY;
      const created = occurred + between(rand, 1, 36) * 3_600_000;
      let source: string;
      let status: string = weighted(rand, STATUSES);
      let domain: string | null = null;
      let minutes: number;
      let setting: string | null = null;
      let provider: string | null = null;
      let supervisor: string | null = null;
      let jurisdiction: string | null = null;
      let description: string;
      if (kind === "TRAINING" || kind === "CONTINUING_EDUCATION") {
        source = kind === "TRAINING" ? weighted(rand, TRAINING_SOURCES) : rand() < 0.7 ? "EXTERNAL_CERTIFICATE" : "LOGGED";
        domain = pick(rand, COURSE_DOMAIN_KEYS);
        minutes = 15 * between(rand, 2, 16);
        if (source === "MODULE_COMPLETION" || source === "LIVE_SESSION") status = rand() < 0.97 ? "APPROVED" : "VOIDED";
        if (source === "EXTERNAL_CERTIFICATE") {
          provider = "Bench Training Institute";
          jurisdiction = found.externalReviewJurisdictionId;
        }
        description = source === "MODULE_COMPLETION" ? "Completed a course module" : source === "LIVE_SESSION" ? "Attended a live session" : "Training taken elsewhere";
      } else {
        source = "LOGGED";
        minutes = 15 * between(rand, 4, 32);
        setting = "Bench Recovery Community Center";
        supervisor = found.supervisorId;
        description = kind === "EXPERIENCE" ? "Peer support shifts at the drop-in center" : "Supervised practice with a peer";
      }
      const decided = status !== "PENDING";
      const reviewer = decided && supervisor ? supervisor : null;
      const reviewed = reviewer ? iso(created + between(rand, 1, 10) * DAY) : null;
      ledger.push(ledgerId(), trainee.id, kind, status, source, domain, minutes, isoDay(occurred), description, setting, provider, supervisor, jurisdiction, reviewer, reviewed, iso(created));
      if (ledger.size >= 10_000) await flush(client, ledgerSql, ledger, progress);
    }
  }
  await flush(client, ledgerSql, ledger, progress);
  progress.finish();

  return [
    `Trainees: ${size.trainees.toLocaleString("en-US")} (emails ${traineeEmail(1)} ... ${traineeEmail(size.trainees)}).`,
    `Modules: ${toCreate} generated (${found.existingModules} from content/ already there).`,
    `Goals: ${goalCount.toLocaleString("en-US")} toward ${found.credentialTypes.map((c) => c.key).join(", ")}` +
      (missing.length ? ` (not found, so no goals: ${missing.join(", ")})` : "") + ".",
    `Ledger entries: ${size.ledgerEntries.toLocaleString("en-US")}.`,
  ];
}

// ---------------------------------------------------------------------------------------------
// Exam attempts: the table is not in every tree, so its shape is read at run time.
//
// Every generated attempt is a finished (submitted) one. An in-progress attempt has a deadline, and the
// app submits an attempt whose deadline has passed when it is next read: stored in-progress attempts
// would all expire within the hour and turn later benchmark reads into writes. The answer-save scenario
// therefore starts its own attempts at run time (see bench/scenarios.ts).

async function generateExamAttempts(client: pg.PoolClient, size: DataSetSize, seed: number, log: (line: string) => void): Promise<ExamOutcome> {
  if (!(await tableExists(client, EXAM_ATTEMPT_TABLE))) {
    const reason = `no "${EXAM_ATTEMPT_TABLE}" table in this database yet`;
    log(`Exam attempts skipped: ${reason}.`);
    return { status: "skipped", reason };
  }
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email LIKE $1 ORDER BY id`, [`%@${BENCH_EMAIL_DOMAIN}`]);
  const rand = prng(seed + 7);
  const hints = await examAttemptHints(client, rand, log);
  const outcome = await fillTable(client, EXAM_ATTEMPT_TABLE, size.examAttempts, rows.map((row) => row.id), rand, { finishedShare: 1, hints });
  if (outcome.status === "skipped") log(`Exam attempts skipped: ${outcome.reason}.`);
  return outcome;
}

type ColumnInfo = {
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
  is_identity: "YES" | "NO";
  is_generated: string;
};

/** What a column's value may depend on: the row's owner (a bench trainee), its time, and earlier columns. */
export type RowContext = {
  ownerId: string;
  /** 1 for the owner's first row in this table, 2 for the second... */
  ownerRow: number;
  /** The row's moment: when it started. */
  base: number;
  /** A finished row (submitted, scored) rather than one still open. */
  finished: boolean;
  /** Values already chosen for this row, by column. */
  values: Map<string, string | null>;
  /** Anything a hint wants to share with later hints of the same row. */
  scratch: Record<string, unknown>;
};
/** A value for one column as text (cast to the column's type in SQL), or null. */
export type ColumnHint = (row: RowContext) => string | null;

const FINISHED_LABEL = /SUBMIT|SCORED|COMPLETE|FINISH|PASS|FAIL|GRADED|CLOSED|DONE/i;
const RARE_EVENT = /deleted|voided|revoked|cancel|expire|invalid|flag|lock|abandon/i;
const FILLABLE_WHEN_NULLABLE = new Set(["timestamp", "timestamptz", "date", "int2", "int4", "int8", "numeric", "float4", "float8", "bool"]);

/**
 * Inserts `count` rows into a table whose shape is read from information_schema at run time.
 *
 * - NOT NULL columns without a default are filled by type and a few name hints; so are enum and
 *   time columns that have a default (a status or a start time should vary, not all be the default).
 *   Other columns with a default are left to it; identity and generated columns always are.
 * - Nullable times, numbers and booleans are filled on finished rows (share `finishedShare`) and
 *   left NULL on open ones, unless their name says they record a rare event (voided, deleted...).
 *   Other nullable columns stay NULL.
 * - A foreign key to "User" gets the row's bench trainee; a NOT NULL foreign key to another table
 *   gets one of its existing rows (none: the table is skipped, and the reason given).
 * - `hints` (column name to function, applied in order after the rules above) give columns whose
 *   meaning a type cannot tell; hints for columns the table does not have are ignored.
 * - Unique clashes are skipped (ON CONFLICT DO NOTHING); the rows actually inserted are counted.
 */
export async function fillTable(
  client: pg.PoolClient,
  table: string,
  count: number,
  userIds: readonly string[],
  rand: Rand,
  options: { finishedShare?: number; hints?: [string, ColumnHint][]; progressLabel?: string } = {},
): Promise<ExamOutcome> {
  const finishedShare = options.finishedShare ?? 0.9;
  const { rows: columns } = await client.query<ColumnInfo>(
    `SELECT column_name, data_type, udt_name, is_nullable, column_default, is_identity, is_generated
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  const { rows: foreignKeys } = await client.query<{ column_name: string; ref_table: string; ref_column: string }>(
    `SELECT kcu.column_name, ccu.table_name AS ref_table, ccu.column_name AS ref_column
     FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
     JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
     WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = $1`,
    [table],
  );
  const enumNames = [...new Set(columns.filter((c) => c.data_type === "USER-DEFINED").map((c) => c.udt_name))];
  const { rows: enumRows } = await client.query<{ typname: string; enumlabel: string }>(
    `SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typname = ANY($1::text[]) ORDER BY t.typname, e.enumsortorder`,
    [enumNames],
  );
  const enumLabels = new Map<string, string[]>();
  for (const row of enumRows) enumLabels.set(row.typname, [...(enumLabels.get(row.typname) ?? []), row.enumlabel]);
  if (!userIds.length) return { status: "skipped", reason: "no bench trainees to own the rows" };

  const hints = new Map((options.hints ?? []).filter(([name]) => columns.some((c) => c.column_name === name)));
  const userForeignKeys = foreignKeys.filter((fk) => fk.ref_table === "User");
  const owner = userForeignKeys.find((fk) => /trainee|user|candidate|taker|owner/i.test(fk.column_name)) ?? userForeignKeys[0] ?? null;
  const rowId = idFactory("bnex", rand);
  const castOf = (column: ColumnInfo) => (column.data_type === "ARRAY" ? `"${column.udt_name.slice(1)}"[]` : `"${column.udt_name}"`);
  const generic: { column: string; cast: string; value: ColumnHint }[] = [];

  for (const column of columns) {
    const name = column.column_name;
    if (hints.has(name) || column.is_identity === "YES" || column.is_generated === "ALWAYS") continue;
    const required = column.is_nullable === "NO";
    const hasDefault = column.column_default !== null;
    const kind = column.data_type === "ARRAY" ? "array" : column.data_type === "USER-DEFINED" ? "enum" : column.udt_name;
    const foreignKey = foreignKeys.find((fk) => fk.column_name === name);
    if (foreignKey) {
      if (foreignKey.ref_table === "User") {
        if ((owner && name === owner.column_name) || (required && !hasDefault)) generic.push({ column: name, cast: castOf(column), value: (row) => row.ownerId });
        continue;
      }
      if (!required || hasDefault) continue;
      const { rows: parents } = await client.query<{ value: string }>(
        `SELECT "${foreignKey.ref_column}"::text AS value FROM "${foreignKey.ref_table}" ORDER BY 1 LIMIT 1000`,
      );
      if (!parents.length) return { status: "skipped", reason: `"${table}"."${name}" must point at a row of "${foreignKey.ref_table}", which has none` };
      const values = parents.map((row) => row.value);
      generic.push({ column: name, cast: castOf(column), value: () => pick(rand, values) });
      continue;
    }
    if (hasDefault && !["enum", "timestamp", "timestamptz", "date"].includes(kind)) continue;
    if (!required && (RARE_EVENT.test(name) || !FILLABLE_WHEN_NULLABLE.has(kind))) continue;

    let make: ColumnHint | null = null;
    switch (kind) {
      case "text":
      case "varchar":
      case "bpchar":
        if (name === "id" || /Id$/.test(name)) make = () => rowId();
        else if (/email/i.test(name)) make = () => `someone@${BENCH_EMAIL_DOMAIN}`;
        else make = () => `bench ${name}`;
        break;
      case "uuid":
        make = () => crypto.randomUUID();
        break;
      case "int2":
      case "int4":
      case "int8":
        if (/number|attempt|seq|ordinal/i.test(name)) make = (row) => String(row.ownerRow);
        else if (/scaled/i.test(name)) make = () => String(between(rand, 200, 800));
        else if (/^max|total|count|questions|items/i.test(name)) make = () => String(between(rand, 40, 150));
        else if (/seconds/i.test(name)) make = () => String(between(rand, 1_800, 10_800));
        else if (/minutes/i.test(name)) make = () => String(between(rand, 30, 180));
        else make = () => String(between(rand, 0, 40));
        break;
      case "numeric":
      case "float4":
      case "float8":
        make = () => (rand() * 100).toFixed(1);
        break;
      case "bool":
        make = () => String(rand() < 0.6);
        break;
      case "timestamp":
      case "timestamptz":
      case "date": {
        const format = kind === "date" ? isoDay : iso;
        if (/deadline|due/i.test(name)) make = (row) => format(row.base + 3 * 3_600_000);
        else if (/submit|finish|complet|end|grade|score|closed|updated/i.test(name)) make = (row) => format(row.base + between(rand, 20, 90) * 60_000);
        else make = (row) => format(row.base);
        break;
      }
      case "json":
      case "jsonb":
        make = () => (/s$/.test(name) ? "[]" : "{}");
        break;
      case "array":
        make = () => "{}";
        break;
      case "bytea":
        make = () => "\\x";
        break;
      case "enum": {
        const labels = enumLabels.get(column.udt_name) ?? [];
        const finished = labels.filter((label) => FINISHED_LABEL.test(label));
        const open = labels.filter((label) => !FINISHED_LABEL.test(label));
        if (labels.length) make = (row) => pick(rand, (row.finished ? finished : open).length ? (row.finished ? finished : open) : labels);
        break;
      }
    }
    if (!make) {
      if (required && !hasDefault) return { status: "skipped", reason: `cannot generate "${table}"."${name}" of type ${column.data_type} (${column.udt_name})` };
      continue;
    }
    // Nullable facts of a finished row (its end time, its score) are NULL while the row is open.
    const value = make;
    generic.push({ column: name, cast: castOf(column), value: required ? value : (row) => (row.finished ? value(row) : null) });
  }
  const fillers = [
    ...generic,
    ...[...hints].map(([name, value]) => ({ column: name, cast: castOf(columns.find((c) => c.column_name === name)!), value })),
  ];
  if (!fillers.length) return { status: "skipped", reason: `no columns of "${table}" could be filled` };

  const rowsOfOwner = new Map<string, number>();
  const batch = new Batch(fillers.length);
  const progress = new ProgressBar(options.progressLabel ?? "exam attempts", count);
  const now = Date.now();
  let inserted = 0;
  for (let index = 0; index < count; index++) {
    const ownerId = userIds[Math.floor(rand() * userIds.length)]!;
    const ownerRow = (rowsOfOwner.get(ownerId) ?? 0) + 1;
    rowsOfOwner.set(ownerId, ownerRow);
    const finished = rand() < finishedShare;
    // Finished rows lie in the last two years; open ones started within the last half hour.
    const base = finished ? now - between(rand, 1, 730) * DAY + between(rand, 0, DAY - 1) : now - between(rand, 1, 30) * 60_000;
    const row: RowContext = { ownerId, ownerRow, base, finished, values: new Map(), scratch: {} };
    for (const filler of fillers) row.values.set(filler.column, filler.value(row));
    batch.push(...fillers.map((filler) => row.values.get(filler.column) ?? null));
    if (batch.size >= 5_000) inserted += await flushEncoded(client, table, fillers, batch, progress);
  }
  inserted += await flushEncoded(client, table, fillers, batch, progress);
  progress.finish();
  return { status: "generated", rows: inserted };
}

/** Values longer than this go once per batch in a dictionary; rows carry their index. */
const DICTIONARY_FROM = 256;

/**
 * One batch of a fillTable insert. PostgreSQL parses a text[] parameter of long values full of
 * escaped quotes (JSON) very slowly (a 6 KB exam form: ~1 ms a row), so a column holding long
 * values is sent as a dictionary of its distinct values plus one index per row.
 */
async function flushEncoded(client: pg.PoolClient, table: string, fillers: { column: string; cast: string }[], batch: Batch, progress: ProgressBar) {
  if (!batch.size) return 0;
  const params: unknown[] = [];
  const unnested: string[] = [];
  const selects: string[] = [];
  fillers.forEach((filler, i) => {
    const values = batch.columns[i] as (string | null)[];
    if (!values.some((value) => value !== null && value.length > DICTIONARY_FROM)) {
      params.push(values);
      unnested.push(`$${params.length}::text[]`);
      selects.push(`c${i}::${filler.cast}`);
      return;
    }
    const dictionary = new Map<string, number>();
    const indexes = values.map((value) => {
      if (value === null) return null;
      let index = dictionary.get(value);
      if (index === undefined) dictionary.set(value, (index = dictionary.size + 1));
      return index;
    });
    params.push(indexes);
    unnested.push(`$${params.length}::int[]`);
    params.push([...dictionary.keys()]);
    selects.push(`($${params.length}::text[])[c${i}]::${filler.cast}`);
  });
  const sql =
    `INSERT INTO "${table}" (${fillers.map((f) => `"${f.column}"`).join(", ")}) ` +
    `SELECT ${selects.join(", ")} FROM unnest(${unnested.join(", ")}) AS t(${fillers.map((_, i) => `c${i}`).join(", ")}) ` +
    `ON CONFLICT DO NOTHING`;
  const result = await client.query(sql, params);
  progress.tick(batch.size);
  batch.clear();
  return result.rowCount ?? 0;
}

/**
 * What the types of "ExamAttempt" cannot tell: an attempt's form is drawn from its exam's item bank
 * (with the app's own assembleForm, so it is a form the app could have drawn), its deadline follows
 * the exam's time limit, and its score agrees with its form. Only used when the exam tables and
 * columns are there; otherwise (or if the bank cannot make a form) the generic rules apply.
 */
async function examAttemptHints(client: pg.PoolClient, rand: Rand, log: (line: string) => void): Promise<[string, ColumnHint][]> {
  type Exam = { id: string; blueprint: Record<string, number>; pretestCount: number; timeLimitMinutes: number; passRule: { kind?: string; cut?: number } | null; scaling: { reportedMin: number; reportedMax: number; cutReported: number } | null };
  type DrawnForm = { seed: string; entries: FormEntry[]; json: string };
  const drawn: { exam: Exam; forms: DrawnForm[] }[] = [];
  try {
    const { rows: exams } = await client.query<Exam>(`SELECT id, blueprint, "pretestCount", "timeLimitMinutes", "passRule", scaling FROM "Exam" ORDER BY id`);
    const types: Record<string, BankItem["type"]> = { SINGLE: "single", MULTIPLE: "multiple", TRUE_FALSE: "true-false" };
    for (const exam of exams) {
      const { rows: items } = await client.query<{ id: string; versionId: string; domain: string; status: string; type: string; options: { id: string }[] }>(
        `SELECT i.id, v.id AS "versionId", i.domain, v.status::text AS status, v.type::text AS type, v.options
         FROM "ExamItemVersion" v JOIN "ExamItem" i ON i.id = v."itemId" WHERE i."examId" = $1`,
        [exam.id],
      );
      const bank: BankItem[] = items.map((item) => ({
        id: item.id,
        versionId: item.versionId,
        domain: item.domain,
        status: item.status.toLowerCase() as BankItem["status"],
        type: types[item.type] ?? "single",
        optionIds: item.options.map((option) => option.id),
      }));
      const forms: DrawnForm[] = [];
      for (let k = 0; k < 40; k++) {
        const seed = `bench-form-${k}`;
        try {
          const entries = assembleForm({ blueprint: exam.blueprint, pretestCount: exam.pretestCount, items: bank, seed });
          forms.push({ seed, entries, json: JSON.stringify(entries) });
        } catch {
          break; // the bank cannot fill this blueprint: no forms for this exam
        }
      }
      if (forms.length) drawn.push({ exam, forms });
    }
  } catch (error) {
    log(`Exam forms could not be drawn (${(error as Error).message}); the generic rules fill "${EXAM_ATTEMPT_TABLE}".`);
    return [];
  }
  if (!drawn.length) {
    log(`No exam has a bank that can make a form; the generic rules fill "${EXAM_ATTEMPT_TABLE}".`);
    return [];
  }
  type Score = { raw: number; max: number; byDomain: Record<string, { correct: number; total: number }> };
  const chosen = (row: RowContext) => row.scratch as { exam: Exam; form: DrawnForm; score?: Score };
  const score = (row: RowContext): Score => {
    const scratch = chosen(row);
    if (scratch.score) return scratch.score;
    const ability = 0.45 + rand() * 0.5;
    const byDomain: Score["byDomain"] = {};
    for (const entry of scratch.form.entries.filter((e) => e.scored)) {
      const domain = (byDomain[entry.domain] ??= { correct: 0, total: 0 });
      domain.total += 1;
      if (rand() < ability) domain.correct += 1;
    }
    const raw = Object.values(byDomain).reduce((sum, d) => sum + d.correct, 0);
    const max = Object.values(byDomain).reduce((sum, d) => sum + d.total, 0);
    return (scratch.score = { raw, max, byDomain });
  };
  const cut = (exam: Exam, max: number) => (exam.passRule?.kind === "raw" && typeof exam.passRule.cut === "number" ? exam.passRule.cut : Math.ceil(max * 0.7));
  const finishedOnly = (value: ColumnHint): ColumnHint => (row) => (row.finished ? value(row) : null);
  return [
    ["examId", (row) => {
      const pair = pick(rand, drawn);
      Object.assign(row.scratch, { exam: pair.exam, form: pick(rand, pair.forms) });
      return pair.exam.id;
    }],
    ["formSeed", (row) => chosen(row).form.seed],
    ["passRule", (row) => JSON.stringify(chosen(row).exam.passRule)],
    ["scaling", (row) => (chosen(row).exam.scaling ? JSON.stringify(chosen(row).exam.scaling) : null)],
    ["form", (row) => chosen(row).form.json],
    ["startedAt", (row) => iso(row.base)],
    ["deadline", (row) => iso(row.base + chosen(row).exam.timeLimitMinutes * 60_000)],
    ["submittedAt", finishedOnly((row) => iso(row.base + between(rand, 10, chosen(row).exam.timeLimitMinutes) * 60_000))],
    ["submittedBy", finishedOnly(() => (rand() < 0.95 ? "candidate" : "deadline"))],
    ["rawScore", finishedOnly((row) => String(score(row).raw))],
    ["maxScore", finishedOnly((row) => String(score(row).max))],
    ["scaledScore", finishedOnly((row) => {
      const { scaling } = chosen(row).exam;
      if (!scaling) return null;
      const { raw, max } = score(row);
      const c = cut(chosen(row).exam, max);
      const scaled =
        raw < c
          ? scaling.reportedMin + ((scaling.cutReported - scaling.reportedMin) * raw) / Math.max(1, c)
          : scaling.cutReported + ((scaling.reportedMax - scaling.cutReported) * (raw - c)) / Math.max(1, max - c);
      return String(Math.round(scaled));
    })],
    ["passed", finishedOnly((row) => String(score(row).raw >= cut(chosen(row).exam, score(row).max)))],
    ["byDomain", finishedOnly((row) => JSON.stringify(score(row).byDomain))],
  ];
}

// ---------------------------------------------------------------------------------------------
// Command line: npx tsx bench/generate.ts --database-url <url> [--trainees N]

async function main() {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const index = args.indexOf(flag);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const url = value("--database-url") ?? process.env.DATABASE_URL;
  if (!url) {
    console.error("Usage: npx tsx bench/generate.ts --database-url postgresql://... [--trainees 10000]");
    process.exit(2);
  }
  const trainees = Number(value("--trainees") ?? FULL_SIZE.trainees);
  if (!Number.isInteger(trainees) || trainees < 1) throw new Error("--trainees must be a whole number of at least 1");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on("error", (error) => console.error(`Database connection lost: ${error.message}`));
  try {
    const result = await generateDataSet(pool, trainees === FULL_SIZE.trainees ? FULL_SIZE : sizeForTrainees(trainees));
    for (const line of result.summary) console.log(line);
  } finally {
    await pool.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
