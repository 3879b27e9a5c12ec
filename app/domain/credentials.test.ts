import { describe, expect, it } from "vitest";
import {
  CREDENTIAL_NUMBER_PATTERN,
  REMINDER_DAYS,
  RENEWAL_WINDOW_DAYS,
  addMonths,
  applyCredentialAction,
  continuingEducationClosed,
  credentialStatus,
  daysUntilExpiry,
  formatCredentialNumber,
  issueDates,
  numberSequenceKey,
  reminderDue,
  renewalOpen,
  renewedExpiry,
  utcDay,
  type CredentialState,
} from "./credentials";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);
const active = (expiresOn: string, state: CredentialState = "ACTIVE") => ({ state, expiresOn: day(expiresOn) });

describe("utcDay", () => {
  it("drops the time of day, in UTC", () => {
    expect(utcDay(new Date("2026-03-14T23:59:59.999Z"))).toEqual(day("2026-03-14"));
    expect(utcDay(new Date("2026-03-14T00:00:00.000Z"))).toEqual(day("2026-03-14"));
  });
});

describe("credentialStatus", () => {
  it("is active before and on the expiry day, at any time of that day", () => {
    expect(credentialStatus(active("2026-06-30"), day("2026-01-01"))).toBe("active");
    expect(credentialStatus(active("2026-06-30"), day("2026-06-30"))).toBe("active");
    expect(credentialStatus(active("2026-06-30"), new Date("2026-06-30T23:59:59Z"))).toBe("active");
  });

  it("is expired from the day after the expiry date", () => {
    expect(credentialStatus(active("2026-06-30"), day("2026-07-01"))).toBe("expired");
    expect(credentialStatus(active("2026-06-30"), new Date("2026-07-01T00:00:01Z"))).toBe("expired");
    expect(credentialStatus(active("2026-06-30"), day("2030-01-01"))).toBe("expired");
  });

  it("lets revocation and suspension outrank expiry", () => {
    expect(credentialStatus(active("2026-06-30", "REVOKED"), day("2026-01-01"))).toBe("revoked");
    expect(credentialStatus(active("2026-06-30", "REVOKED"), day("2027-01-01"))).toBe("revoked");
    expect(credentialStatus(active("2026-06-30", "SUSPENDED"), day("2026-01-01"))).toBe("suspended");
    expect(credentialStatus(active("2026-06-30", "SUSPENDED"), day("2027-01-01"))).toBe("suspended");
  });
});

describe("addMonths", () => {
  it("keeps the day of the month when the target month has it", () => {
    expect(iso(addMonths(day("2026-01-15"), 1))).toBe("2026-02-15");
    expect(iso(addMonths(day("2026-03-31"), 2))).toBe("2026-05-31");
  });

  it("crosses year ends in both directions", () => {
    expect(iso(addMonths(day("2026-11-30"), 3))).toBe("2027-02-28");
    expect(iso(addMonths(day("2026-12-15"), 1))).toBe("2027-01-15");
    expect(iso(addMonths(day("2026-01-15"), -1))).toBe("2025-12-15");
    expect(iso(addMonths(day("2026-01-15"), 24))).toBe("2028-01-15");
  });

  it("clamps to the last day of a shorter month", () => {
    expect(iso(addMonths(day("2026-01-31"), 1))).toBe("2026-02-28");
    expect(iso(addMonths(day("2026-03-31"), 1))).toBe("2026-04-30");
    expect(iso(addMonths(day("2026-08-31"), 1))).toBe("2026-09-30");
    expect(iso(addMonths(day("2026-05-31"), -1))).toBe("2026-04-30");
  });

  it("knows leap years, including the century rules", () => {
    expect(iso(addMonths(day("2028-01-31"), 1))).toBe("2028-02-29");
    expect(iso(addMonths(day("2024-02-29"), 12))).toBe("2025-02-28");
    expect(iso(addMonths(day("2024-02-29"), 48))).toBe("2028-02-29");
    expect(iso(addMonths(day("2100-01-31"), 1))).toBe("2100-02-28"); // divisible by 100: not leap
    expect(iso(addMonths(day("2000-01-31"), 1))).toBe("2000-02-29"); // divisible by 400: leap
  });

  it("does not carry the clamp into later months", () => {
    const february = addMonths(day("2026-01-31"), 1);
    expect(iso(february)).toBe("2026-02-28");
    expect(iso(addMonths(day("2026-01-31"), 2))).toBe("2026-03-31");
  });

  it("ignores the time of day and returns midnight UTC", () => {
    expect(addMonths(new Date("2026-01-15T22:30:00Z"), 1)).toEqual(day("2026-02-15"));
  });

  it("returns the same day for zero months", () => {
    expect(iso(addMonths(day("2026-07-04"), 0))).toBe("2026-07-04");
  });
});

