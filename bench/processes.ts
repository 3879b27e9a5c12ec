// Child processes of the bench: the production server (`npx tsx server/index.ts`), the proxy, the
// build. Every child is started in its own process group and remembered, so that it is stopped when
// the bench ends, fails or gets Ctrl-C, and nothing (the embedded PostgreSQL included) is left behind.
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type Child = {
  label: string;
  process: ChildProcess;
  /** The last lines the child printed, for error messages. */
  output: string[];
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

const children = new Set<Child>();

/**
 * Whether any process of the group led by `pid` is still running. On Linux, /proc tells, and zombies
 * (exited, waiting for a parent to reap them) do not count; elsewhere signal 0 asks the kernel.
 */
function groupAlive(pid: number) {
  try {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      } catch {
        continue; // it ended while we looked
      }
      // "pid (comm) state ppid pgrp ...": comm may hold spaces, so read after its closing parenthesis.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pid && state !== "Z" && state !== "X") return true;
    }
    return false;
  } catch {
    try {
      process.kill(-pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "EPERM";
    }
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || !groupAlive(child.pid)) return;
  try {
    process.kill(-child.pid, signal); // the whole group: npx, tsx, node, and PostgreSQL under it
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Starts a child in its own process group; its output is kept (last 200 lines) and echoed when asked. */
export function startChild(
  label: string,
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; echo?: boolean },
): Child {
  const proc = spawn(command, args, { cwd: ROOT, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line.trim()) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      if (options.echo) process.stderr.write(`  [${label}] ${line}\n`);
    }
  };
  proc.stdout?.on("data", remember);
  proc.stderr?.on("data", remember);
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  const child: Child = {
    label,
    process: proc,
    output,
    exited,
    stop: async () => {
      // npx exits at once on SIGTERM while the server under it still shuts down (and stops
      // PostgreSQL): wait until the whole group is gone, so the data dir is free afterwards.
      if (proc.pid !== undefined && groupAlive(proc.pid)) {
        signalGroup(proc, "SIGTERM");
        const deadline = Date.now() + 20_000;
        while (groupAlive(proc.pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        if (groupAlive(proc.pid)) {
          process.stderr.write(`${label} did not stop within 20 s; killing it.\n`);
          signalGroup(proc, "SIGKILL");
          const killDeadline = Date.now() + 5_000;
          while (groupAlive(proc.pid) && Date.now() < killDeadline) await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      children.delete(child);
    },
  };
  proc.on("error", (error) => output.push(`could not start: ${error.message}`));
  children.add(child);
  return child;
}

/** Stops every child, the most recently started first (a second app instance before the first). */
export async function stopAllChildren() {
  for (const child of [...children].reverse()) await child.stop();
}

/** Last resort on process exit: synchronous SIGKILL to every group still running. */
export function killAllChildrenNow() {
  for (const child of children) signalGroup(child.process, "SIGKILL");
}

/** A TCP port nobody listens on right now, chosen by the OS on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The first free port at or above `from` (for the smoke run's fixed range). */
export async function freePortFrom(from: number): Promise<number> {
  for (let port = from; port < from + 500; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`No free port between ${from} and ${from + 499}.`);
}

/** `npx remix build`, the production build the server serves. */
export function buildApp() {
  process.stderr.write("Building the production server (npx remix build)...\n");
  const result = spawnSync("npx", ["remix", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`npx remix build failed (exit ${result.status}).`);
}

/** Waits until the child prints `text`; if it exits or takes too long, stops it and throws with its output. */
export async function waitForOutput(child: Child, text: string, timeoutSeconds: number) {
  const outcome = await new Promise<"ready" | "exited" | "timeout">((resolve) => {
    if (child.output.some((line) => line.includes(text))) return resolve("ready");
    const timer = setTimeout(() => resolve("timeout"), timeoutSeconds * 1000);
    timer.unref();
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes(text)) {
        clearTimeout(timer);
        child.process.stdout?.off("data", onData);
        resolve("ready");
      }
    };
    child.process.stdout?.on("data", onData);
    void child.exited.then(() => {
      clearTimeout(timer);
      resolve("exited");
    });
  });
  if (outcome === "ready") return;
  await child.stop();
  throw new Error(
    `${child.label} did not start (${outcome === "timeout" ? `no "${text}" within ${timeoutSeconds} s` : "it exited"}). Its last output:\n` +
      child.output.slice(-30).map((line) => `  ${line}`).join("\n"),
  );
}

/** Starts bench/proxy.ts in its own process (so it does not share the load generator's event loop). */
export async function startProxyProcess(label: string, port: number, targetPorts: number[]): Promise<{ url: string; child: Child }> {
  const args = ["bench/proxy.ts", "--port", String(port), ...targetPorts.flatMap((target) => ["--target", `127.0.0.1:${target}`])];
  const child = startChild(label, path.join(ROOT, "node_modules", ".bin", "tsx"), args, { env: { ...process.env } });
  await waitForOutput(child, "Proxy listening", 60);
  return { url: `http://127.0.0.1:${port}`, child };
}

export type AppServer = {
  label: string;
  url: string;
  port: number;
  /** The node process running server/index.ts (under npx and tsx), for memory samples. */
  serverPid: number;
  child: Child;
};

/**
 * Starts the production server as `npm run serve` does (`npx tsx --no-memory-reducer server/index.ts`,
 * see docs/operations.md) and waits for "PeerPath is running".
 * Either on its own embedded PostgreSQL (dataDir + pgPort) or on another one (databaseUrl).
 */
export async function startAppServer(options: {
  label: string;
  port: number;
  dataDir?: string;
  pgPort?: number;
  databaseUrl?: string;
  timeoutSeconds?: number;
  echo?: boolean;
  /** WEB_CONCURRENCY: how many web worker processes serve (1: the server process itself). */
  workers?: number;
}): Promise<AppServer> {
  // The load generator is one client address: lift the public verification limit (60 a minute per
  // address by default) so the verification scenario measures pages, not refusals.
  const workers = options.workers ?? 1;
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(options.port), LOG_REQUESTS: "false", VERIFY_RATE_LIMIT: "1000000", WEB_CONCURRENCY: String(workers) };
  delete env.DATABASE_URL;
  delete env.SEED_DEMO;
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    env.SEED_DEMO = "false";
  } else {
    if (!options.dataDir || !options.pgPort) throw new Error("startAppServer needs dataDir and pgPort, or databaseUrl");
    env.DATA_DIR = options.dataDir;
    env.EMBEDDED_PG_PORT = String(options.pgPort);
  }
  process.stderr.write(
    `Starting ${options.label} on port ${options.port}${workers > 1 ? ` with ${workers} web workers` : ""}${options.databaseUrl ? "" : ` (embedded PostgreSQL on ${options.pgPort}, data in ${options.dataDir})`}...\n`,
  );
  const child = startChild(options.label, "npx", ["tsx", "--no-memory-reducer", "server/index.ts"], { env, echo: options.echo });
  const timeoutSeconds = options.timeoutSeconds ?? 300;
  await waitForOutput(child, "PeerPath is running", timeoutSeconds);
  const serverPid = (await serverProcessPid(child.process.pid!, workers > 1)) ?? child.process.pid!;
  return { label: options.label, url: `http://127.0.0.1:${options.port}`, port: options.port, serverPid, child };
}

/**
 * npx starts tsx, which starts node with its loader: the server is the deepest process under the
 * child whose command line names server/index.ts (PostgreSQL, its own child, does not); with web
 * workers those are the deepest, and the server is their parent.
 */
async function serverProcessPid(rootPid: number, withWorkers: boolean): Promise<number | null> {
  const table = await new Promise<string>((resolve) =>
    execFile("ps", ["-e", "-o", "pid=,ppid=,args="], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => resolve(error ? "" : stdout)),
  );
  const processes = table
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), args: match[3]! }));
  let best: { pid: number; ppid: number; depth: number } | null = null;
  const walk = (pid: number, depth: number) => {
    for (const child of processes.filter((p) => p.ppid === pid)) {
      if (child.args.includes("server/index.ts") && (!best || depth > best.depth)) best = { pid: child.pid, ppid: child.ppid, depth };
      walk(child.pid, depth + 1);
    }
  };
  walk(rootPid, 1);
  const deepest = best as { pid: number; ppid: number; depth: number } | null;
  return (withWorkers ? deepest?.ppid : deepest?.pid) ?? null;
}
