import { describe, expect, it } from "vitest";
import { connectionsPerProcess, parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("fills defaults for the embedded set-up", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: "./data", EMBEDDED_PG_PORT: 5433 });
    expect(env.DATABASE_URL).toBeUndefined();
  });
  it("treats empty variables as unset", () => {
    const env = parseEnv({ PORT: "", DATABASE_URL: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });
  it("names the variable that is wrong in one line", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/^Invalid environment variable PORT: /);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgresql:\/\//);
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET: must be at least 32 characters/);
  });
});

describe("connectionsPerProcess", () => {
  it("gives one serving process the whole pool, and shares it out among web workers", () => {
    expect(connectionsPerProcess(parseEnv({}))).toBe(16);
    expect(connectionsPerProcess(parseEnv({ WEB_CONCURRENCY: "2" }))).toBe(8);
    expect(connectionsPerProcess(parseEnv({ WEB_CONCURRENCY: "3", DATABASE_POOL_SIZE: "20" }))).toBe(7);
  });
  it("leaves every process at least two connections", () => {
    expect(connectionsPerProcess(parseEnv({ WEB_CONCURRENCY: "64" }))).toBe(2);
  });
  it("refuses a pool too small to serve", () => {
    expect(() => parseEnv({ DATABASE_POOL_SIZE: "1" })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
