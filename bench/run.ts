// `npm run bench`: builds the production server, starts it on a bench-only embedded PostgreSQL, loads a
// large generated data set and drives every scenario over 127.0.0.1: autocannon at saturation,
// bench/fixed-rate.ts at a fixed offered rate. See
// docs/performance.md for the modes, the scenarios and how to read the results.
//
//   npm run bench                      the scenarios on the full data set (10,000 trainees, 1M ledger rows)
//   npm run bench -- --scale           latency at 1x, 10x and 100x of a small data set
//   npm run bench -- --two-instances   one instance vs two behind a round-robin proxy
//
// Benchmarks are reports, not tests: nothing here runs under `npm test`.
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import pg from "pg";
import { runFixedRate } from "./fixed-rate";
import { FULL_SIZE, describeSize, generateDataSet, sizeForTrainees, type DataSetSize } from "./generate";
import {
  MissingDependencyError,
  RssSampler,
  abortLoads,
  cpuPerRequest,
  cpuSnapshot,
  loadAutocannon,
  runLoad,
  stopAllLoads,
  type Autocannon,
  type LoadTarget,
} from "./load";
import {
  ROOT,
  buildApp,
  freePort,
  killAllChildrenNow,
  startAppServer,
  startProxyProcess,
  stopAllChildren,
  type AppServer,
} from "./processes";
import { checkTargets, scenarioTable, sliceText, sustained, table, targetsText, writeResults, type ScenarioResult } from "./report";
import { SCENARIOS, Sessions, fetchCsrfPair, isUnavailable, probe, type BenchContext, type Scenario } from "./scenarios";

// ---------------------------------------------------------------------------------------------
// Options.

type Mode = "default" | "scale" | "two-instances";
type Options = {
  mode: Mode;
  build: boolean;
  fresh: boolean;
  keepData: boolean;
  durationSeconds: number;
  /** Seconds of the fixed-rate latency measurement. */
  rateDurationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rate: number;
  trainees: number;
  scaleBase: number;
  only: string[] | null;
  echoServer: boolean;
  /** WEB_CONCURRENCY of each app instance started. */
  workers: number;
};

const USAGE = `Usage: npm run bench -- [mode] [options]

Modes (default: every scenario on the full data set):
  --scale               p50/p99 at 1x, 10x and 100x of a small data set, each in a fresh data dir
  --two-instances       saturated req/s of one instance vs two behind a round-robin proxy

Options:
  --duration N          seconds at saturation (default 10)
  --rate-duration N     seconds at the fixed offered rate, for p50/p99 (default 30)
  --warmup N            seconds of warm-up load before each scenario (default 2, 0 for none)
  --connections N       connections at saturation (default 50)
  --rate N              offered req/s for the latency measurement (default 200)
  --trainees N          trainees in the data set (default 10000; ledger, exam attempts in proportion)
  --scale-base N        trainees at 1x in --scale (default 100)
  --only a,b            only these scenario ids (${SCENARIOS.map((s) => s.id).join(", ")})
  --fresh               delete ./data-bench first and generate again
  --keep-data           --scale: keep ./data-bench-scale-*x afterwards and reuse them next time
  --workers N           web worker processes per app instance, as WEB_CONCURRENCY (default 1: the
                        server process serves; set it to the cores, 2 here, as in production)
  --no-build            do not run npx remix build first (use the current build/)
  --echo-server         print the server's output`;

