import { describe, expect, it } from "vitest";
import {
  DECISIONS_FOR_SOURCE,
  DECISION_STATUS,
  MAX_CERTIFICATE_BYTES,
  applicationDocumentUpload,
  canViewDocument,
  canViewEntry,
  certificateProblem,
  dailyLimitProblem,
  decisionSchema,
  entryBackLink,
  externalTrainingSchema,
  pastDay,
  practiceHoursSchema,
  resubmissionSchema,
  reviewNoticeFor,
  reviewProblem,
  voidProblem,
  voidSchema,
  type EntryForReview,
} from "./hour-entries";
import type { RoleGrant } from "./roles";

const TODAY = new Date("2026-06-15T12:00:00Z");
const grant = (role: RoleGrant["role"], jurisdictionId: string | null = null): RoleGrant => ({ role, jurisdictionId });
const actor = (id: string, ...grants: RoleGrant[]) => ({ id, grants });

const trainee = actor("trainee", grant("TRAINEE"));
const supervisor = actor("supervisor", grant("SUPERVISOR"));
const otherSupervisor = actor("other-supervisor", grant("SUPERVISOR"));
const boardKy = actor("board-ky", grant("BOARD_MEMBER", "KY"));
const boardPa = actor("board-pa", grant("BOARD_MEMBER", "PA"));
const admin = actor("admin", grant("ADMIN"));

const practice = {
  kind: "SUPERVISED",
  occurredOn: "2026-06-10",
  hours: "2.5",
  setting: "Hope Recovery Centre",
  description: "Co-facilitated a peer support group",
  supervisorId: "supervisor",
};

const fieldsWithErrors = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => String(issue.path[0])) ?? [];
const messages = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues.map((issue) => issue.message) ?? [];

