// The latency at a fixed offered load ("p99 < 50 ms at 200 requests a second"), measured open-loop.
//
// Why not autocannon: its `overallRate` gives each connection rate/connections requests a second and
// sends them back to back at the start of each second, so "200/s" over 50 connections arrives as a
// burst of 200 at concurrency 50; its coordinated-omission correction then adds extra samples for every
// slow response. Both measure a burst, not an evenly offered load.
//
// Here request i is scheduled at start + i × (1000 / rate) ms, whatever happened to the others (open
// loop: a slow server does not slow the arrivals down), and sent on its user's keep-alive connection.
// Its latency runs from its *scheduled* time to the end of its response: a request that could not leave
// on time (its user's connection still busy, or this process late) counts from when it should have left. That is
// the coordinated-omission correction, without synthetic samples.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { assertLoopback, machineCpu, machineShare, trackLoad, type LoadSummary, type LoadTarget, type MachineCpu } from "./load";

/** No request waits longer than this from its scheduled time; then it counts as a timeout (autocannon's is 10 s too). */
const TIMEOUT_MS = 10_000;

/**
 * A run is also reported in slices of this many seconds of scheduled time (by default), each with its
 * own p99 and the machine's busy and stolen shares meanwhile: one stall of the whole machine shows as
 * one bad slice.
 */
export const SLICE_SECONDS = 10;

type MachineShare = ReturnType<typeof machineShare>;

export type FixedRateSlice = { requests: number; p99: number; machine: MachineShare };

