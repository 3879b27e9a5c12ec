// Drives load with autocannon (its programmatic API) and samples the server's memory meanwhile.
// autocannon is loaded at run time so that this file type-checks, and the bench fails with one clear
// line, when the package is not installed. The types below are the parts of its documented API we use.
import fs from "node:fs";
import type { EventEmitter } from "node:events";

type Histogram = {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  p2_5: number;
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  p99_9: number;
};

export type AutocannonResult = {
  title?: string;
  url: string;
  requests: Histogram & { total: number; sent: number };
  latency: Histogram & { totalCount?: number };
  throughput: Histogram & { total: number };
  duration: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  resets: number;
  "1xx": number;
  "2xx": number;
  "3xx": number;
  "4xx": number;
  "5xx": number;
};

export type AutocannonClient = EventEmitter & {
  setHeaders(headers: Record<string, string>): void;
  setBody(body: string | Buffer): void;
  setRequests(requests: AutocannonRequest[]): void;
};

/** One request of autocannon's list; setupRequest, when given, builds it afresh before each send. */
export type AutocannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
};

export type AutocannonOptions = {
  url: string;
  connections?: number;
  duration?: number;
  amount?: number;
  maxOverallRequests?: number;
  overallRate?: number;
  timeout?: number;
  pipelining?: number;
  method?: string;
  title?: string;
  headers?: Record<string, string>;
  body?: string;
  setupClient?: (client: AutocannonClient) => void;
};

export type AutocannonInstance = EventEmitter & { stop(): void };
export type Autocannon = ((options: AutocannonOptions, callback: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance) & {
  track(instance: AutocannonInstance, options?: { renderProgressBar?: boolean; renderResultsTable?: boolean; renderLatencyTable?: boolean; outputStream?: NodeJS.WritableStream }): void;
};

export class MissingDependencyError extends Error {}

/** autocannon, or a clear error saying how to install it. */
export async function loadAutocannon(): Promise<Autocannon> {
  const name = "autocannon"; // a variable, so TypeScript does not need the package to type-check this file
  try {
    const loaded = (await import(name)) as { default?: Autocannon } & Autocannon;
    return loaded.default ?? loaded;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new MissingDependencyError(
        "The benchmarks need autocannon, which is not installed. Install it with: npm install --save-dev autocannon",
      );
    }
    throw error;
  }
}

/** Every request loop of the bench targets loopback only. */
export function assertLoopback(url: string) {
  const { hostname, protocol } = new URL(url);
  if (protocol !== "http:" || hostname !== "127.0.0.1") throw new Error(`Refusing to send load to ${url}: the bench only targets http://127.0.0.1.`);
}

/** Samples the app server's resident memory (with its web workers) every 250 ms and keeps the peak, in MiB. */
export class RssSampler {
  private peakKiB = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pid: number) {}

  start() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
    return this;
  }

  private sample() {
    const kib = serverRssKiB(this.pid);
    if (kib !== null && kib > this.peakKiB) this.peakKiB = kib;
  }

  /** Stops sampling and returns the peak RSS in MiB (null if nothing could be read). */
  stop(): number | null {
    clearInterval(this.timer);
    return this.peakKiB ? Math.round((this.peakKiB / 1024) * 10) / 10 : null;
  }
}

/** What one scenario sends: per connection headers (each connection can be another user), body and path. */
export type LoadTarget = {
  url: string;
  method: "GET" | "POST";
  headersFor: (connection: number) => Record<string, string>;
  bodyFor?: (connection: number) => string;
  /** Another path per connection (e.g. each trainee's own exam attempt); default: the url's path. */
  pathFor?: (connection: number) => string;
};

export type LoadSummary = {
  rps: number;
  requests: number;
  durationSeconds: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: { "2xx": number; "3xx": number; "4xx": number; "5xx": number };
};

/** Every running request loop (autocannon's, and bench/fixed-rate.ts's), so Ctrl-C can stop them all. */
const active = new Set<{ stop(): void }>();
let aborted = false;