describe("issueDates", () => {
  it("runs from the day of issue to the day before the period has run", () => {
    const dates = issueDates(new Date("2026-03-15T14:20:00Z"), 24);
    expect(iso(dates.issuedOn)).toBe("2026-03-15");
    expect(iso(dates.expiresOn)).toBe("2028-03-14");
  });

  it("ends on the last day of a month when issued on the first", () => {
    expect(iso(issueDates(day("2026-03-01"), 12).expiresOn)).toBe("2027-02-28");
    expect(iso(issueDates(day("2027-03-01"), 12).expiresOn)).toBe("2028-02-29");
  });

  it("clamps a month-end issue into a shorter month before stepping back a day", () => {
    expect(iso(issueDates(day("2026-01-31"), 1).expiresOn)).toBe("2026-02-27");
    expect(iso(issueDates(day("2024-02-29"), 12).expiresOn)).toBe("2025-02-27");
    expect(iso(issueDates(day("2024-02-29"), 24).expiresOn)).toBe("2026-02-27");
  });
});

describe("renewedExpiry", () => {
  it("moves expiry one period on from the old expiry, not from the day of renewal", () => {
    expect(iso(renewedExpiry(day("2028-03-14"), 24))).toBe("2030-03-14");
    expect(iso(renewedExpiry(day("2026-12-31"), 12))).toBe("2027-12-31");
  });

  it("keeps a month-end expiry at the month end, across leap years", () => {
    expect(iso(renewedExpiry(day("2026-02-28"), 24))).toBe("2028-02-29");
    expect(iso(renewedExpiry(day("2028-02-29"), 12))).toBe("2029-02-28");
    expect(iso(renewedExpiry(day("2026-04-30"), 1))).toBe("2026-05-31");
  });

  it("gives the same dates as issuing the credential afresh one period later", () => {
    for (const issued of ["2024-02-29", "2024-03-01", "2025-01-31", "2025-06-15", "2025-12-31"]) {
      const first = issueDates(day(issued), 24);
      const secondPeriodStart = addMonths(day(issued), 24);
      expect(iso(renewedExpiry(first.expiresOn, 24))).toBe(iso(issueDates(secondPeriodStart, 24).expiresOn));
    }
  });

  it("ignores the time of day on the stored expiry", () => {
    expect(iso(renewedExpiry(new Date("2028-03-14T18:00:00Z"), 24))).toBe("2030-03-14");
  });
});

describe("daysUntilExpiry", () => {
  it("is 0 on the last valid day and negative once expired", () => {
    expect(daysUntilExpiry(day("2026-06-30"), day("2026-06-30"))).toBe(0);
    expect(daysUntilExpiry(day("2026-06-30"), day("2026-06-29"))).toBe(1);
    expect(daysUntilExpiry(day("2026-06-30"), day("2026-07-01"))).toBe(-1);
  });

  it("counts calendar days whatever the time of day", () => {
    expect(daysUntilExpiry(day("2026-06-30"), new Date("2026-06-29T23:59:00Z"))).toBe(1);
    expect(daysUntilExpiry(day("2026-06-30"), new Date("2026-04-01T00:01:00Z"))).toBe(90);
  });

  it("counts across a leap day", () => {
    expect(daysUntilExpiry(day("2028-03-01"), day("2028-02-28"))).toBe(2);
    expect(daysUntilExpiry(day("2027-03-01"), day("2027-02-28"))).toBe(1);
  });
});