describe("practiceHoursSchema", () => {
  it("accepts a day up to today and quarter hours, in whole minutes", () => {
    const parsed = practiceHoursSchema(TODAY).parse({ ...practice, occurredOn: "2026-06-15" });
    expect(parsed.occurredOn).toEqual(new Date("2026-06-15T00:00:00Z"));
    expect(parsed.hours).toBe(2.5);
  });

  it("refuses a date in the future", () => {
    const result = practiceHoursSchema(TODAY).safeParse({ ...practice, occurredOn: "2026-06-16" });
    expect(messages(result)).toEqual(["The date cannot be in the future"]);
  });

  it("refuses dates that are not dates", () => {
    expect(messages(practiceHoursSchema(TODAY).safeParse({ ...practice, occurredOn: "10/06/2026" }))).toContain("Enter the date as YYYY-MM-DD");
    expect(messages(practiceHoursSchema(TODAY).safeParse({ ...practice, occurredOn: "2026-02-31x" }))).toContain("Enter the date as YYYY-MM-DD");
    expect(messages(practiceHoursSchema(TODAY).safeParse({ ...practice, occurredOn: "1980-01-01" }))).toContain("The date must be in 1990 or later");
    expect(messages(practiceHoursSchema(TODAY).safeParse({ ...practice, occurredOn: "2026-02-31" }))).toEqual(["Enter a real date"]);
    expect(messages(practiceHoursSchema(TODAY).safeParse({ ...practice, occurredOn: "2025-13-01" }))).toEqual(["Enter a real date"]);
  });

  it.each([
    ["", "Enter the date"],
    ["   ", "Enter the date"],
    ["10/06/2026", "Enter the date as YYYY-MM-DD"],
    ["yesterday", "Enter the date as YYYY-MM-DD"],
    ["2026-02-31", "Enter a real date"],
    ["2026-06-16", "The date cannot be in the future"],
    ["1980-01-01", "The date must be in 1990 or later"],
  ])("answers the date %j with one message, in the same words on every hours form", (occurredOn, message) => {
    expect(messages(practiceHoursSchema(TODAY).safeParse({ ...practice, occurredOn }))).toEqual([message]);
    const claim = { occurredOn, hours: "3", courseDomain: "", provider: "State Recovery Institute", description: "Ethics", jurisdictionId: "ky" };
    expect(messages(externalTrainingSchema(TODAY).safeParse(claim))).toEqual([message]);
    const { kind: _kind, supervisorId: _supervisorId, ...correction } = practice;
    expect(messages(resubmissionSchema(TODAY).safeParse({ ...correction, occurredOn }))).toEqual([message]);
  });

  it("refuses a day before the earliest allowed with the caller's sentence, and only that", () => {
    const schema = pastDay(TODAY, { day: new Date("2026-03-01T00:00:00Z"), message: "Too early for this" });
    expect(schema.parse("2026-03-01")).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(messages(schema.safeParse("2026-02-28"))).toEqual(["Too early for this"]);
    expect(messages(schema.safeParse("1980-01-01"))).toEqual(["Too early for this"]);
  });

  it.each([
    ["0", "Hours must be more than 0"],
    ["-2", "Hours must be more than 0"],
    ["24.25", "Hours must be at most 24"],
    ["24.1", "Hours must be at most 24"],
    ["-0.1", "Hours must be more than 0"],
    ["1.1", "Use quarter hours (0.25, 0.5, 0.75, ...)"],
    ["0.2", "Use quarter hours (0.25, 0.5, 0.75, ...)"],
    ["two", "Enter the hours as a number, like 1.5"],
    ["1e1", "Enter the hours as a number, like 1.5"],
    ["0x2", "Enter the hours as a number, like 1.5"],
    ["Infinity", "Enter the hours as a number, like 1.5"],
    ["", "Enter the hours"],
    ["  ", "Enter the hours"],
  ])("refuses %j hours", (hours, message) => {
    const result = practiceHoursSchema(TODAY).safeParse({ ...practice, hours });
    expect(fieldsWithErrors(result)).toEqual(["hours"]);
    expect(messages(result)).toEqual([message]);
  });

  it.each(["0.25", "0.5", "0.75", "24", ".5", " 1.5 "])("accepts %j hours", (hours) => {
    expect(practiceHoursSchema(TODAY).safeParse({ ...practice, hours }).success).toBe(true);
  });

  it("asks for the hours when the field is missing, on the claim and resubmit forms too", () => {
    const { hours: _hours, ...withoutHours } = practice;
    expect(messages(practiceHoursSchema(TODAY).safeParse(withoutHours))).toEqual(["Enter the hours"]);
    const claim = { occurredOn: "2026-06-10", courseDomain: "", provider: "State Recovery Institute", description: "Ethics", jurisdictionId: "ky" };
    expect(messages(externalTrainingSchema(TODAY).safeParse({ ...claim, hours: "" }))).toEqual(["Enter the hours"]);
    expect(messages(externalTrainingSchema(TODAY).safeParse({ ...claim, hours: "1e1" }))).toEqual(["Enter the hours as a number, like 1.5"]);
    const { kind: _kind, supervisorId: _supervisorId, ...correction } = practice;
    expect(messages(resubmissionSchema(TODAY).safeParse({ ...correction, hours: "0x2" }))).toEqual(["Enter the hours as a number, like 1.5"]);
  });

  it("needs a kind of practice hours, a setting, a description and a supervisor", () => {
    const result = practiceHoursSchema(TODAY).safeParse({ ...practice, kind: "TRAINING", setting: " ", description: "", supervisorId: "" });
    expect(fieldsWithErrors(result).sort()).toEqual(["description", "kind", "setting", "supervisorId"]);
  });
});