function parseOptions(argv: string[]): Options {
  const options: Options = {
    mode: "default",
    build: true,
    fresh: false,
    keepData: false,
    durationSeconds: 10,
    rateDurationSeconds: 30,
    warmupSeconds: 2,
    connections: 50,
    rate: 200,
    trainees: FULL_SIZE.trainees,
    scaleBase: 100,
    only: null,
    echoServer: false,
    workers: 1,
  };
  const count = (flag: string, value: string | undefined, min: number) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new UsageError(`${flag} needs a whole number of at least ${min}`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    switch (flag) {
      case "--scale":
        options.mode = "scale";
        break;
      case "--two-instances":
        options.mode = "two-instances";
        break;
      case "--no-build":
        options.build = false;
        break;
      case "--fresh":
        options.fresh = true;
        break;
      case "--keep-data":
        options.keepData = true;
        break;
      case "--echo-server":
        options.echoServer = true;
        break;
      case "--duration":
        options.durationSeconds = Math.min(count(flag, argv[++i], 1), 300);
        break;
      case "--rate-duration":
        options.rateDurationSeconds = Math.min(count(flag, argv[++i], 1), 600);
        break;
      case "--warmup":
        options.warmupSeconds = Math.min(count(flag, argv[++i], 0), 60);
        break;
      case "--connections":
        options.connections = Math.min(count(flag, argv[++i], 1), 1_000);
        break;
      case "--rate":
        options.rate = count(flag, argv[++i], 1);
        break;
      case "--trainees":
        options.trainees = count(flag, argv[++i], 1);
        break;
      case "--workers":
        options.workers = Math.min(count(flag, argv[++i], 1), 64);
        break;
      case "--scale-base":
        options.scaleBase = count(flag, argv[++i], 1);
        break;
      case "--only": {
        const ids = (argv[++i] ?? "").split(",").filter(Boolean);
        const unknown = ids.filter((id) => !SCENARIOS.some((scenario) => scenario.id === id));
        if (!ids.length || unknown.length) throw new UsageError(`--only takes scenario ids from: ${SCENARIOS.map((s) => s.id).join(", ")}`);
        options.only = ids;
        break;
      }
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new UsageError(`Unknown option ${flag}.\n\n${USAGE}`);
    }
  }
  return options;
}

class UsageError extends Error {}

const log = (line: string) => process.stderr.write(`${line}\n`);
const sizeFor = (trainees: number): DataSetSize => (trainees === FULL_SIZE.trainees ? FULL_SIZE : sizeForTrainees(trainees));
const pgUrl = (host: string, port: number) => `postgresql://peerpath:peerpath@${host}:${port}/peerpath`;

// ---------------------------------------------------------------------------------------------
// Cleanup: every child and request loop ends with the bench, also on Ctrl-C.

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanUp() {
  stopAllLoads();
  // Each step gets 5 s: pool.end() waits for a connection the generator still uses, and that ends
  // only once the server (and its PostgreSQL) are stopped below.
  for (const cleanup of cleanups.splice(0).reverse()) {
    await Promise.race([Promise.resolve(cleanup()).catch(() => {}), pause(5_000)]);
  }
  await stopAllChildren();
}

let interrupted = false;
function onSignal(signal: NodeJS.Signals) {
  if (interrupted) {
    killAllChildrenNow();
    process.exit(130);
  }
  interrupted = true;
  abortLoads();
  log(`\n${signal}: stopping the load and the servers (again to force)...`);
  void cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
}
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
process.on("exit", killAllChildrenNow);

// ---------------------------------------------------------------------------------------------
// Pieces shared by the modes.

/** Ceiling 1: a bare node:http server answering a fixed string, in a worker thread of this process. */
async function startNodeCeiling(): Promise<string> {
  const worker = new Worker(
    `const http = require("node:http");
     const { parentPort } = require("node:worker_threads");
     const server = http.createServer((req, res) => {
       res.writeHead(200, { "content-type": "text/plain", "content-length": "24" });
       res.end("PeerPath bench ceiling\\n\\n");
     });
     server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));`,
    { eval: true },
  );
  cleanups.push(() => worker.terminate().then(() => {}));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  return `http://127.0.0.1:${port}`;
}

function openPool(pgPort: number) {
  const pool = new pg.Pool({ connectionString: pgUrl("127.0.0.1", pgPort), max: 4 });
  pool.on("error", () => {}); // idle clients lose their server when it stops; nothing to do then
  cleanups.push(() => pool.end());
  return pool;
}