describe("renewalOpen", () => {
  it("opens the renewal window days before expiry and keeps it open through the expiry day", () => {
    const credential = active("2026-06-30");
    expect(RENEWAL_WINDOW_DAYS).toBe(90);
    expect(renewalOpen(credential, day("2026-03-31"))).toBe(false); // 91 days before
    expect(renewalOpen(credential, day("2026-04-01"))).toBe(true); // 90 days before
    expect(renewalOpen(credential, day("2026-06-30"))).toBe(true);
    expect(renewalOpen(credential, day("2026-07-01"))).toBe(false);
  });

  it("is closed for suspended and revoked credentials", () => {
    expect(renewalOpen(active("2026-06-30", "SUSPENDED"), day("2026-06-01"))).toBe(false);
    expect(renewalOpen(active("2026-06-30", "REVOKED"), day("2026-06-01"))).toBe(false);
  });
});

describe("continuingEducationClosed", () => {
  it("stays open for an active credential through its expiry day, and for a suspended one", () => {
    expect(continuingEducationClosed(active("2026-06-30"), day("2026-06-30"))).toBeNull();
    expect(continuingEducationClosed(active("2026-06-30", "SUSPENDED"), day("2026-06-01"))).toBeNull();
  });

  it("closes the day after expiry, and for a revoked credential, saying why", () => {
    expect(continuingEducationClosed(active("2026-06-30"), day("2026-07-01"))).toMatch(/^This credential has expired, .*apply for it anew\.$/);
    expect(continuingEducationClosed(active("2026-06-30", "REVOKED"), day("2026-06-01"))).toMatch(/^This credential is revoked, /);
  });
});

describe("reminderDue", () => {
  const expiresOn = "2026-06-30";
  const on = (daysBefore: number) => new Date(day(expiresOn).getTime() - daysBefore * 24 * 60 * 60 * 1000);

  it("uses the thresholds 90, 30 and 7 days", () => {
    expect(REMINDER_DAYS).toEqual([90, 30, 7]);
  });

  it("is null while expiry is more than 90 days away", () => {
    expect(reminderDue(active(expiresOn), on(91))).toBeNull();
    expect(reminderDue(active(expiresOn), on(365))).toBeNull();
  });

  it.each([
    [90, 90],
    [80, 90],
    [31, 90],
    [30, 30],
    [20, 30],
    [8, 30],
    [7, 7],
    [1, 7],
    [0, 7],
  ])("%i days before expiry, the %i-day reminder is due", (daysBefore, threshold) => {
    expect(reminderDue(active(expiresOn), on(daysBefore))).toBe(threshold);
  });

  it("is null once expired, and for suspended or revoked credentials", () => {
    expect(reminderDue(active(expiresOn), on(-1))).toBeNull();
    expect(reminderDue(active(expiresOn, "SUSPENDED"), on(20))).toBeNull();
    expect(reminderDue(active(expiresOn, "REVOKED"), on(5))).toBeNull();
  });
});

