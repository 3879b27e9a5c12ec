import { describe, expect, it } from "vitest";
import { issueDates, renewedExpiry } from "./credentials";
import type { LedgerEntry } from "./eligibility";
import {
  NOT_RENEWABLE,
  ceCategoryLabel,
  ceCountsFrom,
  ceCategoryOptions,
  continuingEducationSchema,
  credentialActionSchema,
  credentialEventLabel,
  credentialFiltersSchema,
  currentPeriodStart,
  evaluateRenewal,
  expiryInWords,
  renewalOpensOn,
  type RenewalRule,
} from "./renewal";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

// The figures of content/requirements/: IC&RC 20 h in 2 years with 6 of ethics; Pennsylvania 36 h with
// 24 peer and recovery and 3 ethics (9 electives); Kentucky 6 h a year in any category.
const icrc: RenewalRule = { periodMonths: 24, continuingEducation: { totalHours: 20, categories: [{ key: "ethics", label: "Ethics", minHours: 6 }] } };
const pennsylvania: RenewalRule = {
  periodMonths: 24,
  continuingEducation: {
    totalHours: 36,
    categories: [
      { key: "peer-recovery", label: "Peer and recovery", minHours: 24 },
      { key: "ethics", label: "Ethics", minHours: 3 },
    ],
  },
};
const kentucky: RenewalRule = { periodMonths: 12, continuingEducation: { totalHours: 6, categories: [] } };

let counter = 0;
const ce = (hours: number, ceCategory: string | null, occurredOn = "2026-06-01", overrides: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id: `entry-${++counter}`,
  kind: "continuing-education",
  hours,
  courseDomain: null,
  ceCategory,
  status: "approved",
  occurredOn: day(occurredOn),
  ...overrides,
});

const period = { periodStart: day("2026-01-01"), asOf: day("2026-12-01") };

describe("evaluateRenewal", () => {
  it("says what is missing in total and per category", () => {
    const verdict = evaluateRenewal({ renewal: icrc, ledger: [ce(2, "ethics"), ce(8, "general")], ...period });
    expect(verdict.eligible).toBe(false);
    expect(verdict.totalHours).toBe(10);
    expect(verdict.items).toEqual([
      { key: "total", label: "Continuing education", required: 20, earned: 10, met: false, missing: "10 more hours of continuing education" },
      { key: "category:ethics", label: "Ethics", required: 6, earned: 2, met: false, missing: "4 more hours of continuing education in Ethics" },
    ]);
    expect(verdict.unmet).toEqual(["10 more hours of continuing education", "4 more hours of continuing education in Ethics"]);
  });

  it("counts hours beyond a category minimum toward the total, in any category (electives)", () => {
    const verdict = evaluateRenewal({
      renewal: pennsylvania,
      ledger: [ce(30, "peer-recovery"), ce(3, "ethics"), ce(3, "general")],
      ...period,
    });
    expect(verdict).toMatchObject({ eligible: true, unmet: [], totalHours: 36 });
  });

  it("needs the minimums even when the total is met", () => {
    const verdict = evaluateRenewal({ renewal: icrc, ledger: [ce(20, "general")], ...period });
    expect(verdict.eligible).toBe(false);
    expect(verdict.unmet).toEqual(["6 more hours of continuing education in Ethics"]);
  });

  it("counts only approved continuing education dated within the period, both ends included", () => {
    const ledger = [
      ce(1, null, "2026-01-01"),
      ce(1, null, "2026-12-01"),
      ce(5, null, "2025-12-31"),
      ce(5, null, "2026-12-02"),
      ce(5, null, "2026-06-01", { status: "pending" }),
      ce(5, null, "2026-06-01", { status: "voided" }),
      ce(5, null, "2026-06-01", { status: "rejected" }),
      ce(5, null, "2026-06-01", { kind: "training" }),
    ];
    const verdict = evaluateRenewal({ renewal: kentucky, ledger, ...period });
    expect(verdict.totalHours).toBe(2);
    expect(verdict.unmet).toEqual(["4 more hours of continuing education"]);
  });

  it("adds many small entries without floating-point drift", () => {
    const tenths = Array.from({ length: 60 }, () => ce(0.1, null));
    expect(evaluateRenewal({ renewal: kentucky, ledger: tenths, ...period })).toMatchObject({ eligible: true, totalHours: 6 });
    // Twenty-minute entries, as minutes read back from the ledger (1/3 hour each).
    const thirds = Array.from({ length: 18 }, () => ce(20 / 60, null));
    expect(evaluateRenewal({ renewal: kentucky, ledger: thirds, ...period })).toMatchObject({ eligible: true, totalHours: 6 });
    const almost = evaluateRenewal({ renewal: kentucky, ledger: [ce(5.99, null)], ...period });
    expect(almost.unmet).toEqual(["0.01 more hours of continuing education"]);
    expect(evaluateRenewal({ renewal: kentucky, ledger: [ce(5, null)], ...period }).unmet).toEqual(["1 more hour of continuing education"]);
  });

  it("says a credential without a renewal rule cannot be renewed here", () => {
    expect(evaluateRenewal({ renewal: null, ledger: [ce(50, null)], ...period })).toEqual({
      eligible: false,
      items: [],
      unmet: [NOT_RENEWABLE],
      totalHours: 0,
    });
  });
});

