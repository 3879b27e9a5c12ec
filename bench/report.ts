// Tables on stdout, target checks, and the JSON file in bench/results/.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SLICE_SECONDS, type FixedRateSlice } from "./fixed-rate";
import type { LoadSummary } from "./load";
import { ROOT } from "./processes";

export type ScenarioResult = {
  id: string;
  name: string;
  measures: string;
  available: boolean;
  reason?: string;
  /** At saturation: `connections` connections sending as fast as the server answers. */
  saturated?: LoadSummary;
  /** At a fixed offered load of `offeredRps` requests a second. */
  fixedRate?: LoadSummary & { offeredRps: number; slices?: FixedRateSlice[] };
  /** The whole machine during the fixed-rate run: busy and stolen-by-the-host shares of its cores (Linux only). */
  fixedRateMachine?: { busyPercent: number; stolenPercent: number } | null;
  /**
   * CPU the bench process spent per request of the fixed-rate run, in ms: the load generator (for the
   * bare node:http ceiling, which runs in a thread of this process, its server too).
   */
  fixedRateGeneratorMs?: number;
  /** CPU per request at saturation (ms): the app server's process, and PostgreSQL's (Linux only). */
  saturatedCpu?: { serverMs: number; postgresMs: number } | null;
  /** The same during the fixed-rate run. */
  fixedRateCpu?: { serverMs: number; postgresMs: number } | null;
  /** Peak resident memory of the app server process while the scenario ran (MiB). */
  peakRssMiB?: number | null;
  /** Saturated requests/s as a fraction of each ceiling's. */
  ratioToNodeCeiling?: number | null;
  ratioToNoDbPage?: number | null;
};

export type TargetCheck = { target: string; verdict: "pass" | "FAIL" | "not measured"; detail: string };

export const P99_TARGET_MS = 50;
const SLICE_SECONDS_LABEL = `${SLICE_SECONDS}-s`;
export const VERIFY_RATIO_TARGET = 0.7;
export const ANSWER_SAVES_TARGET = 1_000;

/** Fixed-rate runs that delivered less than this share of the offered load are flagged. */
const SUSTAINED = 0.95;

const number = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value) ? "–" : value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (value: number | null | undefined) =>
  value === null || value === undefined ? "–" : `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
const ms = (value: number | undefined) => (value === undefined ? "–" : `${number(value, value < 10 ? 1 : 0)} ms`);

export function table(headers: string[], rows: string[][], align: ("l" | "r")[] = []) {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => ((align[i] ?? (i === 0 ? "l" : "r")) === "l" ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(headers), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].map((text) => text.trimEnd()).join("\n");
}

/** "10-s slice: p99 21 ms (machine 52% busy, 0.4% stolen), 48 ms (…), …": whether one part of the run set its p99. */
export function sliceText(slices: readonly FixedRateSlice[]) {
  const machine = (slice: FixedRateSlice) => (slice.machine ? ` (machine ${slice.machine.busyPercent}% busy, ${slice.machine.stolenPercent}% stolen)` : "");
  return `${SLICE_SECONDS_LABEL} slice: p99 ${slices.map((slice) => `${ms(slice.p99)}${machine(slice)}`).join(", ")}`;
}

export function sustained(run: ScenarioResult["fixedRate"]) {
  return !run || run.rps >= run.offeredRps * SUSTAINED;
}

/** The main table: one row per scenario. */
export function scenarioTable(results: ScenarioResult[], options: { connections: number; rate: number }) {
  const rows = results.map((result) => {
    if (!result.available) return [result.name, "not available", "", "", "", "", "", "", ""];
    const fixed = result.fixedRate;
    const flag = sustained(fixed) ? "" : " *";
    return [
      result.name,
      number(result.saturated?.rps),
      ratio(result.ratioToNodeCeiling),
      ratio(result.ratioToNoDbPage),
      ms(fixed?.latencyMs.p50),
      `${ms(fixed?.latencyMs.p99)}${flag}`,
      `${number(result.saturated?.non2xx)} / ${number(fixed?.non2xx)}`,
      `${number((result.saturated?.errors ?? 0))} / ${number(fixed?.errors)}`,
      result.peakRssMiB ? `${number(result.peakRssMiB)} MiB` : "–",
    ];
  });
  const text = table(
    ["Scenario", `req/s (${options.connections} conn.)`, "× node", "× no-DB page", `p50 @${options.rate}/s`, `p99 @${options.rate}/s`, "non-2xx sat/fixed", "errors sat/fixed", "peak RSS"],
    rows,
  );
  const notes: string[] = [];
  if (results.some((result) => result.available && !sustained(result.fixedRate))) {
    notes.push(`* the server delivered under ${SUSTAINED * 100}% of the offered ${options.rate} req/s: that latency is an overloaded server's.`);
  }
  for (const result of results.filter((r) => !r.available)) notes.push(`Not available: ${result.name}: ${result.reason ?? "?"}`);
  return [text, ...notes].join("\n");
}

