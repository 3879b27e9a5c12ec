import { describe, expect, it } from "vitest";
import { PasswordSchema } from "./password-policy";

const message = (password: string) => PasswordSchema.safeParse(password).error?.issues[0]?.message;

describe("PasswordSchema", () => {
  it("accepts a long passphrase", () => {
    expect(PasswordSchema.safeParse("one day at a time").success).toBe(true);
  });
  it("refuses short, common and repetitive passwords with a reason", () => {
    expect(message("abc123")).toMatch(/at least 10 characters/);
    expect(message("Password123")).toMatch(/too common/);
    expect(message("aaaaaaaaaaaa")).toMatch(/more different characters/);
  });
});