function removeDataDir(dir: string) {
  if (!path.resolve(dir).startsWith(path.join(ROOT, "data-bench"))) throw new Error(`Refusing to delete ${dir}: not a bench data dir.`);
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Starts an instance on its own embedded PostgreSQL in `dataDir` and makes sure the data set is there. */
async function startWithData(label: string, dataDir: string, size: DataSetSize, options: Options) {
  const pgPort = await freePort();
  const server = await startAppServer({ label, port: await freePort(), dataDir, pgPort, echo: options.echoServer, workers: options.workers });
  const pool = openPool(pgPort);
  const generated = await generateDataSet(pool, size, { log });
  for (const line of generated.summary) log(line);
  const sessions = new Sessions(pool);
  cleanups.push(() => sessions.cleanup());
  return { server, pgPort, pool, sessions };
}

async function context(server: AppServer, pool: pg.Pool, sessions: Sessions, nodeCeilingUrl: string | null, options: Options): Promise<BenchContext> {
  return { appUrl: server.url, nodeCeilingUrl, db: pool, sessions, csrf: await fetchCsrfPair(server.url), users: options.connections };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Prepares and probes one scenario: its request, or why it cannot run. */
async function prepared(scenario: Scenario, ctx: BenchContext): Promise<LoadTarget | string> {
  try {
    const target = await scenario.prepare(ctx);
    if (isUnavailable(target)) return target.unavailable;
    const reason = await (scenario.available ? scenario.available(ctx, target) : probe(target));
    return reason ?? target;
  } catch (error) {
    return `could not prepare: ${(error as Error).message}`;
  }
}

async function warmUp(autocannon: Autocannon, target: LoadTarget, options: Options) {
  if (options.warmupSeconds > 0) await runLoad(autocannon, target, { connections: Math.min(10, options.connections), durationSeconds: options.warmupSeconds });
}

function selected(filter: (scenario: Scenario) => boolean, options: Options) {
  return SCENARIOS.filter((scenario) => filter(scenario) && (!options.only || options.only.includes(scenario.id)));
}

/** Saturation and fixed-rate runs of one scenario, with the server's peak RSS meanwhile. */
async function measure(
  autocannon: Autocannon,
  scenario: Scenario,
  ctx: BenchContext,
  options: Options,
  what: { saturate: boolean; fixedRate: boolean; rssPid: number | null },
): Promise<ScenarioResult> {
  const base = { id: scenario.id, name: scenario.name, measures: scenario.measures };
  const target = await prepared(scenario, ctx);
  if (typeof target === "string") {
    log(`- ${scenario.name}: not available (${target})`);
    return { ...base, available: false, reason: target };
  }
  log(`- ${scenario.name}`);
  await warmUp(autocannon, target, options);
  const sampler = what.rssPid ? new RssSampler(what.rssPid).start() : null;
  const result: ScenarioResult = { ...base, available: true };
  if (what.saturate) {
    const cpuBefore = what.rssPid ? cpuSnapshot(what.rssPid) : null;
    result.saturated = await runLoad(autocannon, target, { connections: options.connections, durationSeconds: options.durationSeconds, title: scenario.id });
    result.saturatedCpu = what.rssPid ? cpuPerRequest(cpuBefore, cpuSnapshot(what.rssPid), result.saturated.requests) : null;
    const cpu = result.saturatedCpu ? `; CPU per request: server ${result.saturatedCpu.serverMs} ms, PostgreSQL ${result.saturatedCpu.postgresMs} ms` : "";
    log(`    saturated: ${result.saturated.rps} req/s, p99 ${result.saturated.latencyMs.p99} ms${cpu}`);
    await pause(1_000);
  }
  if (what.fixedRate) {
    // Evenly spaced, open-loop (bench/fixed-rate.ts), rotating through the same users as the saturation run.
    const generatorBefore = process.cpuUsage();
    const cpuBefore = what.rssPid ? cpuSnapshot(what.rssPid) : null;
    const { machine: wholeRun, ...run } = await runFixedRate(target, { rate: options.rate, durationSeconds: options.rateDurationSeconds, users: options.connections });
    result.fixedRate = { ...run, offeredRps: options.rate };
    result.fixedRateMachine = wholeRun;
    result.fixedRateCpu = what.rssPid ? cpuPerRequest(cpuBefore, cpuSnapshot(what.rssPid), run.requests) : null;
    const generatorCpu = process.cpuUsage(generatorBefore);
    result.fixedRateGeneratorMs = Math.round((generatorCpu.user + generatorCpu.system) / 10 / Math.max(1, run.requests)) / 100;
    const trouble = run.non2xx || run.errors ? `, ${run.non2xx} non-2xx, ${run.errors} errors (${run.timeouts} unanswered after 10 s)` : "";
    const machine = result.fixedRateMachine ? `; machine ${result.fixedRateMachine.busyPercent}% busy, ${result.fixedRateMachine.stolenPercent}% stolen by the host` : "";
    const cpu = result.fixedRateCpu ? `; CPU per request: server ${result.fixedRateCpu.serverMs} ms, PostgreSQL ${result.fixedRateCpu.postgresMs} ms` : "";
    const generator = `, load generator ${result.fixedRateGeneratorMs} ms`;
    log(`    at ${options.rate} req/s offered: ${run.rps} delivered, p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, max ${run.latencyMs.max} ms${trouble}${machine}${cpu}${generator}`);
    if (run.slices.length > 1) log(`      each ${sliceText(run.slices)}`);
    await pause(1_000);
  }
  result.peakRssMiB = sampler?.stop() ?? null;
  return result;
}

// ---------------------------------------------------------------------------------------------
// The modes.

async function runDefault(autocannon: Autocannon, options: Options) {
  const startedAt = new Date().toISOString();
  const dataDir = path.join(ROOT, "data-bench");
  if (options.fresh) removeDataDir(dataDir);
  const size = sizeFor(options.trainees);
  const { server, pool, sessions } = await startWithData("PeerPath", dataDir, size, options);
  const ctx = await context(server, pool, sessions, await startNodeCeiling(), options);

  log(`\nScenarios: ${options.durationSeconds} s at saturation (${options.connections} connections) and ${options.rateDurationSeconds} s at ${options.rate} req/s each.`);
  const results: ScenarioResult[] = [];
  // The ceilings always run: every ratio is taken against them.
  for (const scenario of SCENARIOS.filter((s) => s.ceiling || !options.only || options.only.includes(s.id))) {
    results.push(
      await measure(autocannon, scenario, ctx, options, { saturate: true, fixedRate: true, rssPid: scenario.ceiling === "node" ? null : server.serverPid }),
    );
  }
  const ceilingRps = (kind: Scenario["ceiling"]) => {
    const id = SCENARIOS.find((scenario) => scenario.ceiling === kind)!.id;
    return results.find((result) => result.id === id)?.saturated?.rps ?? null;
  };
  const nodeRps = ceilingRps("node");
  const noDbRps = ceilingRps("no-database");
  for (const result of results) {
    if (!result.saturated) continue;
    result.ratioToNodeCeiling = nodeRps ? result.saturated.rps / nodeRps : null;
    result.ratioToNoDbPage = noDbRps ? result.saturated.rps / noDbRps : null;
  }
  const checks = checkTargets(results, options.rate);
  console.log(`\nPeerPath benchmark: ${describeSize(size)}${options.workers > 1 ? `, ${options.workers} web workers` : ""}\n`);
  console.log(scenarioTable(results, options));
  console.log(`\nTargets\n${targetsText(checks)}`);
  const file = writeResults({
    mode: "default",
    startedAt,
    dataSet: size,
    settings: {
      connections: options.connections,
      durationSeconds: options.durationSeconds,
      rateDurationSeconds: options.rateDurationSeconds,
      offeredRps: options.rate,
      warmupSeconds: options.warmupSeconds,
      webWorkers: options.workers,
    },
    ceilings: { nodeHttpRps: nodeRps, noDatabasePageRps: noDbRps },
    scenarios: results,
    targets: checks,
  });
  console.log(`\nResults written to ${file}`);
}

async function runScale(autocannon: Autocannon, options: Options) {
  const startedAt = new Date().toISOString();
  const factors = [1, 10, 100];
  const scenarios = selected((scenario) => scenario.inScale, options);
  const perSize: { factor: number; size: DataSetSize; results: ScenarioResult[] }[] = [];
  for (const factor of factors) {
    const size = sizeForTrainees(options.scaleBase * factor);
    const dataDir = path.join(ROOT, `data-bench-scale-${factor}x`);
    if (!options.keepData) removeDataDir(dataDir); // kept from an earlier --keep-data run: reused (same size: not generated again)
    log(`\n== ${factor}x: ${describeSize(size)}`);
    const { server, pool, sessions } = await startWithData(`PeerPath ${factor}x`, dataDir, size, options);
    const ctx = await context(server, pool, sessions, null, options);
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      results.push(await measure(autocannon, scenario, ctx, options, { saturate: false, fixedRate: true, rssPid: server.serverPid }));
    }
    perSize.push({ factor, size, results });
    // This size is done: its sessions, pool and server go before the next size starts.
    await cleanUp();
    if (!options.keepData) removeDataDir(dataDir);
  }
  const latency = (factor: number, id: string) => {
    const result = perSize.find((entry) => entry.factor === factor)?.results.find((r) => r.id === id);
    if (!result?.available || !result.fixedRate) return null;
    return { ...result.fixedRate.latencyMs, delivered: result.fixedRate.rps, sustained: sustained(result.fixedRate) };
  };
  const growth = (from: number | undefined, to: number | undefined) => (from && to ? `${(to / from).toFixed(1)}×` : "–");
  const rows = scenarios.map((scenario) => {
    const cells = factors.map((factor) => {
      const l = latency(factor, scenario.id);
      // An overloaded run's latency is queueing: show what it delivered instead of hiding it in the p99.
      return l ? `${l.p50} / ${l.p99} ms${l.sustained ? "" : ` * (${l.delivered}/s)`}` : "n/a";
    });
    const first = latency(1, scenario.id);
    const last = latency(100, scenario.id);
    return [scenario.name, ...cells, growth(first?.p50, last?.p50), growth(first?.p99, last?.p99)];
  });
  console.log(`\nPeerPath benchmark, scale: p50 / p99 at ${options.rate} req/s offered\n`);
  console.log(
    table(
      ["Scenario", ...perSize.map((entry) => `${entry.factor}x (${entry.size.trainees.toLocaleString("en-US")} trainees)`), "p50 100x/1x", "p99 100x/1x"],
      rows,
    ),
  );
  if (rows.some((row) => row.some((cell) => cell.includes(" * ")))) {
    console.log(`* under 95% of the offered ${options.rate} req/s delivered (the rate it did deliver in brackets): an overloaded server's latency.`);
  }
  const missing = perSize.flatMap((entry) => entry.results.filter((r) => !r.available).map((r) => `${entry.factor}x ${r.name}: ${r.reason}`));
  if (missing.length) console.log(`\nNot available:\n${missing.map((line) => `  ${line}`).join("\n")}`);
  const file = writeResults({
    mode: "scale",
    startedAt,
    settings: { offeredRps: options.rate, connections: options.connections, rateDurationSeconds: options.rateDurationSeconds, scaleBase: options.scaleBase, webWorkers: options.workers },
    sizes: perSize,
  });
  console.log(`\nResults written to ${file}`);
}

async function runTwoInstances(autocannon: Autocannon, options: Options) {
  const startedAt = new Date().toISOString();
  const dataDir = path.join(ROOT, "data-bench");
  if (options.fresh) removeDataDir(dataDir);
  const size = sizeFor(options.trainees);
  const { server: first, pgPort, pool, sessions } = await startWithData("PeerPath A", dataDir, size, options);
  const second = await startAppServer({ label: "PeerPath B", port: await freePort(), databaseUrl: pgUrl("localhost", pgPort), echo: options.echoServer, workers: options.workers });
  const proxyOne = await startProxyProcess("proxy (A)", await freePort(), [first.port]);
  const proxyTwo = await startProxyProcess("proxy (A+B)", await freePort(), [first.port, second.port]);
  const ctx = await context(first, pool, sessions, null, options);
  const rebase = (target: LoadTarget, base: string): LoadTarget => {
    const url = new URL(target.url);
    return { ...target, url: `${base}${url.pathname}${url.search}` };
  };

  const rows: { scenario: Scenario; direct?: number; viaProxyOne?: number; viaProxyTwo?: number; rssMiB?: [number | null, number | null]; reason?: string; non2xx?: number }[] = [];
  for (const scenario of selected((s) => s.inTwoInstances, options)) {
    const target = await prepared(scenario, ctx);
    if (typeof target === "string") {
      rows.push({ scenario, reason: target });
      continue;
    }
    log(`- ${scenario.name}`);
    const saturate = async (base: string) => {
      const rebased = rebase(target, base);
      await warmUp(autocannon, rebased, options);
      const run = await runLoad(autocannon, rebased, { connections: options.connections, durationSeconds: options.durationSeconds, title: scenario.id });
      log(`    ${base}: ${run.rps} req/s`);
      await pause(1_000);
      return run;
    };
    const direct = await saturate(first.url);
    const viaOne = await saturate(proxyOne.url);
    const samplers = [new RssSampler(first.serverPid).start(), new RssSampler(second.serverPid).start()];
    const viaTwo = await saturate(proxyTwo.url);
    rows.push({
      scenario,
      direct: direct.rps,
      viaProxyOne: viaOne.rps,
      viaProxyTwo: viaTwo.rps,
      rssMiB: [samplers[0]!.stop(), samplers[1]!.stop()],
      non2xx: direct.non2xx + viaOne.non2xx + viaTwo.non2xx + direct.errors + viaOne.errors + viaTwo.errors,
    });
  }
  const n = (value: number | undefined) => (value === undefined ? "–" : value.toLocaleString("en-US", { maximumFractionDigits: 0 }));
  console.log(`\nPeerPath benchmark, two instances on one PostgreSQL: saturated req/s (${options.connections} connections)\n`);
  console.log(
    table(
      ["Scenario", "1 instance, direct", "1 instance via proxy", "2 instances via proxy", "2 vs 1 via proxy", "non-2xx+errors", "peak RSS A / B"],
      rows.map((row) =>
        row.reason
          ? [row.scenario.name, "not available", "", "", "", "", ""]
          : [
              row.scenario.name,
              n(row.direct),
              n(row.viaProxyOne),
              n(row.viaProxyTwo),
              row.viaProxyOne ? `${((row.viaProxyTwo ?? 0) / row.viaProxyOne).toFixed(2)}×` : "–",
              n(row.non2xx),
              row.rssMiB ? row.rssMiB.map((v) => (v ? `${v} MiB` : "–")).join(" / ") : "–",
            ],
      ),
    ),
  );
  for (const row of rows.filter((r) => r.reason)) console.log(`Not available: ${row.scenario.name}: ${row.reason}`);
  const file = writeResults({
    mode: "two-instances",
    startedAt,
    dataSet: size,
    settings: { connections: options.connections, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, webWorkers: options.workers },
    scenarios: rows.map((row) => ({
      id: row.scenario.id,
      name: row.scenario.name,
      available: !row.reason,
      reason: row.reason,
      directRps: row.direct,
      oneInstanceViaProxyRps: row.viaProxyOne,
      twoInstancesViaProxyRps: row.viaProxyTwo,
      non2xxAndErrors: row.non2xx,
      peakRssMiB: row.rssMiB,
    })),
  });
  console.log(`\nResults written to ${file}`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const autocannon = await loadAutocannon(); // before anything slow: fail at once when it is missing
  if (options.build) buildApp();
  if (options.mode === "scale") await runScale(autocannon, options);
  else if (options.mode === "two-instances") await runTwoInstances(autocannon, options);
  else await runDefault(autocannon, options);
}

main()
  .then(async () => {
    if (interrupted) return; // the signal handler is cleaning up and exits
    await cleanUp();
    process.exit(0);
  })
  .catch(async (error) => {
    if (interrupted) return; // the signal handler is cleaning up and exits
    if (!(error instanceof MissingDependencyError || error instanceof UsageError)) log((error as Error).stack ?? String(error));
    else log((error as Error).message);
    await cleanUp();
    process.exit(error instanceof UsageError ? 2 : 1);
  });
