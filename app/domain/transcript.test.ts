import { describe, expect, it } from "vitest";
import { evaluateEligibility } from "./eligibility";
import { RequirementSchema } from "./requirements";
import {
  STANDING_CSV_HEADER,
  TRANSCRIPT_CSV_HEADER,
  csvCell,
  downloadFilename,
  matchesStatus,
  parseStandingFilters,
  standingFilterQuery,
  standingReportCsv,
  standingReportRow,
  toCsv,
  transcriptCsv,
  withoutMarks,
  type TranscriptEntry,
} from "./transcript";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const entry = (overrides: Partial<TranscriptEntry> = {}): TranscriptEntry => ({
  occurredOn: day("2025-03-01"),
  kind: "TRAINING",
  source: "MODULE_COMPLETION",
  courseDomain: "ethical-responsibility",
  minutes: 120,
  status: "APPROVED",
  description: "Ethics and boundaries",
  ...overrides,
});

describe("csvCell", () => {
  it("leaves plain text alone and quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvCell("Advocacy")).toBe("Advocacy");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell("Smith, Jo")).toBe('"Smith, Jo"');
    expect(csvCell('The "recovery" talk')).toBe('"The ""recovery"" talk"');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("cr\r\nlf")).toBe('"cr\r\nlf"');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("=1,2")).toBe(`"'=1,2"`);
    expect(csvCell("a=b")).toBe("a=b");
  });
});

describe("toCsv", () => {
  it("ends every record, the last included, with CRLF", () => {
    expect(toCsv([["a", "b"], ["c", null]])).toBe("a,b\r\nc,\r\n");
  });
});