/** The issue's targets, checked against one run. */
export function checkTargets(results: ScenarioResult[], rate: number): TargetCheck[] {
  const byId = new Map(results.map((result) => [result.id, result]));
  const checks: TargetCheck[] = [];
  const verify = byId.get("verify-page");
  const noDb = byId.get("no-db-page");
  if (verify?.available && noDb?.available && verify.saturated && noDb.saturated) {
    const share = verify.saturated.rps / noDb.saturated.rps;
    checks.push({
      target: `Verification page ≥ ${VERIFY_RATIO_TARGET * 100}% of the no-database page's saturated req/s`,
      verdict: share >= VERIFY_RATIO_TARGET ? "pass" : "FAIL",
      detail: `${(share * 100).toFixed(0)}% (${number(verify.saturated.rps)} vs ${number(noDb.saturated.rps)} req/s)`,
    });
  } else {
    checks.push({
      target: `Verification page ≥ ${VERIFY_RATIO_TARGET * 100}% of the no-database page's saturated req/s`,
      verdict: "not measured",
      detail: verify?.reason ?? noDb?.reason ?? "scenario not run",
    });
  }
  for (const result of results) {
    if (!result.available || !result.fixedRate) continue;
    const p99 = result.fixedRate.latencyMs.p99;
    const ok = p99 < P99_TARGET_MS && sustained(result.fixedRate) && result.fixedRate.non2xx === 0 && result.fixedRate.errors === 0;
    checks.push({
      target: `p99 < ${P99_TARGET_MS} ms at ${rate} req/s: ${result.name}`,
      verdict: ok ? "pass" : "FAIL",
      detail:
        `p99 ${ms(p99)}` +
        (result.fixedRate.slices && result.fixedRate.slices.length > 1 ? ` (by ${SLICE_SECONDS_LABEL} slice: ${result.fixedRate.slices.map((slice) => ms(slice.p99)).join(", ")})` : "") +
        (sustained(result.fixedRate) ? "" : `, only ${number(result.fixedRate.rps)} req/s delivered`) +
        (result.fixedRate.non2xx || result.fixedRate.errors ? `, ${result.fixedRate.non2xx} non-2xx and ${result.fixedRate.errors} errors` : "") +
        (result.fixedRate.timeouts ? ` (${result.fixedRate.timeouts} unanswered after 10 s)` : ""),
    });
  }
  const saves = byId.get("exam-answer-save");
  checks.push(
    saves?.available && saves.saturated
      ? {
          target: `≥ ${number(ANSWER_SAVES_TARGET)} exam answer saves a second`,
          verdict: saves.saturated.rps >= ANSWER_SAVES_TARGET && saves.saturated.non2xx === 0 && saves.saturated.errors === 0 ? "pass" : "FAIL",
          detail: `${number(saves.saturated.rps)} saves/s, ${saves.saturated.non2xx} non-2xx, ${saves.saturated.errors} errors`,
        }
      : { target: `≥ ${number(ANSWER_SAVES_TARGET)} exam answer saves a second`, verdict: "not measured", detail: saves?.reason ?? "scenario not run" },
  );
  return checks;
}

export function targetsText(checks: TargetCheck[]) {
  return table(
    ["Target", "Verdict", "Measured"],
    checks.map((check) => [check.target, check.verdict, check.detail]),
    ["l", "l", "l"],
  );
}

export function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  };
}

/** Writes bench/results/<timestamp>.json and returns its path. */
export function writeResults(report: Record<string, unknown>) {
  const dir = path.join(ROOT, "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ ...report, machine: machine() }, null, 2)}\n`);
  return path.relative(ROOT, file);
}