describe("externalTrainingSchema", () => {
  const claim = {
    occurredOn: "2026-05-01",
    hours: "6",
    courseDomain: "ethical-responsibility",
    provider: "State Recovery Institute",
    description: "Ethics in peer support",
    jurisdictionId: "ICRC",
  };

  it("accepts a claim with or without a course domain", () => {
    expect(externalTrainingSchema(TODAY).parse(claim).courseDomain).toBe("ethical-responsibility");
    expect(externalTrainingSchema(TODAY).parse({ ...claim, courseDomain: "" }).courseDomain).toBeNull();
  });

  it("refuses an unknown domain, a future date and more than 200 hours", () => {
    const result = externalTrainingSchema(TODAY).safeParse({ ...claim, courseDomain: "juggling", occurredOn: "2027-01-01", hours: "201" });
    expect(fieldsWithErrors(result).sort()).toEqual(["courseDomain", "hours", "occurredOn"]);
  });

  it("asks for the domain in words when the choice is left out or is not one of the domains", () => {
    const { courseDomain: _courseDomain, ...withoutDomain } = claim;
    for (const input of [withoutDomain, { ...claim, courseDomain: "juggling" }]) {
      const result = externalTrainingSchema(TODAY).safeParse(input);
      expect(result.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
        ["courseDomain", "Choose the domain the training covered, or None or several"],
      ]);
    }
  });
});

describe("dailyLimitProblem", () => {
  it("allows exactly 24 hours on one day", () => {
    expect(dailyLimitProblem(20 * 60, 4 * 60)).toBeNull();
    expect(dailyLimitProblem(0, 24 * 60)).toBeNull();
  });

  it("refuses more than 24 hours on one day and says how much is left", () => {
    expect(dailyLimitProblem(20 * 60, 4 * 60 + 15)).toBe(
      "That would make more than 24 hours on one day: you have already logged 20 hours that day, so at most 4 more.",
    );
    expect(dailyLimitProblem(25 * 60, 15)).toMatch(/so at most 0 more/);
  });
});

describe("reviewProblem", () => {
  const logged: EntryForReview = { traineeId: "trainee", status: "PENDING", source: "LOGGED", supervisorId: "supervisor", reviewJurisdictionId: null };
  const external: EntryForReview = { traineeId: "trainee", status: "PENDING", source: "EXTERNAL_CERTIFICATE", supervisorId: null, reviewJurisdictionId: "KY" };

  it("lets the named supervisor decide on logged hours", () => {
    expect(reviewProblem(logged, supervisor)).toBeNull();
  });

  it("never lets anyone decide on their own hours, even as supervisor or board member", () => {
    const selfSupervising = actor("trainee", grant("TRAINEE"), grant("SUPERVISOR"), grant("BOARD_MEMBER", "KY"));
    expect(reviewProblem({ ...logged, supervisorId: "trainee" }, selfSupervising)).toBe("You cannot approve or reject your own hours.");
    expect(reviewProblem(external, selfSupervising)).toBe("You cannot approve or reject your own hours.");
  });

  it("does not let a trainee approve, even one named as supervisor", () => {
    const otherTrainee = actor("other-trainee", grant("TRAINEE"));
    expect(reviewProblem({ ...logged, supervisorId: "other-trainee" }, otherTrainee)).toBe("Only the supervisor the trainee named can decide on these hours.");
    expect(reviewProblem(external, otherTrainee)).toMatch(/Only a board member/);
  });

  it("does not let a supervisor who was not named decide", () => {
    expect(reviewProblem(logged, otherSupervisor)).toBe("Only the supervisor the trainee named can decide on these hours.");
  });

  it("does not let a board member or administrator decide on logged practice hours", () => {
    expect(reviewProblem(logged, boardKy)).toMatch(/Only the supervisor/);
    expect(reviewProblem(logged, admin)).toMatch(/Only the supervisor/);
  });

  it("lets a board member of the reviewing jurisdiction decide on training taken elsewhere, and no one else", () => {
    expect(reviewProblem(external, boardKy)).toBeNull();
    expect(reviewProblem(external, boardPa)).toBe("Only a board member of the jurisdiction asked to review this training can decide on it.");
    expect(reviewProblem(external, supervisor)).toMatch(/Only a board member/);
    expect(reviewProblem(external, admin)).toMatch(/Only a board member/);
  });

  it("refuses a decision on an entry that is no longer pending", () => {
    for (const status of ["APPROVED", "REJECTED", "CHANGES_REQUESTED", "VOIDED"] as const) {
      expect(reviewProblem({ ...logged, status }, supervisor)).toBe("This entry is no longer waiting for a decision.");
    }
  });

  it("refuses reviews of hours credited automatically", () => {
    expect(reviewProblem({ ...logged, source: "MODULE_COMPLETION", supervisorId: null }, supervisor)).toMatch(/credited automatically/);
  });

  it("maps each decision to the status it leaves, and offers boards no request for changes", () => {
    expect(DECISION_STATUS).toEqual({ approve: "APPROVED", reject: "REJECTED", "request-changes": "CHANGES_REQUESTED" });
    expect(DECISIONS_FOR_SOURCE.LOGGED).toContain("request-changes");
    expect(DECISIONS_FOR_SOURCE.EXTERNAL_CERTIFICATE).toEqual(["approve", "reject"]);
    expect(DECISIONS_FOR_SOURCE.MODULE_COMPLETION).toBeUndefined();
  });
});