/** Registers a request loop until it ends; refuses to start one after Ctrl-C. Returns the unregister. */
export function trackLoad(loop: { stop(): void }): () => void {
  if (aborted) throw new Error("interrupted");
  active.add(loop);
  return () => active.delete(loop);
}

/** Stops every running request loop. */
export function stopAllLoads() {
  for (const instance of active) instance.stop();
}

/** Ctrl-C: stops every running request loop, and no new one starts. */
export function abortLoads() {
  aborted = true;
  stopAllLoads();
}

/**
 * One bounded, saturating request loop: `connections` connections each sending its next request as
 * soon as the last is answered, for at most `durationSeconds` (a watchdog stops it 30 s after that
 * whatever happens) and at most `maxRequests` requests. The latency at a fixed offered rate is
 * measured by bench/fixed-rate.ts instead (autocannon's `overallRate` sends in bursts; see there).
 */
export function runLoad(
  autocannon: Autocannon,
  target: LoadTarget,
  options: { connections: number; durationSeconds: number; maxRequests?: number; title?: string },
): Promise<LoadSummary> {
  assertLoopback(target.url);
  if (aborted) return Promise.reject(new Error("interrupted"));
  let connection = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method,
        title: options.title,
        connections: options.connections,
        duration: options.durationSeconds,
        maxOverallRequests: Math.max(options.connections, options.maxRequests ?? 5_000_000),
        timeout: 10,
        pipelining: 1,
        headers: target.headersFor(0),
        ...(target.bodyFor ? { body: target.bodyFor(0) } : {}),
        setupClient: (client) => {
          const index = connection++;
          if (target.pathFor) {
            // setRequests, not setRequest: autocannon goes back to its list of requests after the first, so
            // a request set with setRequest is sent once and the default (connection 0's) ever after. Each
            // request takes the next body (the next item of an exam form, say), as in bench/fixed-rate.ts.
            const request: AutocannonRequest = { method: target.method, path: target.pathFor(index), headers: target.headersFor(index) };
            const bodyFor = target.bodyFor;
            client.setRequests([bodyFor ? { ...request, setupRequest: (next) => ({ ...next, body: bodyFor(index) }) } : request]);
            return;
          }
          client.setHeaders(target.headersFor(index));
          if (target.bodyFor) client.setBody(target.bodyFor(index));
        },
      },
      (error, result) => {
        clearTimeout(watchdog);
        active.delete(instance);
        if (error) return reject(error);
        resolve({
          // Completed requests over the run's length: autocannon's per-second mean can be dragged down by
          // a partial first second.
          rps: Math.round((result.requests.total / Math.max(result.duration, 0.001)) * 10) / 10,
          requests: result.requests.total,
          durationSeconds: result.duration,
          latencyMs: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            max: result.latency.max,
            average: result.latency.average,
          },
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCounts: { "2xx": result["2xx"], "3xx": result["3xx"], "4xx": result["4xx"], "5xx": result["5xx"] },
        });
      },
    );
    active.add(instance);
    const watchdog = setTimeout(() => instance.stop(), (options.durationSeconds + 30) * 1000);
    watchdog.unref();
  });
}

/** CPU seconds used so far by the app server's processes and by the PostgreSQL processes it started. */
export type CpuSnapshot = { server: number; postgres: number };

type ProcessRow = { name: string; parent: number; cpu: number; rssKiB: number };

/** Every process in /proc with its name, parent, CPU seconds and resident memory (Linux only). */
function processTable(): Map<number, ProcessRow> {
  const ticksPerSecond = 100; // USER_HZ: 100 on every Linux architecture Node runs on
  const pageKiB = 4;
  const processes = new Map<number, ProcessRow>();
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // "pid (name) state ppid ...": utime, stime, cutime and cstime are the 14th to 17th fields, rss
      // (pages) the 24th. cutime and cstime hold the time of its children that have exited.
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      const name = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      processes.set(Number(pid), { name, parent: Number(fields[1]), cpu: ticks / ticksPerSecond, rssKiB: Number(fields[21]) * pageKiB });
    } catch {
      // the process ended while we looked
    }
  }
  return processes;
}

