import { describe, expect, it } from "vitest";
import { longDate, longDay, utcDateTime } from "./long-date";

describe("long dates", () => {
  it("read as the UTC calendar day, the way certificates print them", () => {
    expect(longDay("2027-03-05")).toBe("March 5, 2027");
    expect(longDate(new Date("2026-12-31T23:30:00Z"))).toBe("December 31, 2026");
    expect(longDate(new Date("2026-01-01T00:30:00+02:00"))).toBe("December 31, 2025");
  });

  it("print a stored time with its zone, as saved", () => {
    expect(utcDateTime("2026-11-27T18:33:05.123Z")).toBe("2026-11-27 18:33 UTC");
  });
});