describe("decisionSchema", () => {
  const schema = decisionSchema(["approve", "request-changes", "reject"]);

  it("approves without a comment, and keeps an empty comment as none", () => {
    expect(schema.parse({ entryId: "e1", decision: "approve", comment: "  " })).toEqual({ entryId: "e1", decision: "approve", comment: null });
  });

  it("needs a comment to reject or to ask for changes", () => {
    for (const decision of ["reject", "request-changes"]) {
      const result = schema.safeParse({ entryId: "e1", decision, comment: "" });
      expect(fieldsWithErrors(result)).toEqual(["comment"]);
    }
    expect(schema.parse({ entryId: "e1", decision: "reject", comment: " Not supervised work " }).comment).toBe("Not supervised work");
  });

  it("refuses a decision the reviewer is not offered", () => {
    const board = decisionSchema(["approve", "reject"]);
    expect(messages(board.safeParse({ entryId: "e1", decision: "request-changes", comment: "Fix it" }))).toEqual(["Choose one of the decisions offered"]);
    expect(fieldsWithErrors(board.safeParse({ entryId: "e1", decision: "shrug" }))).toEqual(["decision"]);
  });
});

describe("resubmissionSchema", () => {
  it("takes the corrected date, hours, setting and description, with an optional note", () => {
    const parsed = resubmissionSchema(TODAY).parse({ ...practice, comment: "" });
    expect(parsed).toEqual({
      occurredOn: new Date("2026-06-10T00:00:00Z"),
      hours: 2.5,
      setting: "Hope Recovery Centre",
      description: "Co-facilitated a peer support group",
      comment: null,
    });
    expect(parsed).not.toHaveProperty("supervisorId");
  });

  it("applies the same rules as logging", () => {
    const result = resubmissionSchema(TODAY).safeParse({ ...practice, occurredOn: "2026-07-01", hours: "-1" });
    expect(fieldsWithErrors(result).sort()).toEqual(["hours", "occurredOn"]);
  });
});

