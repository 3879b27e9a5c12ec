import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formHours, formWholeNumber, parsePlainDecimal, parseWholeNumber, wholeNumberMessages } from "./form-numbers";

/** The messages a form field's schema gives for what was typed; null when it reads it. */
const messagesOf = (schema: z.ZodType) => (value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues.map((issue) => issue.message);
};

type ParserCase = { parser: string; parse: (text: string) => number; numbers: [string, number][]; notNumbers: string[] };

describe.each<ParserCase>([
  {
    parser: "parsePlainDecimal",
    parse: parsePlainDecimal,
    numbers: [["2", 2], ["1.5", 1.5], [".5", 0.5], [" 0.25 ", 0.25], ["-1", -1]],
    notNumbers: ["", " ", "1e1", "0x2", "0b1", "Infinity", "1.", "1,5", "1.5.2", "+1", "2 h"],
  },
  {
    parser: "parseWholeNumber",
    parse: parseWholeNumber,
    numbers: [["12", 12], [" 12 ", 12], ["0", 0], ["012", 12], ["-1", -1]],
    notNumbers: ["", " ", "1e1", "0x2", "0b1", "0o7", "Infinity", "1_000", "1,000", "2.5", "12.0", ".5", "+1", "12 places", "twelve"],
  },
])("$parser", ({ parse, numbers, notNumbers }) => {
  it.each(numbers)("reads %j as %d", (text, value) => {
    expect(parse(text)).toBe(value);
  });

  it.each(notNumbers)("reads %j as no number", (text) => {
    expect(parse(text)).toBeNaN();
  });
});

const places = formWholeNumber(wholeNumberMessages("the number of places", 12), z.number().min(1, "Offer at least 1 place"));
const hours = formHours(z.number().positive("Hours must be more than 0"));

describe("a number field left blank or missing", () => {
  it.each([
    ["places", places, "Enter the number of places"],
    ["hours", hours, "Enter the hours"],
  ])("is asked for by its name instead of read as 0 (%s)", (_field, schema, asked) => {
    for (const value of ["", "   ", undefined]) expect(messagesOf(schema)(value), String(value)).toEqual([asked]);
  });
});

describe("formWholeNumber", () => {
  const schema = places;
  const message = messagesOf(schema);

  it("reads only plain digits, naming the field and showing an example, then applies the rules given", () => {
    expect(schema.parse(" 12 ")).toBe(12);
    for (const text of ["1e1", "0x2", "1_000", "2.5", "Infinity"]) expect(message(text), text).toEqual(["Enter the number of places as a whole number, such as 12"]);
    expect(message("0")).toEqual(["Offer at least 1 place"]);
    expect(message("-3")).toEqual(["Offer at least 1 place"]);
  });
});

describe("formHours", () => {
  const schema = hours;
  const message = messagesOf(schema);

  it("reads only plain decimals, then applies the rules given", () => {
    expect(schema.parse(" 1.75 ")).toBe(1.75);
    expect(message("1e1")).toEqual(["Enter the hours as a number, like 1.5"]);
    expect(message("0x2")).toEqual(["Enter the hours as a number, like 1.5"]);
    expect(message("-1")).toEqual(["Hours must be more than 0"]);
  });
});