describe("currentPeriodStart", () => {
  it("is the day of issue for a first period", () => {
    const { issuedOn, expiresOn } = issueDates(day("2026-03-01"), 12);
    expect(expiresOn).toEqual(day("2027-02-28"));
    expect(currentPeriodStart(expiresOn, 12)).toEqual(issuedOn);
  });

  it("is the day after the previous expiry once renewed", () => {
    const renewed = renewedExpiry(day("2027-02-28"), 12);
    expect(renewed).toEqual(day("2028-02-29"));
    expect(currentPeriodStart(renewed, 12)).toEqual(day("2027-03-01"));
    expect(currentPeriodStart(day("2028-06-14"), 24)).toEqual(day("2026-06-15"));
  });
});

it("counts CE from the current period's start, or from the day of issue when the credential is not renewable", () => {
  const credential = { issuedOn: day("2026-11-27"), expiresOn: day("2028-11-26") };
  expect(ceCountsFrom(credential, icrc)).toEqual(day("2026-11-27"));
  expect(ceCountsFrom({ ...credential, expiresOn: day("2030-11-26") }, icrc)).toEqual(day("2028-11-27"));
  expect(ceCountsFrom({ issuedOn: new Date("2026-11-27T15:30:00Z"), expiresOn: day("2027-11-26") }, null)).toEqual(day("2026-11-27"));
  // An 18-month provisional credential under a 24-month rule: its period would reach back before issue.
  expect(ceCountsFrom({ issuedOn: day("2026-11-27"), expiresOn: day("2028-05-26") }, icrc)).toEqual(day("2026-11-27"));
});

it("says so when an early renewal has moved the period's start past today, instead of a date that cannot be met", () => {
  const today = day("2028-10-01");
  const renewedEarly = ceCountsFrom({ issuedOn: day("2026-11-27"), expiresOn: day("2030-11-26") }, icrc);
  expect(renewedEarly).toEqual(day("2028-11-27"));
  const result = continuingEducationSchema(today, icrc, renewedEarly).safeParse({
    occurredOn: "2028-09-30",
    hours: "2",
    category: "ethics",
    description: "Ethics refresher",
    provider: "State board",
  });
  expect(result.error?.issues.map((issue) => issue.message)).toEqual([
    "This credential was renewed early: its next renewal period starts on 2028-11-27, and continuing education counts from that day",
  ]);
});

it("opens renewal 90 days before expiry", () => {
  expect(renewalOpensOn(day("2027-02-28"))).toEqual(day("2026-11-30"));
});