describe("voiding", () => {
  it("always needs a reason", () => {
    expect(voidSchema.safeParse({ reason: "   " }).success).toBe(false);
    expect(voidSchema.safeParse({}).success).toBe(false);
    expect(voidSchema.parse({ reason: " Logged twice by mistake " }).reason).toBe("Logged twice by mistake");
  });

  // The trainee works toward Kentucky and Pennsylvania credentials; no claim was sent for review.
  const theirs = { reviewJurisdictionId: null, traineeJurisdictionIds: ["KY", "PA"] };

  it("lets the trainee void their own hours only while they are undecided", () => {
    expect(voidProblem({ traineeId: "trainee", status: "PENDING" }, trainee, theirs)).toBeNull();
    expect(voidProblem({ traineeId: "trainee", status: "CHANGES_REQUESTED" }, trainee, theirs)).toBeNull();
    expect(voidProblem({ traineeId: "trainee", status: "APPROVED" }, trainee, theirs)).toBe(
      "Decided hours can be voided only by a board member or an administrator, never by the person whose hours they are.",
    );
    // Also when that person sits on a board or administers PeerPath.
    const boardTrainee = actor("trainee", grant("TRAINEE"), grant("BOARD_MEMBER", "KY"), grant("ADMIN"));
    expect(voidProblem({ traineeId: "trainee", status: "APPROVED" }, boardTrainee, theirs)).toMatch(/never by the person whose hours they are/);
    expect(voidProblem({ traineeId: "trainee", status: "PENDING" }, boardTrainee, theirs)).toBeNull();
    expect(voidProblem({ traineeId: "trainee", status: "REJECTED" }, trainee, theirs)).toMatch(/only by a board member/);
  });

  it("lets administrators and the boards of the trainee's jurisdictions void an entry, decided or not", () => {
    for (const official of [boardKy, boardPa, admin]) {
      expect(voidProblem({ traineeId: "trainee", status: "APPROVED" }, official, theirs)).toBeNull();
      expect(voidProblem({ traineeId: "trainee", status: "PENDING" }, official, theirs)).toBeNull();
    }
  });

  it("refuses a board the trainee has no tie to, unless its jurisdiction was asked to review the claim", () => {
    const kentuckyOnly = { reviewJurisdictionId: null, traineeJurisdictionIds: ["KY"] };
    expect(voidProblem({ traineeId: "trainee", status: "APPROVED" }, boardPa, kentuckyOnly)).toBe(
      "Only a board member of a jurisdiction this trainee works toward, applied to or holds a credential of can void their hours.",
    );
    expect(voidProblem({ traineeId: "trainee", status: "APPROVED" }, boardPa, { reviewJurisdictionId: "PA", traineeJurisdictionIds: [] })).toBeNull();
    expect(voidProblem({ traineeId: "trainee", status: "APPROVED" }, admin, { reviewJurisdictionId: null, traineeJurisdictionIds: [] })).toBeNull();
  });

  it("does not let a supervisor or another trainee void someone's hours", () => {
    expect(voidProblem({ traineeId: "trainee", status: "PENDING" }, supervisor, theirs)).toBe("You cannot void another person's hours.");
    expect(voidProblem({ traineeId: "trainee", status: "PENDING" }, actor("other", grant("TRAINEE")), theirs)).toBe("You cannot void another person's hours.");
  });

  it("does not void twice", () => {
    expect(voidProblem({ traineeId: "trainee", status: "VOIDED" }, admin, theirs)).toBe("This entry is already void.");
  });
});

describe("canViewEntry", () => {
  const entry = { traineeId: "trainee", supervisorId: "supervisor" };
  const theirs = { reviewJurisdictionId: null, traineeJurisdictionIds: ["KY", "PA"] };

  it("shows an entry to its trainee, its named supervisor, the boards of the trainee's jurisdictions and administrators", () => {
    for (const viewer of [trainee, supervisor, boardKy, boardPa, admin]) expect(canViewEntry(entry, viewer, theirs)).toBe(true);
  });

  it("hides it from other trainees, other supervisors, instructors and boards the trainee has no tie to", () => {
    const kentuckyOnly = { reviewJurisdictionId: null, traineeJurisdictionIds: ["KY"] };
    for (const viewer of [actor("other", grant("TRAINEE")), otherSupervisor, actor("teacher", grant("INSTRUCTOR")), boardPa]) {
      expect(canViewEntry(entry, viewer, kentuckyOnly)).toBe(false);
    }
    expect(canViewEntry(entry, boardPa, { reviewJurisdictionId: "PA", traineeJurisdictionIds: ["KY"] })).toBe(true);
  });
});