describe("transcriptCsv", () => {
  it("writes a header and one line per entry, oldest first, with hours from minutes", () => {
    const csv = transcriptCsv([
      entry({ occurredOn: day("2025-04-02"), kind: "EXPERIENCE", source: "LOGGED", courseDomain: null, minutes: 20, status: "PENDING", description: "Peer group, evening" }),
      entry(),
      entry({ occurredOn: day("2025-04-03"), status: "VOIDED", minutes: 90, source: "EXTERNAL_CERTIFICATE", courseDomain: "advocacy", description: "=cmd|' /C calc'!A0" }),
    ]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(TRANSCRIPT_CSV_HEADER.join(","));
    expect(lines[1]).toBe("2025-03-01,Training,PeerPath module,Ethical responsibility,2,Approved,Ethics and boundaries");
    expect(lines[2]).toBe('2025-04-02,Experience,Logged practice,,0.33,Waiting for review,"Peer group, evening"');
    expect(lines[3]).toBe("2025-04-03,Training,Training taken elsewhere,Advocacy,1.5,Void,'=cmd|' /C calc'!A0");
    expect(lines[4]).toBe("");
    expect(lines).toHaveLength(5);
  });

  it("is only the header for an empty ledger", () => {
    expect(transcriptCsv([])).toBe(`${TRANSCRIPT_CSV_HEADER.join(",")}\r\n`);
  });
});

const requirement = RequirementSchema.parse({
  jurisdictionCode: "KY",
  credentialCode: "APSS",
  version: 2,
  source: "908 KAR 2:220",
  training: { totalHours: 30 },
  crosswalk: { advocacy: null, "mentoring-education": null, "recovery-wellness-support": null, "ethical-responsibility": null },
  experience: { hours: 10, supervisedHours: 2 },
  exam: { required: false, name: "Exam", examId: null },
  renewal: null,
});

function standing(trainingMinutes: number, experienceMinutes: number) {
  const ledger = [
    { id: "1", kind: "training" as const, hours: trainingMinutes / 60, courseDomain: null, status: "approved" as const, occurredOn: day("2025-01-01") },
    { id: "2", kind: "supervised" as const, hours: experienceMinutes / 60, courseDomain: null, status: "approved" as const, occurredOn: day("2025-01-02") },
  ];
  return {
    credentialTypeId: "ct1",
    credentialName: "Adult Peer Support Specialist",
    jurisdictionName: "Kentucky",
    requirementVersion: 2,
    requirement,
    verdict: evaluateEligibility({
      requirement,
      ledger,
      evidence: { attestedCodeOfEthics: false, documentKinds: [], lettersOfRecommendation: 0, monthsInRecovery: 0 },
      exam: null,
      asOf: day("2025-06-01"),
    }),
  };
}

describe("the standing report", () => {
  const trainee = { id: "t1", name: "Ann O'Neil, Jr.", email: "ann@example.org" };

  it("takes its figures from the eligibility verdict", () => {
    const row = standingReportRow(trainee, standing(12 * 60, 3 * 60));
    expect(row).toMatchObject({
      trainingCounted: 12,
      trainingRequired: 30,
      experienceHours: 3,
      experienceRequired: 10,
      supervisedHours: 3,
      supervisedRequired: 2,
      eligible: false,
      unmet: ["18 more hours of training", "7 more hours of experience"],
    });
    expect(standingReportRow(trainee, standing(30 * 60, 10 * 60)).eligible).toBe(true);
  });

  it("writes one line per row with the missing items joined", () => {
    const csv = standingReportCsv([standingReportRow(trainee, standing(12 * 60, 3 * 60)), standingReportRow({ ...trainee, name: "@bob" }, standing(30 * 60, 600))]);
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(STANDING_CSV_HEADER.join(","));
    expect(lines[1]).toBe(`"Ann O'Neil, Jr.",ann@example.org,Kentucky,Adult Peer Support Specialist,2,12,30,3,10,3,2,No,18 more hours of training; 7 more hours of experience`);
    expect(lines[2]).toBe("'@bob,ann@example.org,Kentucky,Adult Peer Support Specialist,2,30,30,10,10,10,2,Yes,");
  });
});

describe("the report's filters", () => {
  const parse = (query: string) => parseStandingFilters(new URLSearchParams(query));

  it("reads credential, status and search, dropping blanks", () => {
    expect(parse("credential=ckabc123&status=eligible&q=%20tara%20")).toEqual({
      success: true,
      filters: { credential: "ckabc123", status: "eligible", q: "tara" },
    });
    expect(parse("credential=&status=&q=")).toEqual({ success: true, filters: { credential: undefined, status: undefined, q: undefined } });
    const long = parse(`q=${"x".repeat(500)}`);
    expect(long.success && long.filters.q).toHaveLength(100);
  });

  it("refuses a malformed credential id with a sentence", () => {
    const result = parse("credential=' OR 1=1 --");
    expect(result.success).toBe(false);
    expect(!result.success && result.message).toMatch(/Choose a credential from the list/);
  });

  it("refuses an unknown status with a sentence naming the choices", () => {
    for (const status of ["maybe", "ELIGIBLE", "eligible,not-yet"]) {
      expect(parse(`status=${encodeURIComponent(status)}`)).toEqual({
        success: false,
        message: "That status is not valid. Choose Eligible or Not yet eligible from the list, or any status.",
      });
    }
  });

  it("round-trips as a query string without the page", () => {
    expect(standingFilterQuery({ credential: "ck1", status: "not-yet", q: "a b&c" })).toBe("?credential=ck1&status=not-yet&q=a+b%26c");
    expect(standingFilterQuery({})).toBe("");
  });

  it("matches a status", () => {
    expect(matchesStatus(true, undefined)).toBe(true);
    expect(matchesStatus(true, "eligible")).toBe(true);
    expect(matchesStatus(true, "not-yet")).toBe(false);
    expect(matchesStatus(false, "not-yet")).toBe(true);
  });
});

describe("downloadFilename", () => {
  it("is lower-case ASCII with the day", () => {
    expect(downloadFilename(["transcript", "Zoë O'Brien–Łukasz"], day("2025-03-01"), "pdf")).toBe("transcript-zoe-o-brien-lukasz-2025-03-01.pdf");
    expect(downloadFilename(["", "日本"], day("2025-03-01"), "csv")).toBe("download-2025-03-01.csv");
  });

  it("keeps every letter of a Latin name, marks and all", () => {
    expect(downloadFilename(["transcript", "Łukasz Żółć"], day("2025-03-01"), "pdf")).toBe("transcript-lukasz-zolc-2025-03-01.pdf");
    expect(downloadFilename(["transcript", "Søren Æbeltoft-Straße"], day("2025-03-01"), "pdf")).toBe("transcript-soren-aebeltoft-strasse-2025-03-01.pdf");
  });
});

describe("withoutMarks", () => {
  it("takes accents and marks off and spells the letters that have no base letter in ASCII", () => {
    expect(withoutMarks("Łukasz Żółć")).toBe("Lukasz Zolc");
    expect(withoutMarks("Dvořák, Ðorđe, Þóra, Œuvre, ﬁne, İsmail ılık, Ħal, e\u0301")).toBe("Dvorak, Dorde, Thora, OEuvre, fine, Ismail ilik, Hal, e");
  });

  it("leaves other scripts' letters, without their marks", () => {
    expect(withoutMarks("Йошкар Ωμέγα 日本")).toBe("Иошкар Ωμεγα 日本");
  });
});