describe("continuingEducationSchema", () => {
  const today = day("2026-06-10");
  const periodStart = day("2025-03-01");
  const valid = { occurredOn: "2026-06-01", hours: "1.25", category: "ethics", description: "Ethics refresher", provider: "State board" };
  const errorsOf = (input: Record<string, string>, renewal: RenewalRule | null = icrc) => {
    const result = continuingEducationSchema(today, renewal, periodStart).safeParse(input);
    return result.success ? null : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
  };

  it("accepts a valid entry, in a named category or general", () => {
    const parsed = continuingEducationSchema(today, icrc, periodStart).parse(valid);
    expect(parsed).toEqual({ occurredOn: day("2026-06-01"), hours: 1.25, category: "ethics", description: "Ethics refresher", provider: "State board" });
    expect(errorsOf({ ...valid, category: "general" })).toBeNull();
  });

  it("refuses a future date, no hours, too many decimals or hours, and an unknown category", () => {
    expect(errorsOf({ ...valid, occurredOn: "2026-06-11" })).toEqual({ occurredOn: "The date cannot be in the future" });
    expect(errorsOf({ ...valid, hours: "0" })).toEqual({ hours: "Hours must be more than 0" });
    expect(errorsOf({ ...valid, hours: "1.333" })).toEqual({ hours: "Enter hours to at most two decimal places, like 1.25" });
    expect(errorsOf({ ...valid, hours: "24.5" })).toEqual({ hours: "Enter at most 24 hours for one activity" });
    expect(errorsOf({ ...valid, hours: "lots" })).toEqual({ hours: "Enter the hours as a number, like 1.5" });
    expect(errorsOf({ ...valid, hours: "1e1" })).toEqual({ hours: "Enter the hours as a number, like 1.5" });
    expect(errorsOf({ ...valid, hours: "0x2" })).toEqual({ hours: "Enter the hours as a number, like 1.5" });
    expect(errorsOf({ ...valid, hours: "" })).toEqual({ hours: "Enter the hours" });
    expect(errorsOf({ ...valid, category: "ethics" }, kentucky)).toEqual({ category: "Choose one of the categories listed" });
    expect(errorsOf({ ...valid, description: " ", provider: "" })).toEqual({ description: "Name the course or activity", provider: "Name who provided it" });
  });

  it("refuses a date before the period began, since those hours would count toward nothing", () => {
    expect(errorsOf({ ...valid, occurredOn: "2025-03-01" })).toBeNull();
    expect(errorsOf({ ...valid, occurredOn: "2025-02-28" })).toEqual({
      occurredOn: "Continuing education must be dated on or after 2025-03-01, the start of this renewal period",
    });
    expect(errorsOf({ ...valid, occurredOn: "2020-01-01", category: "general" }, null)).toEqual({
      occurredOn: "Continuing education must be dated on or after 2025-03-01, the day this credential was issued",
    });
  });

  it("gives one message for a bad date or bad hours, never several", () => {
    const messagesOf = (input: Record<string, string>) => continuingEducationSchema(today, icrc, periodStart).safeParse(input).error?.issues.map((issue) => issue.message);
    expect(messagesOf({ ...valid, occurredOn: "" })).toEqual(["Enter the date"]);
    expect(messagesOf({ ...valid, occurredOn: "June 1" })).toEqual(["Enter the date as YYYY-MM-DD"]);
    expect(messagesOf({ ...valid, hours: "24.333" })).toEqual(["Enter at most 24 hours for one activity"]);
  });
});

it("labels categories for the form and the log", () => {
  expect(ceCategoryOptions(icrc).map((option) => option.value)).toEqual(["ethics", "general"]);
  expect(ceCategoryOptions(null).map((option) => option.value)).toEqual(["general"]);
  expect(ceCategoryLabel(icrc, "ethics")).toBe("Ethics");
  expect(ceCategoryLabel(icrc, "general")).toBe("General");
  expect(ceCategoryLabel(icrc, "retired-category")).toBe("retired-category");
});

describe("credentialActionSchema", () => {
  it("needs a reason, and a confirmation to revoke", () => {
    expect(credentialActionSchema.safeParse({ intent: "suspend", reason: "Complaint under investigation" }).success).toBe(true);
    const noReason = credentialActionSchema.safeParse({ intent: "suspend", reason: "  " });
    expect(noReason.success ? null : noReason.error.issues[0]!.path).toEqual(["reason"]);
    const unconfirmed = credentialActionSchema.safeParse({ intent: "revoke", reason: "Gross misconduct found" });
    expect(unconfirmed.success ? null : unconfirmed.error.issues[0]!.message).toMatch(/confirm that revocation is final/);
    expect(credentialActionSchema.safeParse({ intent: "revoke", reason: "Gross misconduct found", confirm: "yes" }).success).toBe(true);
    expect(credentialActionSchema.safeParse({ intent: "delete", reason: "Whatever it is" }).success).toBe(false);
  });
});

it("puts expiry and history in words", () => {
  expect([expiryInWords(2), expiryInWords(1), expiryInWords(0), expiryInWords(-1), expiryInWords(-3)]).toEqual([
    "2 days left",
    "1 day left",
    "Expires today (its last valid day)",
    "Expired 1 day ago",
    "Expired 3 days ago",
  ]);
  expect(credentialEventLabel("reinstated")).toBe("Reinstated");
  expect(credentialEventLabel("renewal-approved")).toBe("Renewal approved");
});

it("reads the board list's filters, empty fields meaning none", () => {
  expect(credentialFiltersSchema.parse({ status: "", q: "  " })).toEqual({});
  expect(credentialFiltersSchema.parse({ status: "expired", q: " Lucy " })).toEqual({ status: "expired", q: "Lucy" });
  expect(credentialFiltersSchema.safeParse({ status: "lost", q: null }).success).toBe(false);
  expect(credentialFiltersSchema.safeParse({ status: null, q: "x".repeat(101) }).success).toBe(false);
});