describe("entryBackLink", () => {
  const logged = { traineeId: "trainee", supervisorId: "supervisor", reviewJurisdictionId: null };
  const claim = { traineeId: "trainee", supervisorId: null, reviewJurisdictionId: "KY" };

  it("leads each viewer back to the list they reached the entry from", () => {
    expect(entryBackLink(logged, trainee)).toEqual({ to: "/hours", label: "Back to your hours" });
    expect(entryBackLink(logged, supervisor)).toEqual({ to: "/supervisor", label: "Back to Supervision" });
    expect(entryBackLink(claim, boardKy)).toEqual({ to: "/board/external-training", label: "Back to External training" });
  });

  it("offers no way back to a list the viewer has no entry in", () => {
    for (const viewer of [boardPa, admin, otherSupervisor]) expect(entryBackLink(claim, viewer)).toBeNull();
    expect(entryBackLink(logged, boardKy)).toBeNull();
    // Named as supervisor without holding the role: not their queue.
    expect(entryBackLink(logged, actor("supervisor", grant("TRAINEE")))).toBeNull();
  });

  it("leads a board member back to the application they opened the entry from, only one of that trainee's in their jurisdiction", () => {
    const application = { id: "app-1", traineeId: "trainee", jurisdictionId: "KY" };
    expect(entryBackLink(logged, boardKy, application)).toEqual({ to: "/board/applications/app-1", label: "Back to the application" });
    expect(entryBackLink(claim, boardKy, application)).toEqual({ to: "/board/applications/app-1", label: "Back to the application" });
    expect(entryBackLink(logged, boardPa, application)).toBeNull();
    expect(entryBackLink(logged, boardKy, { ...application, traineeId: "someone-else" })).toBeNull();
    // The trainee following such a link goes back to their own hours.
    expect(entryBackLink(logged, trainee, application)).toEqual({ to: "/hours", label: "Back to your hours" });
  });
});

describe("reviewNoticeFor", () => {
  const history = (toStatus: string, name: string) => [
    { toStatus: "PENDING", actor: { name: "Tara Trainee" } },
    { toStatus, actor: { name } },
  ];

  it("gives a rejection the same notice as a request for changes, with the reviewer and their reason", () => {
    expect(reviewNoticeFor({ status: "CHANGES_REQUESTED", reviewComment: "Name the group." }, history("CHANGES_REQUESTED", "Sam Supervisor"))).toEqual({
      lead: "Sam Supervisor asked for changes:",
      comment: "Name the group.",
    });
    expect(reviewNoticeFor({ status: "REJECTED", reviewComment: "The certificate does not show the hours." }, history("REJECTED", "Bea Board"))).toEqual({
      lead: "Bea Board rejected these hours:",
      comment: "The certificate does not show the hours.",
    });
  });

  it("has nothing to say about hours waiting, approved or void", () => {
    for (const status of ["PENDING", "APPROVED", "VOIDED"] as const) expect(reviewNoticeFor({ status, reviewComment: "Earlier comment" }, history(status, "Sam Supervisor"))).toBeNull();
  });
});

describe("canViewDocument", () => {
  const document = { ownerId: "trainee", reviewJurisdictionIds: ["KY"] };

  it("shows a certificate to its owner, administrators and the reviewing board", () => {
    for (const viewer of [trainee, admin, boardKy]) expect(canViewDocument(document, viewer)).toBe(true);
  });

  it("hides it from other boards, supervisors and other trainees", () => {
    for (const viewer of [boardPa, supervisor, actor("other", grant("TRAINEE"))]) expect(canViewDocument(document, viewer)).toBe(false);
    expect(canViewDocument({ ownerId: "trainee", reviewJurisdictionIds: [null] }, actor("lost", grant("BOARD_MEMBER", null)))).toBe(false);
  });
});

