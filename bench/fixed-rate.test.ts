import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { runFixedRate } from "./fixed-rate";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/**
 * A server that answers at once, except that it holds the requests `stall.from` to `stall.to` (counted
 * from 0 in the order they arrive) for `holdMs`. Counted, not timed: on a loaded machine a pause of
 * the test itself would move a window in time onto the requests around it.
 */
async function serverWithStall(stall: { from: number; to: number; holdMs: number }) {
  let arrived = 0;
  server = http.createServer((_request, response) => {
    const index = arrived++;
    const hold = index >= stall.from && index < stall.to ? stall.holdMs : 0;
    setTimeout(() => response.end("ok"), hold);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
}

describe("runFixedRate", () => {
  test("a stall shows in the slice it happened in, and only there", async () => {
    // Held a whole second, so that a slow machine running other tests beside this one stays far below it.
    // The 111th to the 150th requests: 40 of the middle second's.
    const url = await serverWithStall({ from: 110, to: 150, holdMs: 1_000 });
    // A user a second: each connection's requests are a second apart, so a held one delays no other.
    const run = await runFixedRate({ url, method: "GET", headersFor: () => ({}) }, { rate: 100, durationSeconds: 3, users: 100, sliceSeconds: 1 });

    expect(run.requests).toBe(300);
    expect(run.errors).toBe(0);
    expect(run.slices.map((slice) => slice.requests)).toEqual([100, 100, 100]);
    // 40 of the middle second's 100 requests waited a second; the seconds around it did not wait.
    expect(run.slices[1]!.p99).toBeGreaterThanOrEqual(1_000);
    expect(run.slices[0]!.p99).toBeLessThan(800);
    expect(run.slices[2]!.p99).toBeLessThan(800);
    // Over the whole run 40 of 300 waited: more than 1%, so the run's p99 is the stall's.
    expect(run.latencyMs.p99).toBeGreaterThanOrEqual(1_000);
    expect(run.latencyMs.p50).toBeLessThan(800);
  });

  test("each user's requests go over a connection of their own, opened in turn", async () => {
    const requestsBySocket = new Map<object, number>();
    server = http.createServer((request, response) => {
      requestsBySocket.set(request.socket, (requestsBySocket.get(request.socket) ?? 0) + 1);
      response.end("ok");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const run = await runFixedRate({ url, method: "GET", headersFor: () => ({}) }, { rate: 100, durationSeconds: 1, users: 4 });

    expect(run.requests).toBe(100);
    // Four connections, so a server with two workers would get two each, and each carried a quarter.
    expect([...requestsBySocket.values()]).toEqual([25, 25, 25, 25]);
  });
});