describe("formatCredentialNumber and its pattern", () => {
  it("pads the sequence to six digits", () => {
    expect(formatCredentialNumber({ jurisdictionCode: "KY", credentialCode: "APSS", year: 2026, sequence: 42 })).toBe("KY-APSS-2026-000042");
    expect(formatCredentialNumber({ jurisdictionCode: "ICRC", credentialCode: "PR", year: 2027, sequence: 1 })).toBe("ICRC-PR-2027-000001");
  });

  it("grows past six digits rather than wrapping", () => {
    expect(formatCredentialNumber({ jurisdictionCode: "PA", credentialCode: "CPS", year: 2026, sequence: 1_234_567 })).toBe("PA-CPS-2026-1234567");
  });

  it("matches every number it formats", () => {
    for (const parts of [
      { jurisdictionCode: "KY", credentialCode: "APSS", year: 2026, sequence: 1 },
      { jurisdictionCode: "ICRC", credentialCode: "PR", year: 2030, sequence: 999_999 },
      { jurisdictionCode: "ABCDEFGHIJ", credentialCode: "ABCDEFGHIJ", year: 2026, sequence: 1_000_000 },
    ]) {
      expect(formatCredentialNumber(parts)).toMatch(CREDENTIAL_NUMBER_PATTERN);
    }
  });

  it.each([
    "ky-apss-2026-000001",
    "KY-APSS-2026-00001",
    "KY-APSS-26-000001",
    "K-APSS-2026-000001",
    "KY-APSS-2026-000001 ",
    "KY_APSS_2026_000001",
    "KY-AP5S-2026-000001",
    "KY-APSS-2026-000001/../x",
    "",
  ])("rejects %j", (number) => {
    expect(CREDENTIAL_NUMBER_PATTERN.test(number)).toBe(false);
  });

  it("draws each year's sequence from its own counter", () => {
    expect(numberSequenceKey({ jurisdictionCode: "KY", credentialCode: "APSS", year: 2026 })).toBe("number:KY:APSS:2026");
    expect(numberSequenceKey({ jurisdictionCode: "KY", credentialCode: "APSS", year: 2027 })).not.toBe(
      numberSequenceKey({ jurisdictionCode: "KY", credentialCode: "APSS", year: 2026 }),
    );
  });
});

describe("applyCredentialAction", () => {
  const ON = new Date("2026-11-27T15:00:00Z");
  const held = (state: "ACTIVE" | "SUSPENDED" | "REVOKED", expiresOn = new Date("2027-11-26T00:00:00Z")) => ({ state, expiresOn });

  it("suspends an active credential and reinstates a suspended one", () => {
    expect(applyCredentialAction(held("ACTIVE"), "suspend", ON)).toEqual({ ok: true, state: "SUSPENDED" });
    expect(applyCredentialAction(held("SUSPENDED"), "reinstate", ON)).toEqual({ ok: true, state: "ACTIVE" });
  });

  it("revokes an active or a suspended credential", () => {
    expect(applyCredentialAction(held("ACTIVE"), "revoke", ON)).toEqual({ ok: true, state: "REVOKED" });
    expect(applyCredentialAction(held("SUSPENDED"), "revoke", ON)).toEqual({ ok: true, state: "REVOKED" });
  });

  it("refuses to suspend twice or to reinstate what is not suspended", () => {
    expect(applyCredentialAction(held("SUSPENDED"), "suspend", ON)).toEqual({ ok: false, message: "This credential is already suspended." });
    expect(applyCredentialAction(held("ACTIVE"), "reinstate", ON)).toEqual({ ok: false, message: "Only a suspended credential can be reinstated." });
  });

  it("refuses to suspend an expired credential, which may still be revoked or, if suspended before, reinstated", () => {
    const expired = held("ACTIVE", new Date("2026-11-26T00:00:00Z"));
    expect(applyCredentialAction(expired, "suspend", ON)).toEqual({
      ok: false,
      message: "This credential has expired, so there is nothing to suspend. To withdraw it for good, revoke it.",
    });
    expect(applyCredentialAction(held("ACTIVE", new Date("2026-11-27T00:00:00Z")), "suspend", ON)).toEqual({ ok: true, state: "SUSPENDED" });
    expect(applyCredentialAction(expired, "revoke", ON)).toEqual({ ok: true, state: "REVOKED" });
    expect(applyCredentialAction(held("SUSPENDED", new Date("2026-11-26T00:00:00Z")), "reinstate", ON)).toEqual({ ok: true, state: "ACTIVE" });
  });

  it.each(["suspend", "reinstate", "revoke"] as const)("treats revocation as final: %s is refused", (action) => {
    const result = applyCredentialAction(held("REVOKED"), action, ON);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/revocation is final/);
  });
});