describe("certificateProblem for an application's document", () => {
  const letter = applicationDocumentUpload("Letter of recommendation");
  it("names the kind of document when no file is chosen, and says document, not certificate, after", () => {
    expect(certificateProblem({ filename: "", sizeBytes: 0, sniffedMimeType: null }, letter)).toBe(
      "Choose a file to upload for “Letter of recommendation” (a PDF, PNG or JPEG).",
    );
    expect(certificateProblem({ filename: "letter.pdf", sizeBytes: 0, sniffedMimeType: null }, letter)).toBe("“letter.pdf” is empty. Choose the document file again.");
    expect(certificateProblem({ filename: "letter.pdf", sizeBytes: MAX_CERTIFICATE_BYTES + 1, sniffedMimeType: "application/pdf" }, letter)).toMatch(/; documents can be at most 5 MB/);
    expect(certificateProblem({ filename: "letter.pdf", sizeBytes: 10, sniffedMimeType: "text/html" }, letter)).toMatch(/Save the document as a PDF/);
  });
});

describe("certificateProblem", () => {
  const pdf = { filename: "ethics.pdf", sizeBytes: 2048, sniffedMimeType: "application/pdf" };

  it("accepts a PDF, PNG or JPEG whose name matches its bytes, in any letter case", () => {
    expect(certificateProblem(pdf)).toBeNull();
    expect(certificateProblem({ ...pdf, filename: "SCAN.PDF" })).toBeNull();
    expect(certificateProblem({ filename: "photo.png", sizeBytes: 10, sniffedMimeType: "image/png" })).toBeNull();
    expect(certificateProblem({ filename: "photo.jpg", sizeBytes: 10, sniffedMimeType: "image/jpeg" })).toBeNull();
    expect(certificateProblem({ filename: "photo.jpeg", sizeBytes: 10, sniffedMimeType: "image/jpeg" })).toBeNull();
    expect(certificateProblem({ ...pdf, sizeBytes: MAX_CERTIFICATE_BYTES })).toBeNull();
  });

  it("asks for a file when none was chosen, and refuses an empty one", () => {
    expect(certificateProblem({ filename: "", sizeBytes: 0, sniffedMimeType: null })).toBe("Choose the certificate file to upload (a PDF, PNG or JPEG).");
    expect(certificateProblem({ filename: "empty.pdf", sizeBytes: 0, sniffedMimeType: null })).toBe("“empty.pdf” is empty. Choose the certificate file again.");
  });

  it("refuses more than 5 MB", () => {
    expect(certificateProblem({ ...pdf, sizeBytes: MAX_CERTIFICATE_BYTES + 1 })).toBe(
      "“ethics.pdf” is 5 MB; certificates can be at most 5 MB. Upload a smaller scan or photo.",
    );
    expect(certificateProblem({ ...pdf, sizeBytes: 7 * 1024 * 1024 })).toMatch(/is 7 MB/);
  });

  it("refuses a PNG named .pdf, and says what to rename it to", () => {
    expect(certificateProblem({ filename: "ethics.pdf", sizeBytes: 10, sniffedMimeType: "image/png" })).toBe(
      "“ethics.pdf” is really a PNG image, but its name ends in .pdf. Rename it to end in .png, or upload the file its name promises.",
    );
    expect(certificateProblem({ filename: "scan.png", sizeBytes: 10, sniffedMimeType: "image/jpeg" })).toMatch(/Rename it to end in \.jpg or \.jpeg/);
  });

  it("refuses a program or any other type renamed .pdf, and anything it cannot recognise", () => {
    expect(certificateProblem({ filename: "setup.pdf", sizeBytes: 10, sniffedMimeType: "application/x-msdownload" })).toBe(
      "“setup.pdf” is not a PDF, PNG or JPEG file, whatever its name says. Save the certificate as a PDF, PNG or JPEG and upload that.",
    );
    expect(certificateProblem({ filename: "notes.pdf", sizeBytes: 10, sniffedMimeType: null })).toMatch(/is not a PDF, PNG or JPEG file/);
    expect(certificateProblem({ filename: "page.html", sizeBytes: 10, sniffedMimeType: "text/html" })).toMatch(/is not a PDF, PNG or JPEG file/);
  });

  it("asks for an extension when the name has none", () => {
    expect(certificateProblem({ ...pdf, filename: "certificate" })).toBe("“certificate” has no extension. It is a PDF: rename it to end in .pdf.");
  });
});
