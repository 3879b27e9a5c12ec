import { describe, expect, it } from "vitest";
import { THROTTLE, throttleVerdict } from "./sign-in-throttle";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("throttleVerdict", () => {
  it("allows sign-in below the account limit", () => {
    expect(throttleVerdict([1, 2, 3, 4].map(minutesAgo), [], now)).toEqual({ allowed: true });
  });

  it("locks the account at the limit until the oldest counted failure leaves the window", () => {
    const failures = [1, 2, 3, 4, 10].map(minutesAgo);
    expect(throttleVerdict(failures, [], now)).toEqual({ allowed: false, reason: "account", retryAfterMinutes: 5 });
  });

  it("forgets failures older than the window", () => {
    const failures = [1, 2, 3, 4, THROTTLE.windowMinutes + 1].map(minutesAgo);
    expect(throttleVerdict(failures, [], now).allowed).toBe(true);
  });

  it("locks an address after many failures across accounts", () => {
    const failures = Array.from({ length: THROTTLE.failuresPerAddress }, (_, i) => minutesAgo(i * 0.5));
    expect(throttleVerdict([], failures, now)).toMatchObject({ allowed: false, reason: "address" });
  });
});
