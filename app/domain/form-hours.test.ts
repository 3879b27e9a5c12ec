import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formHours, parsePlainDecimal } from "./form-hours";

describe("parsePlainDecimal", () => {
  it.each([
    ["2", 2],
    ["1.5", 1.5],
    [".5", 0.5],
    [" 0.25 ", 0.25],
    ["-1", -1],
  ])("reads %j as %d", (text, value) => {
    expect(parsePlainDecimal(text)).toBe(value);
  });

  it.each(["", " ", "1e1", "0x2", "0b1", "Infinity", "1.", "1,5", "1.5.2", "+1", "2 h"])("reads %j as no number", (text) => {
    expect(parsePlainDecimal(text)).toBeNaN();
  });
});

describe("formHours", () => {
  const schema = formHours(z.number().positive("Hours must be more than 0"));
  const message = (value: unknown) => {
    const result = schema.safeParse(value);
    return result.success ? null : result.error.issues.map((issue) => issue.message);
  };

  it("asks for blank or missing hours instead of calling them 0", () => {
    expect(message("")).toEqual(["Enter the hours"]);
    expect(message("   ")).toEqual(["Enter the hours"]);
    expect(message(undefined)).toEqual(["Enter the hours"]);
  });

  it("reads only plain decimals, then applies the rules given", () => {
    expect(schema.parse(" 1.75 ")).toBe(1.75);
    expect(message("1e1")).toEqual(["Enter the hours as a number, like 1.5"]);
    expect(message("0x2")).toEqual(["Enter the hours as a number, like 1.5"]);
    expect(message("-1")).toEqual(["Hours must be more than 0"]);
  });
});
