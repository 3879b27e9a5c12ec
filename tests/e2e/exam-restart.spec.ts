// An exam attempt survives a server restart: this file runs a second PeerPath server of its own (own
// port, own embedded PostgreSQL, own data directory), stops it with SIGTERM in the middle of an
// attempt, starts it again on the same data and checks that every answer is still there and that the
// clock still counts down to the deadline the server recorded. Like exams.spec.ts it needs the demo
// trainee to have complete IC&RC PR training hours in the seed.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

const PORT = 3190;
const PG_PORT = 54390;
const DATA_DIR = "./data-e2e-restart";
const READY = "PeerPath is running";
const EXAM = "IC&RC Peer Recovery exam";

let server: ChildProcess | null = null;
let output = "";

function clockSeconds(text: string | null): number {
  return (text ?? "").trim().split(":").map(Number).reduce((total, part) => total * 60 + part, 0);
}

/** Starts `npx tsx server/index.ts` in its own process group and waits for it to say it is running. */
function startServer(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), EMBEDDED_PG_PORT: String(PG_PORT), DATA_DIR, NODE_ENV: "production" };
  delete env.DATABASE_URL; // this server must use its own embedded database
  const from = output.length;
  const child = spawn("npx", ["tsx", "server/index.ts"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The second server did not start within 180 s. Its output:\n${output.slice(from)}`)), 180_000);
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.slice(from).includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onOutput);
    child.stderr!.on("data", onOutput);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The second server exited (code ${code}) before it was running. Its output:\n${output.slice(from)}`));
    });
  });
}

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: "localhost" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });

/**
 * SIGTERM to the server's process group (npx, tsx, node and the PostgreSQL it started), as a process
 * manager would send it; waits until every one of them has gone and both ports are free. Only if
 * that takes over 30 s is the group killed.
 */
async function stopServer() {
  const child = server;
  server = null;
  if (!child?.pid) return;
  const pid = child.pid;
  if (groupAlive(pid)) process.kill(-pid, "SIGTERM");
  const until = Date.now() + 30_000;
  while (groupAlive(pid) || (await portOpen(PORT)) || (await portOpen(PG_PORT))) {
    if (Date.now() > until) {
      if (groupAlive(pid)) process.kill(-pid, "SIGKILL");
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test.use({ baseURL: `http://localhost:${PORT}` });
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  await startServer();
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await stopServer();
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
});

test("answers and the deadline survive a server restart", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, DEMO.trainee);
  await page.goto("/exams");
  await expectAccessible(page);
  const start = page.getByRole("region", { name: EXAM, exact: true }).getByRole("button", { name: /Start the exam|Resume your attempt/ });
  await expect(start, "the demo trainee needs complete IC&RC PR training hours in the seed").toBeVisible();
  await start.click();
  await expect(page.getByRole("heading", { name: "Question 1 of 44" })).toBeVisible();
  const attemptPath = new URL(page.url()).pathname.replace(/\/1$/, "");

  // Three answers; the third is saved by the fetcher alone, with no form post after it.
  const chosen: string[] = [];
  for (const position of [1, 2, 3]) {
    await expect(page.getByRole("heading", { name: `Question ${position} of 44` })).toBeVisible();
    await expectAccessible(page);
    const option = page.locator(".exam-question .exam-option").first();
    chosen.push((await option.locator("label").textContent())!);
    await option.locator("input").check();
    await expect(page.getByRole("status")).toContainText("Answer saved");
    if (position < 3) await page.getByRole("button", { name: "Save and next" }).click();
  }
  const timer = page.getByRole("timer");
  const leftBefore = clockSeconds(await timer.textContent());
  const readAt = Date.now();

  await stopServer();
  await startServer();

  await page.reload();
  await expect(page.getByRole("heading", { name: "Question 3 of 44" })).toBeVisible();
  await expectAccessible(page);
  // Still counting toward the deadline recorded at the start, not started over.
  const leftAfter = clockSeconds(await timer.textContent());
  const expected = leftBefore - (Date.now() - readAt) / 1000;
  expect(Math.abs(leftAfter - expected), `time left ${leftAfter} s, expected about ${Math.round(expected)} s`).toBeLessThanOrEqual(5);
  await expect.poll(async () => clockSeconds(await timer.textContent()), { timeout: 5_000 }).toBeLessThan(leftAfter);

  for (const [index, text] of chosen.entries()) {
    await page.goto(`${attemptPath}/${index + 1}`);
    await expect(page.getByRole("heading", { name: `Question ${index + 1} of 44` })).toBeVisible();
    await expect(page.getByLabel(text, { exact: true })).toBeChecked();
    await expectAccessible(page);
  }
  await expect(page.getByRole("navigation", { name: "Questions" })).toContainText("3 of 44 answered");
});