export async function runFixedRate(
  target: LoadTarget,
  options: {
    rate: number;
    durationSeconds: number;
    /**
     * Requests rotate through the target's users 0..users-1 (headers, path and body together), each
     * with a keep-alive connection of its own: a request whose user's connection is still busy waits
     * for it, and that wait counts.
     */
    users: number;
    sliceSeconds?: number;
  },
): Promise<LoadSummary & { slices: FixedRateSlice[]; machine: MachineShare }> {
  assertLoopback(target.url);
  const url = new URL(target.url);
  const interval = 1000 / options.rate;
  const total = Math.min(Math.round(options.rate * options.durationSeconds), 1_000_000); // bounded in number too
  // One connection per user, as each user's browser has its own. A web worker keeps every connection
  // it is handed, one after the other, so the users' connections, opened in turn by their first
  // requests, spread evenly over the workers, as many users' would. (A shared pool opened as many as
  // were ever busy at once, and an odd number of them put more load on one worker.)
  const agents = Array.from({ length: options.users }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));

  const latencies = new Float64Array(total);
  const sliceOf = new Uint32Array(total); // the slice of each recorded latency, by its scheduled time
  const sliceMs = (options.sliceSeconds ?? SLICE_SECONDS) * 1000;
  const sliceCount = Math.max(1, Math.ceil((total * interval) / sliceMs));
  // From the request's number, not its time: start + i × interval − start is not always i × interval
  // in floating point, and would put a request on a slice's edge into the one before.
  const sliceIndex = (index: number) => Math.min(sliceCount - 1, Math.floor((index * 1000) / (options.rate * sliceMs)));
  let recorded = 0;
  const status = { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 };
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let lastEnd = 0;
  const inFlight = new Map<number, { scheduled: number; request: http.ClientRequest }>();

  const start = performance.now() + 20; // a little ahead, so request 0 is not late by construction
  let next = 0;
  let stopped = false;
  let sendTimer: NodeJS.Timeout | undefined;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));

  const record = (index: number, at: number) => {
    const entry = inFlight.get(index);
    if (!entry) return false; // already counted (a timeout, then the error of its destroyed request)
    inFlight.delete(index);
    sliceOf[recorded] = sliceIndex(index);
    latencies[recorded++] = at - entry.scheduled;
    if ((stopped || next >= total) && inFlight.size === 0) done();
    return true;
  };

  const send = (index: number, scheduled: number) => {
    const user = index % options.users; // headers, path and body of one user go together (their own attempt, say)
    const body = target.bodyFor?.(user);
    const headers: Record<string, string> = { ...target.headersFor(user) };
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const request = http.request({
      agent: agents[user],
      host: url.hostname,
      port: url.port,
      method: target.method,
      path: target.pathFor?.(user) ?? `${url.pathname}${url.search}`,
      headers,
    });
    inFlight.set(index, { scheduled, request });
    request.on("response", (response) => {
      response.resume(); // the body is read (and thrown away): the latency ends with its last byte
      response.on("end", () => {
        const now = performance.now();
        if (!record(index, now)) return;
        lastEnd = now;
        const code = response.statusCode ?? 0;
        const kind = code >= 500 ? "5xx" : code >= 400 ? "4xx" : code >= 300 ? "3xx" : code >= 200 ? "2xx" : null;
        if (kind) status[kind]++;
        if (kind !== "2xx") non2xx++;
      });
    });
    request.on("error", () => {
      if (record(index, performance.now())) errors++;
    });
    request.end(body);
  };

  // Sends every request whose time has come, then sleeps until the next one is due. Node's timers wake
  // up to ~1 ms late; the latency still counts from the scheduled time.
  const tick = () => {
    if (stopped) return;
    const now = performance.now();
    while (next < total && start + next * interval <= now) {
      send(next, start + next * interval);
      next++;
    }
    if (next < total) sendTimer = setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
    else if (inFlight.size === 0) done();
  };

  // A request unanswered TIMEOUT_MS after its scheduled time is given up: it counts as a timeout (an
  // error) and its latency as TIMEOUT_MS, so an overloaded page cannot look fast by dropping its slowest.
  const sweep = setInterval(() => {
    const now = performance.now();
    for (const [index, entry] of inFlight) {
      if (now - entry.scheduled < TIMEOUT_MS) continue;
      inFlight.delete(index);
      sliceOf[recorded] = sliceIndex(index);
      latencies[recorded++] = TIMEOUT_MS;
      timeouts++;
      errors++;
      entry.request.destroy();
    }
    if ((stopped || next >= total) && inFlight.size === 0) done();
  }, 100);

  const stop = () => {
    stopped = true;
    clearTimeout(sendTimer);
    done();
  };
  const untrack = trackLoad({ stop });
  sendTimer = setTimeout(tick, Math.max(0, start - performance.now()));
  // The machine's counters at each slice's start and at the end of the last one (so also the whole run's).
  const machineAt: (MachineCpu | null)[] = [];
  const readMachine = () => {
    machineAt.push(machineCpu());
    if (machineAt.length <= sliceCount && !stopped) {
      sliceTimer = setTimeout(readMachine, Math.max(0, start + machineAt.length * sliceMs - performance.now()));
    }
  };
  let sliceTimer = setTimeout(readMachine, Math.max(0, start - performance.now()));
  // The sweep ends every request by TIMEOUT_MS after the last is scheduled; this is only a backstop.
  const watchdog = setTimeout(stop, options.durationSeconds * 1000 + TIMEOUT_MS + 5_000);
  try {
    await finished;
  } finally {
    clearInterval(sweep);
    clearTimeout(watchdog);
    clearTimeout(sendTimer);
    clearTimeout(sliceTimer);
    if (machineAt.length === sliceCount) machineAt.push(machineCpu()); // the last slice ends with the run
    untrack();
    for (const entry of inFlight.values()) entry.request.destroy();
    for (const agent of agents) agent.destroy();
  }

  const slices: FixedRateSlice[] = Array.from({ length: sliceCount }, (_, slice) => {
    const inSlice = latencies.subarray(0, recorded).filter((_, i) => sliceOf[i] === slice).sort();
    return {
      requests: inSlice.length,
      p99: percentile(inSlice, 0.99),
      machine: machineShare(machineAt[slice] ?? null, machineAt[slice + 1] ?? null),
    };
  });
  const sorted = latencies.subarray(0, recorded).sort();
  const at = (q: number) => percentile(sorted, q);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const answered = recorded - errors; // errors include the timeouts
  // Delivered rate: answered requests over the offered window, or until the last answer if that came
  // later. A server that keeps up delivers the offered rate; an overloaded one falls behind.
  const seconds = Math.max((total * interval) / 1000, (lastEnd - start) / 1000);
  return {
    rps: round(answered / seconds),
    requests: answered,
    durationSeconds: round(seconds),
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: recorded ? round(sorted[recorded - 1]!) : 0, average: recorded ? round(sum / recorded) : 0 },
    non2xx,
    errors,
    timeouts,
    statusCounts: status,
    slices,
    machine: machineShare(machineAt[0] ?? null, machineAt.at(-1) ?? null),
  };
}

/** The q-quantile of sorted latencies (the smallest value at least q of them do not exceed), rounded. */
const percentile = (sorted: Float64Array, q: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!) : 0);

const round = (value: number) => Math.round(value * 10) / 10;