/**
 * The app server's processes (the server and its web workers, if WEB_CONCURRENCY started any) and the
 * PostgreSQL processes among its descendants, from one /proc table.
 */
function serverTree(serverPid: number, processes: Map<number, ProcessRow>) {
  const server = processes.get(serverPid);
  if (!server) return null;
  const app: ProcessRow[] = [server];
  const postgres: ProcessRow[] = [];
  const descendants = [serverPid];
  for (let index = 0; index < descendants.length; index++) {
    for (const [pid, other] of processes) {
      if (other.parent !== descendants[index]) continue;
      descendants.push(pid);
      (other.name.startsWith("postgres") ? postgres : app).push(other);
    }
  }
  return { app, postgres };
}

const sum = (rows: ProcessRow[], field: "cpu" | "rssKiB") => rows.reduce((total, row) => total + row[field], 0);

/**
 * Reads /proc (Linux only; null elsewhere). CPU time, unlike req/s, hardly depends on what else the
 * machine runs, so it is the steadier figure on a shared machine. The server counts with its web
 * workers. PostgreSQL is the embedded server's postmaster and its backends (the server's descendants
 * named postgres). Each process counts with its children that have exited: a backend whose connection
 * the pool closed while idle (as at the fixed rate) leaves its time with the postmaster. With
 * DATABASE_URL set (--two-instances' second instance) PostgreSQL is not the server's child and counts 0.
 */
export function cpuSnapshot(serverPid: number): CpuSnapshot | null {
  const tree = serverTree(serverPid, processTable());
  return tree ? { server: sum(tree.app, "cpu"), postgres: sum(tree.postgres, "cpu") } : null;
}

/** Resident memory of the app server's processes together (the server and its web workers), in KiB. */
export function serverRssKiB(serverPid: number): number | null {
  const tree = serverTree(serverPid, processTable());
  return tree ? sum(tree.app, "rssKiB") : null;
}

/** Milliseconds of CPU per request between two snapshots, for the server and for PostgreSQL. */
export function cpuPerRequest(before: CpuSnapshot | null, after: CpuSnapshot | null, requests: number) {
  if (!before || !after || !requests) return null;
  const perRequest = (seconds: number) => Math.round((seconds * 1000 * 100) / requests) / 100;
  return { serverMs: perRequest(after.server - before.server), postgresMs: perRequest(after.postgres - before.postgres) };
}

/** The whole machine's CPU time so far, from /proc/stat (Linux only; null elsewhere), in clock ticks. */
export type MachineCpu = { total: number; idle: number; steal: number };

export function machineCpu(): MachineCpu | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n").find((row) => row.startsWith("cpu "));
    // user nice system idle iowait irq softirq steal ...
    const ticks = line?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    if (ticks.length < 8 || ticks.some((tick) => !Number.isFinite(tick))) return null;
    return { total: ticks.reduce((a, b) => a + b, 0), idle: ticks[3]! + ticks[4]!, steal: ticks[7]! };
  } catch {
    return null;
  }
}

/**
 * How the machine's cores were spent between two readings, in percent of their time: busy (anything
 * but idle) and stolen (time a virtual machine's cores waited for the host: load this bench does not
 * see, and a cause of latency it cannot remove).
 */
export function machineShare(before: MachineCpu | null, after: MachineCpu | null) {
  if (!before || !after || after.total <= before.total) return null;
  const total = after.total - before.total;
  const percent = (ticks: number) => Math.round((ticks * 1000) / total) / 10;
  return { busyPercent: percent(total - (after.idle - before.idle)), stolenPercent: percent(after.steal - before.steal) };
}
