// Credential applications end to end on a real database: a trainee applies with live eligibility,
// the board reviews (more information, deny, approve), approval issues a credential with a unique
// number, and renewal moves the expiry on. Every refusal leaves the data as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { issueDates, renewedExpiry } from "~/domain/credentials";
import { createUser } from "~/models/user.server";
import { reviewApplication } from "~/models/application-review.server";
import { startApplication } from "~/models/application.server";
import { voidHours } from "~/models/practice-hours.server";
import { syncContent } from "~/models/content.server";
import { databasePool, prisma } from "~/utils/db.server";
import * as applicationRoute from "~/routes/applications.$applicationId";
import * as applicationsRoute from "~/routes/applications._index";
import * as boardApplicationRoute from "~/routes/board.applications.$applicationId";
import * as boardQueueRoute from "~/routes/board.applications._index";
import * as boardCredentialRoute from "~/routes/board.credentials.$number";
import * as hoursEntryRoute from "~/routes/hours.$entryId";
import { BASE, call, chromiumUpload, csrf, getRequest, postRequest, sessionCookie, uniqueEmail } from "./helpers";
import { grantTrainingHours } from "./route-table.exams-candidate";

const PDF_BYTES = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
type Person = { id: string; cookie: string };

async function person(role: "TRAINEE" | "BOARD_MEMBER", jurisdictionCode?: string, name = `Test ${role.toLowerCase()}`): Promise<Person> {
  const jurisdictionId = jurisdictionCode ? (await prisma.jurisdiction.findUniqueOrThrow({ where: { code: jurisdictionCode } })).id : null;
  const user = await createUser({ email: uniqueEmail(role.toLowerCase()), name, password: "correct horse battery", roles: [{ role, jurisdictionId }] });
  return { id: user.id, cookie: await sessionCookie(user.id) };
}

async function credentialTypeId(jurisdictionCode: string, code: string) {
  return (await prisma.credentialType.findFirstOrThrow({ where: { code, jurisdiction: { code: jurisdictionCode } } })).id;
}

/** Kentucky needs 30 training hours and the state's exam, shown here by its result letter. */
async function readyKentuckyApplication(trainee: Person) {
  await grantTrainingHours(trainee.id, { "ethical-responsibility": 30 });
  const response = await call(applicationsRoute.action, await postRequest("/applications", { intent: "start", credentialTypeId: await credentialTypeId("KY", "APSS") }, [trainee.cookie]));
  expect(response.status).toBe(302);
  const applicationId = response.headers.get("Location")!.split("/").pop()!;
  await attach(trainee, applicationId, "exam-result", new File([PDF_BYTES], "ky-exam-result.pdf", { type: "application/pdf" }));
  await post(trainee, applicationId, { intent: "save-evidence", attest: "on", recoveryStartedOn: "", lettersOfRecommendation: "0" });
  return applicationId;
}

async function post(who: Person, applicationId: string, fields: Record<string, string>) {
  return call(applicationRoute.action, await postRequest(`/applications/${applicationId}`, fields, [who.cookie]), { applicationId });
}

async function attach(who: Person, applicationId: string, kind: string, file: File) {
  const token = await csrf();
  const body = new FormData();
  body.set("csrf", token.token);
  body.set("intent", "attach");
  body.set("kind", kind);
  body.set("document", file);
  const request = new Request(`${BASE}/applications/${applicationId}`, { method: "POST", body, headers: { Cookie: [token.cookie, who.cookie].join("; ") } });
  return call(applicationRoute.action, request, { applicationId });
}

async function decide(board: Person, applicationId: string, fields: Record<string, string>) {
  return call(boardApplicationRoute.action, await postRequest(`/board/applications/${applicationId}`, fields, [board.cookie]), { applicationId });
}

const statusOf = async (id: string) => (await prisma.credentialApplication.findUniqueOrThrow({ where: { id } })).status;

let boardKy: Person;
let boardIcrc: Person;

beforeAll(async () => {
  await syncContent();
  boardKy = await person("BOARD_MEMBER", "KY");
  boardIcrc = await person("BOARD_MEMBER", "ICRC");
});

describe("applying", () => {
  it("shows the live verdict and refuses to submit while anything is missing, changing nothing", async () => {
    const trainee = await person("TRAINEE");
    const started = await call(applicationsRoute.action, await postRequest("/applications", { intent: "start", credentialTypeId: await credentialTypeId("KY", "APSS") }, [trainee.cookie]));
    const applicationId = started.headers.get("Location")!.split("/").pop()!;
    const page = await (await call(applicationRoute.loader, getRequest(`/applications/${applicationId}`, [trainee.cookie]), { applicationId })).json();
    expect(page.canSubmit).toBe(false);
    expect(page.blockers).toContain("Sign the code-of-ethics attestation.");
    expect(page.blockers.join(" ")).toMatch(/30 more hours/);
    expect(page.blockers.join(" ")).toMatch(/written and oral exam/);

    const refused = await post(trainee, applicationId, { intent: "submit" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).reasons).toContain("Sign the code-of-ethics attestation.");
    expect(await statusOf(applicationId)).toBe("DRAFT");
  });

  it("submits once everything is met, keeping a snapshot of the verdict and an audit trail", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = await readyKentuckyApplication(trainee);
    const submitted = await post(trainee, applicationId, { intent: "submit" });
    expect(submitted.status).toBe(302);
    const application = await prisma.credentialApplication.findUniqueOrThrow({ where: { id: applicationId } });
    expect(application.status).toBe("SUBMITTED");
    expect(application.requirementVersion).toBe(1);
    expect((application.verdictAtSubmission as { eligible: boolean }).eligible).toBe(true);
    const actions = (await prisma.auditEvent.findMany({ where: { subjectId: applicationId }, orderBy: { createdAt: "asc" } })).map((event) => event.action);
    expect(actions).toEqual(["application.started", "application.document-attached", "application.evidence-saved", "application.submitted"]);
    // Submitted evidence is frozen until the board asks for more.
    const late = await post(trainee, applicationId, { intent: "save-evidence", recoveryStartedOn: "", lettersOfRecommendation: "2" });
    expect(late.status).toBe(409);
  });

  it("refuses bad evidence with a message on the page and saves nothing", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = (await startApplication(trainee.id, await credentialTypeId("FL", "CRPS"))).id;
    const bad = await post(trainee, applicationId, { intent: "save-evidence", recoveryStartedOn: "yesterday", lettersOfRecommendation: "-1", attest: "on" });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.errors.recoveryStartedOn[0]).toMatch(/date/);
    expect(body.errors.lettersOfRecommendation[0]).toMatch(/negative/);
    const future = await post(trainee, applicationId, { intent: "save-evidence", recoveryStartedOn: "2999-01-01", lettersOfRecommendation: "1" });
    expect(future.status).toBe(400);
    const scientific = await post(trainee, applicationId, { intent: "save-evidence", recoveryStartedOn: "", lettersOfRecommendation: "1e1", attest: "on" });
    expect(scientific.status).toBe(400);
    expect((await scientific.json()).errors.lettersOfRecommendation).toEqual(["Enter the number of letters as a whole number, such as 2"]);
    const blank = await post(trainee, applicationId, { intent: "save-evidence", recoveryStartedOn: "", lettersOfRecommendation: " ", attest: "on" });
    expect(blank.status).toBe(400);
    expect((await blank.json()).errors.lettersOfRecommendation).toEqual(["Enter the number of letters, or 0 if you are not sending any yet"]);
    const application = await prisma.credentialApplication.findUniqueOrThrow({ where: { id: applicationId } });
    expect(application.attestedCodeOfEthicsAt).toBeNull();
    expect(application.lettersOfRecommendation).toBe(0);
  });

  it("attaches a document whose name holds ; and =, sent as Chromium sends it", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = (await startApplication(trainee.id, await credentialTypeId("KY", "APSS"))).id;
    const file = { filename: "KY exam; result=pass.pdf", type: "application/pdf", content: PDF_BYTES };
    const request = await chromiumUpload(`/applications/${applicationId}`, [["intent", "attach"], ["kind", "exam-result"], ["document", file]], [trainee.cookie]);
    const response = await call(applicationRoute.action, request, { applicationId });
    expect(response.status).toBe(200);
    const attached = await prisma.applicationDocument.findFirstOrThrow({ where: { applicationId }, include: { document: true } });
    expect(attached.document.filename).toBe("KY exam; result=pass.pdf");
  });

  it("refuses a renamed program as a document", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = (await startApplication(trainee.id, await credentialTypeId("KY", "APSS"))).id;
    const response = await attach(trainee, applicationId, "exam-result", new File(["MZ\x90\x00 not a pdf"], "result.pdf", { type: "application/pdf" }));
    expect(response.status).toBe(400);
    expect(await prisma.applicationDocument.count({ where: { applicationId } })).toBe(0);
  });

  it("asks for the file of the kind of document chosen when none is chosen, not for a certificate", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = (await startApplication(trainee.id, await credentialTypeId("KY", "APSS"))).id;
    // What a browser sends for a file field left empty: a part with no name and no bytes.
    const response = await attach(trainee, applicationId, "exam-result", new File([], "", { type: "application/octet-stream" }));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors.document).toEqual([expect.stringMatching(/^Choose a file to upload for “Result of the .+” \(a PDF, PNG or JPEG\)\.$/)]);
    expect(body.formError).not.toMatch(/certificate/);
    expect(await prisma.applicationDocument.count({ where: { applicationId } })).toBe(0);
  });

  it("does not let a trainee open or change another trainee's application", async () => {
    const owner = await person("TRAINEE");
    const other = await person("TRAINEE");
    const applicationId = (await startApplication(owner.id, await credentialTypeId("KY", "APSS"))).id;
    const opened = await call(applicationRoute.loader, getRequest(`/applications/${applicationId}`, [other.cookie]), { applicationId });
    expect(opened.status).toBe(403);
    const changed = await post(other, applicationId, { intent: "save-evidence", attest: "on", recoveryStartedOn: "", lettersOfRecommendation: "0" });
    expect(changed.status).toBe(403);
    expect((await prisma.credentialApplication.findUniqueOrThrow({ where: { id: applicationId } })).attestedCodeOfEthicsAt).toBeNull();
  });
});

describe("the board's review", () => {
  it("lists submitted applications to the jurisdiction's board only, never drafts", async () => {
    const trainee = await person("TRAINEE", undefined, "Queue Trainee");
    const applicationId = await readyKentuckyApplication(trainee);
    const draftOnly = await person("TRAINEE", undefined, "Draft Trainee");
    await startApplication(draftOnly.id, await credentialTypeId("KY", "APSS"));
    await post(trainee, applicationId, { intent: "submit" });
    const queue = await (await call(boardQueueRoute.loader, getRequest("/board/applications?q=Trainee", [boardKy.cookie]))).json();
    const names = queue.rows.map((row: { trainee: { name: string } }) => row.trainee.name);
    expect(names).toContain("Queue Trainee");
    expect(names).not.toContain("Draft Trainee");
    const icrcQueue = await (await call(boardQueueRoute.loader, getRequest("/board/applications?q=Queue", [boardIcrc.cookie]))).json();
    expect(icrcQueue.rows).toEqual([]);
    const forced = await call(boardQueueRoute.loader, getRequest(`/board/applications?credential=${await credentialTypeId("KY", "APSS")}`, [boardIcrc.cookie]));
    expect(forced.status).toBe(403);
    // A status the list does not offer (a drafts view, or a mistyped bookmark) says what to do in words.
    for (const status of ["DRAFT", "submitted"]) {
      const refused = await call(boardQueueRoute.loader, getRequest(`/board/applications?status=${status}`, [boardKy.cookie]));
      expect(refused.status).toBe(400);
      expect(await refused.text()).toBe("Those filters could not be read: choose a status from the list.");
    }
  });

  it("opens the queue on the applications waiting for the board, and keeps decided ones under All", async () => {
    const apss = await credentialTypeId("KY", "APSS");
    const statuses = ["SUBMITTED", "IN_REVIEW", "MORE_INFO_REQUESTED", "APPROVED", "DENIED"] as const;
    // Named after the status in words: another test searches for "_".
    const named = (status: string) => status.toLowerCase().replaceAll("_", " ");
    for (const status of statuses) {
      const trainee = await person("TRAINEE", undefined, `Waiting View ${named(status)}`);
      const { id } = await startApplication(trainee.id, apss);
      await prisma.credentialApplication.update({ where: { id }, data: { status, submittedAt: new Date() } });
    }
    const listed = async (query: string) => {
      const response = await call(boardQueueRoute.loader, getRequest(`/board/applications?q=Waiting+View${query}`, [boardKy.cookie]));
      expect(response.status).toBe(200);
      const body = (await response.json()) as { filters: { status: string }; rows: { trainee: { name: string } }[] };
      return { status: body.filters.status, names: body.rows.map((row) => row.trainee.name.replace("Waiting View ", "")).sort() };
    };

    // No status in the address, or an empty one as the form sends it: waiting for the board.
    expect(await listed("")).toEqual({ status: "", names: ["in review", "submitted"] });
    expect(await listed("&status=")).toEqual({ status: "", names: ["in review", "submitted"] });
    expect(await listed("&status=all")).toEqual({ status: "all", names: statuses.map(named).sort() });
    expect(await listed("&status=APPROVED")).toEqual({ status: "APPROVED", names: ["approved"] });
  });

  it("searches the queue by the trainee's name or email in any case, with or without accents, % and _ as typed", async () => {
    const apss = await credentialTypeId("KY", "APSS");
    for (const name of ["Émile Zoë", "Emil Plain", "Łukasz Nowak", "Anna Straße", "Under_Score 50%"]) {
      const trainee = await person("TRAINEE", undefined, name);
      const { id } = await startApplication(trainee.id, apss);
      await prisma.credentialApplication.update({ where: { id }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    }
    const found = async (q: string) => {
      const response = await call(boardQueueRoute.loader, getRequest(`/board/applications?q=${encodeURIComponent(q)}`, [boardKy.cookie]));
      expect(response.status).toBe(200);
      return ((await response.json()) as { rows: { trainee: { name: string } }[] }).rows.map((row) => row.trainee.name).sort();
    };

    for (const q of ["EMILE", "emile", "émile", "ÉMILE", "E\u0301mile", "zoe"]) expect(await found(q), q).toEqual(["Émile Zoë"]);
    expect(await found("emil")).toEqual(["Emil Plain", "Émile Zoë"]);
    for (const q of ["Lukasz", "LUKASZ", "łukasz"]) expect(await found(q), q).toEqual(["Łukasz Nowak"]);
    for (const q of ["strasse", "STRASSE", "Straße"]) expect(await found(q), q).toEqual(["Anna Straße"]);
    // % and _ are characters to look for, not wildcards matching every application.
    expect(await found("_")).toEqual(["Under_Score 50%"]);
    expect(await found("%")).toEqual(["Under_Score 50%"]);
    expect(await found("n_e")).toEqual([]);
    // The email too, in any case.
    const emile = await prisma.user.findFirstOrThrow({ where: { name: "Émile Zoë" } });
    expect(await found(emile.email.toUpperCase())).toEqual(["Émile Zoë"]);
  });

  it("asks for more information, which the trainee answers in the same application", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = await readyKentuckyApplication(trainee);
    await post(trainee, applicationId, { intent: "submit" });
    const noReason = await decide(boardKy, applicationId, { intent: "request-info", reason: "" });
    expect(noReason.status).toBe(400);
    expect(await statusOf(applicationId)).toBe("SUBMITTED");
    expect((await decide(boardKy, applicationId, { intent: "request-info", reason: "Send the exam letter with the seal visible." })).status).toBe(200);
    expect(await statusOf(applicationId)).toBe("MORE_INFO_REQUESTED");
    const withoutAnswer = await post(trainee, applicationId, { intent: "submit" });
    expect(withoutAnswer.status).toBe(400);
    expect((await post(trainee, applicationId, { intent: "submit", answer: "Attached a clearer scan." })).status).toBe(302);
    const messages = await prisma.applicationMessage.findMany({ where: { applicationId }, orderBy: { createdAt: "asc" } });
    expect(messages.map((message) => [message.kind, message.body])).toEqual([
      ["request", "Send the exam letter with the seal visible."],
      ["response", "Attached a clearer scan."],
    ]);
    expect(await statusOf(applicationId)).toBe("SUBMITTED");
  });

  it("links each hours entry in the evidence to its page, with a way back to the application", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = await readyKentuckyApplication(trainee);
    await post(trainee, applicationId, { intent: "submit" });
    const page = await (await call(boardApplicationRoute.loader, getRequest(`/board/applications/${applicationId}`, [boardKy.cookie]), { applicationId })).json();
    const entryId: string = page.evidence.entries[0].id;
    const entry = await (await call(hoursEntryRoute.loader, getRequest(`/hours/${entryId}?application=${applicationId}`, [boardKy.cookie]), { entryId })).json();
    expect(entry.back).toEqual({ to: `/board/applications/${applicationId}`, label: "Back to the application" });
    // The trainee following the same address goes back to their own hours.
    const own = await (await call(hoursEntryRoute.loader, getRequest(`/hours/${entryId}?application=${applicationId}`, [trainee.cookie]), { entryId })).json();
    expect(own.back).toEqual({ to: "/hours", label: "Back to your hours" });
  });

  it("refuses a board member of another jurisdiction, changing nothing", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = await readyKentuckyApplication(trainee);
    await post(trainee, applicationId, { intent: "submit" });
    expect((await call(boardApplicationRoute.loader, getRequest(`/board/applications/${applicationId}`, [boardIcrc.cookie]), { applicationId })).status).toBe(403);
    expect((await decide(boardIcrc, applicationId, { intent: "approve" })).status).toBe(403);
    expect(await statusOf(applicationId)).toBe("SUBMITTED");
    expect(await prisma.credential.count({ where: { applicationId } })).toBe(0);
  });

  it("never lets a board member decide their own application or change their own credential; a colleague can", async () => {
    const kentucky = await prisma.jurisdiction.findUniqueOrThrow({ where: { code: "KY" } });
    const user = await createUser({
      email: uniqueEmail("board-trainee"),
      name: "Board Trainee",
      password: "correct horse battery",
      roles: [{ role: "TRAINEE", jurisdictionId: null }, { role: "BOARD_MEMBER", jurisdictionId: kentucky.id }],
    });
    const self: Person = { id: user.id, cookie: await sessionCookie(user.id) };
    const applicationId = await readyKentuckyApplication(self);
    await post(self, applicationId, { intent: "submit" });

    const page = await (await call(boardApplicationRoute.loader, getRequest(`/board/applications/${applicationId}`, [self.cookie]), { applicationId })).json();
    expect(page).toMatchObject({ own: true, actions: [] });
    for (const intent of ["start-review", "approve"]) {
      const refused = await decide(self, applicationId, { intent });
      expect(refused.status).toBe(403);
      expect((await refused.json()).formError).toBe("This is your own application: another board member of the jurisdiction must decide it.");
    }
    expect(await statusOf(applicationId)).toBe("SUBMITTED");
    expect(await prisma.credential.count({ where: { applicationId } })).toBe(0);

    expect((await decide(boardKy, applicationId, { intent: "approve" })).status).toBe(200);
    const { number } = await prisma.credential.findUniqueOrThrow({ where: { applicationId } });
    const changeAs = async (who: Person, intent: string) =>
      call(boardCredentialRoute.action, await postRequest(`/board/credentials/${number}`, { intent, reason: "Checking the rules hold" }, [who.cookie]), { number });
    const ownView = await (await call(boardCredentialRoute.loader, getRequest(`/board/credentials/${number}`, [self.cookie]), { number })).json();
    expect(ownView).toMatchObject({ own: true, certificateRefusal: null });
    expect((await changeAs(self, "suspend")).status).toBe(403);
    expect((await prisma.credential.findUniqueOrThrow({ where: { number } })).state).toBe("ACTIVE");
    expect((await changeAs(boardKy, "suspend")).status).toBe(200);
    expect((await changeAs(self, "reinstate")).status).toBe(403);
    expect((await prisma.credential.findUniqueOrThrow({ where: { number } })).state).toBe("SUSPENDED");
    // The board's page offers the certificate only while the credential is in force, as the holder's does.
    const boardView = await (await call(boardCredentialRoute.loader, getRequest(`/board/credentials/${number}`, [boardKy.cookie]), { number })).json();
    expect(boardView.certificateRefusal).toMatch(/suspended, so no certificate/);
  });

  it("will not issue a credential to a trainee who no longer meets the requirement, saying what is missing", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = await readyKentuckyApplication(trainee);
    await post(trainee, applicationId, { intent: "submit" });
    // After submission, the training hours are found to be a mistake and voided by an administrator.
    const admin = await createUser({ email: uniqueEmail("admin"), name: "Test admin", password: "correct horse battery", roles: [{ role: "ADMIN" }] });
    for (const entry of await prisma.ledgerEntry.findMany({ where: { traineeId: trainee.id } })) {
      await voidHours(entry.id, { id: admin.id, grants: [{ role: "ADMIN", jurisdictionId: null }] }, "Entered for the wrong person");
    }

    const refused = await decide(boardKy, applicationId, { intent: "approve" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).formError).toBe(
      "Not approved: today the application does not meet every requirement in force. Missing: 30 more hours of training. Ask for more information or deny it.",
    );
    expect(await statusOf(applicationId)).toBe("SUBMITTED");
    expect(await prisma.credential.count({ where: { applicationId } })).toBe(0);

    await grantTrainingHours(trainee.id, { "ethical-responsibility": 30 });
    expect((await decide(boardKy, applicationId, { intent: "approve" })).status).toBe(200);
    expect(await prisma.credential.count({ where: { applicationId } })).toBe(1);
  });

  it("denies with a reason the trainee sees", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = await readyKentuckyApplication(trainee);
    await post(trainee, applicationId, { intent: "submit" });
    expect((await decide(boardKy, applicationId, { intent: "deny", reason: "The exam letter is for another person." })).status).toBe(200);
    const page = await (await call(applicationRoute.loader, getRequest(`/applications/${applicationId}`, [trainee.cookie]), { applicationId })).json();
    expect(page.application.status).toBe("DENIED");
    expect(page.application.decisionReason).toBe("The exam letter is for another person.");
    expect((await decide(boardKy, applicationId, { intent: "approve" })).status).toBe(409);
  });

  it("says on both pages who decided and when: the member's name to the board, the jurisdiction's board to the trainee", async () => {
    const decider = await person("BOARD_MEMBER", "KY", "Dana Decider");
    const today = new Date().toISOString().slice(0, 10);
    const pages = async (trainee: Person, applicationId: string) => ({
      board: await (await call(boardApplicationRoute.loader, getRequest(`/board/applications/${applicationId}`, [boardKy.cookie]), { applicationId })).json(),
      trainee: await (await call(applicationRoute.loader, getRequest(`/applications/${applicationId}`, [trainee.cookie]), { applicationId })).json(),
    });

    const denied = await person("TRAINEE");
    const deniedId = await readyKentuckyApplication(denied);
    await post(denied, deniedId, { intent: "submit" });
    const open = await pages(denied, deniedId);
    expect([open.board.decision, open.trainee.decision]).toEqual([null, null]);
    expect((await decide(decider, deniedId, { intent: "deny", reason: "The exam letter is for another person." })).status).toBe(200);
    const deniedPages = await pages(denied, deniedId);
    expect(deniedPages.board.decision).toEqual({ on: expect.stringMatching(new RegExp(`^${today}`)), by: "Dana Decider" });
    expect(deniedPages.trainee.decision).toEqual({ on: expect.stringMatching(new RegExp(`^${today}`)), by: "the Kentucky board" });
    expect(deniedPages.trainee.application.decidedBy).toBeUndefined();

    const approved = await person("TRAINEE");
    const approvedId = await readyKentuckyApplication(approved);
    await post(approved, approvedId, { intent: "submit" });
    expect((await decide(decider, approvedId, { intent: "approve" })).status).toBe(200);
    const approvedPages = await pages(approved, approvedId);
    expect(approvedPages.board.decision.by).toBe("Dana Decider");
    expect(approvedPages.trainee.decision.by).toBe("the Kentucky board");
  });

  it("approves once: the credential is issued with a number, dates from the renewal period and status active", async () => {
    const trainee = await person("TRAINEE", undefined, "Issued Holder");
    const applicationId = await readyKentuckyApplication(trainee);
    await post(trainee, applicationId, { intent: "submit" });
    expect((await decide(boardKy, applicationId, { intent: "start-review" })).status).toBe(200);
    const approved = await decide(boardKy, applicationId, { intent: "approve" });
    expect(approved.status).toBe(200);
    const credential = await prisma.credential.findUniqueOrThrow({ where: { applicationId } });
    const year = new Date().getUTCFullYear();
    expect(credential.number).toMatch(new RegExp(`^KY-APSS-${year}-\\d{6}$`));
    expect((await approved.json()).notice).toContain(credential.number);
    expect(credential.state).toBe("ACTIVE");
    expect(credential.holderName).toBe("Issued Holder");
    // Kentucky renews every 12 months: valid through the day before the anniversary (the month ends,
    // 29 February among them, are held by the unit tests of the domain's date rules).
    expect(credential.issuedOn.toISOString().slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect(credential.expiresOn.getTime()).toBe(issueDates(credential.issuedOn, 12).expiresOn.getTime());

    const again = await decide(boardKy, applicationId, { intent: "approve" });
    expect(again.status).toBe(409);
    expect((await again.json()).formError).toMatch(/already approved/);
    expect(await prisma.credential.count({ where: { holderId: trainee.id } })).toBe(1);
    const audit = await prisma.auditEvent.findMany({ where: { subjectId: credential.id } });
    expect(audit.map((event) => event.action)).toEqual(["credential.issued"]);
  });

  it("emails the trainee each decision: a request for information, then the approval with the credential's number", async () => {
    const trainee = await person("TRAINEE", undefined, "Mailed Trainee");
    const applicationId = await readyKentuckyApplication(trainee);
    await post(trainee, applicationId, { intent: "submit" });
    const outbox = async () =>
      (await prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `application-decision:${applicationId}:` } }, orderBy: { createdAt: "asc" } })).map(
        (message) => ({ to: message.toName, subject: message.subject, body: message.body }),
      );

    expect((await decide(boardKy, applicationId, { intent: "start-review" })).status).toBe(200);
    expect(await outbox()).toEqual([]);
    expect((await decide(boardKy, applicationId, { intent: "request-info", reason: "Send the exam letter with the seal visible." })).status).toBe(200);
    expect((await post(trainee, applicationId, { intent: "submit", answer: "Attached a clearer scan." })).status).toBe(302);
    expect((await decide(boardKy, applicationId, { intent: "approve" })).status).toBe(200);
    // A second approval is refused and writes no second message.
    expect((await decide(boardKy, applicationId, { intent: "approve" })).status).toBe(409);

    const credential = await prisma.credential.findUniqueOrThrow({ where: { applicationId } });
    const messages = await outbox();
    expect(messages.map((message) => [message.to, message.subject])).toEqual([
      ["Mailed Trainee", "More information needed: your application for the Adult Peer Support Specialist credential"],
      ["Mailed Trainee", `Approved: your Adult Peer Support Specialist credential, number ${credential.number}`],
    ]);
    expect(messages[0]!.body).toContain("The board asks: Send the exam letter with the seal visible.");
    expect(messages[0]!.body).toContain(`/applications/${applicationId}`);
    expect(messages[1]!.body).toContain(`Your credential number is ${credential.number}`);
    expect(messages[1]!.body).toContain(`/credentials/${credential.number}`);
  });

  it("emails the trainee a denial with the board's reason", async () => {
    const trainee = await person("TRAINEE", undefined, "Denied Trainee");
    const applicationId = await readyKentuckyApplication(trainee);
    await post(trainee, applicationId, { intent: "submit" });
    expect((await decide(boardKy, applicationId, { intent: "deny", reason: "The exam letter is for another person." })).status).toBe(200);
    const messages = await prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: `application-decision:${applicationId}:` } } });
    expect(messages.map((message) => message.subject)).toEqual(["Not approved: your application for the Adult Peer Support Specialist credential"]);
    expect(messages[0]!.body).toContain("The board's reason: The exam letter is for another person.");
  });

  it("never repeats a credential number, even when more approvals run at once than there are database connections", async () => {
    // Two reviewers per application, more approvals than the pool holds: an approval that needed a
    // second connection while holding its first would wait for ever on a full pool.
    const trainees = await Promise.all(Array.from({ length: Math.ceil(databasePool.options.max / 2) + 1 }, () => person("TRAINEE")));
    const applicationIds: string[] = [];
    for (const trainee of trainees) {
      const applicationId = await readyKentuckyApplication(trainee);
      await post(trainee, applicationId, { intent: "submit" });
      applicationIds.push(applicationId);
    }
    // Two reviewers press approve on every application at the same moment.
    const results = await Promise.allSettled(
      [...applicationIds, ...applicationIds].map((applicationId) => reviewApplication({ applicationId, reviewerId: boardKy.id, action: "approve", reason: null })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(applicationIds.length);
    const credentials = await prisma.credential.findMany({ where: { applicationId: { in: applicationIds } } });
    expect(credentials).toHaveLength(applicationIds.length);
    expect(new Set(credentials.map((credential) => credential.number)).size).toBe(applicationIds.length);
    expect(new Set(credentials.map((credential) => credential.statusListIndex)).size).toBe(applicationIds.length);
    const sequences = credentials.map((credential) => Number(credential.number.split("-").pop())).sort((a, b) => a - b);
    expect(sequences[sequences.length - 1]! - sequences[0]!).toBe(applicationIds.length - 1);
  });
});

describe("a provisional credential", () => {
  it("is applied for while the deferred part is missing, and runs for the provisional stage's months", async () => {
    const jurisdiction = await prisma.jurisdiction.upsert({ where: { code: "PROV" }, create: { code: "PROV", name: "Provisional State" }, update: {} });
    const credentialType = await prisma.credentialType.create({
      data: { jurisdictionId: jurisdiction.id, code: "CPRS", name: "Certified Peer Recovery Specialist", authority: "test rule", summary: "test" },
    });
    await prisma.requirementVersion.create({
      data: {
        credentialTypeId: credentialType.id,
        version: 1,
        requirement: {
          jurisdictionCode: "PROV",
          credentialCode: "CPRS",
          version: 1,
          source: "test rule",
          training: { totalHours: 10, domains: [] },
          crosswalk: { advocacy: null, "mentoring-education": null, "recovery-wellness-support": null, "ethical-responsibility": null },
          experience: { hours: 500, supervisedHours: 0 },
          exam: { required: false, name: "none", examId: null },
          evidence: [],
          renewal: { periodMonths: 24, continuingEducation: { totalHours: 10, categories: [] } },
          provisional: { name: "Provisional peer specialist", durationMonths: 18, deferred: ["experience"] },
          reviewerChecks: [],
        },
      },
    });
    const trainee = await person("TRAINEE");
    await grantTrainingHours(trainee.id, { advocacy: 10 });
    const applicationId = (await startApplication(trainee.id, credentialType.id)).id;
    await post(trainee, applicationId, { intent: "save-evidence", attest: "on", recoveryStartedOn: "", lettersOfRecommendation: "0" });
    const full = await post(trainee, applicationId, { intent: "submit" });
    expect(full.status).toBe(400);
    expect((await full.json()).reasons.join(" ")).toMatch(/500 more hours of experience/);

    await post(trainee, applicationId, { intent: "save-evidence", attest: "on", provisional: "on", recoveryStartedOn: "", lettersOfRecommendation: "0" });
    expect((await post(trainee, applicationId, { intent: "submit" })).status).toBe(302);
    // Approved on a month's last day, so the 18 months end on the last day of a shorter month.
    const asOf = new Date("2027-08-31T12:00:00Z");
    await reviewApplication({ applicationId, reviewerId: boardKy.id, action: "approve", reason: null, asOf });
    const credential = await prisma.credential.findUniqueOrThrow({ where: { applicationId } });
    expect(credential.provisional).toBe(true);
    expect(credential.issuedOn.toISOString().slice(0, 10)).toBe("2027-08-31");
    expect(credential.expiresOn.toISOString().slice(0, 10)).toBe("2029-02-27");
  });
});

describe("renewal", () => {
  it("renews an active credential in its window once its continuing education is met, moving expiry on", async () => {
    const trainee = await person("TRAINEE");
    const applicationId = await readyKentuckyApplication(trainee);
    await post(trainee, applicationId, { intent: "submit" });
    await reviewApplication({ applicationId, reviewerId: boardKy.id, action: "approve", reason: null });
    const credential = await prisma.credential.findUniqueOrThrow({ where: { applicationId } });
    const renew = async () => call(applicationsRoute.action, await postRequest("/applications", { intent: "renew", credentialNumber: credential.number }, [trainee.cookie]));

    // A year away from expiry the window is closed.
    const early = await renew();
    expect(early.status).toBe(409);

    // Sixty days before expiry, with Kentucky's 6 CE hours logged in the period.
    const expiresOn = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000);
    expiresOn.setUTCHours(0, 0, 0, 0);
    await prisma.credential.update({ where: { id: credential.id }, data: { expiresOn } });
    const opened = await renew();
    expect(opened.status).toBe(302);
    const renewalId = opened.headers.get("Location")!.split("/").pop()!;
    const notYet = await post(trainee, renewalId, { intent: "submit" });
    expect(notYet.status).toBe(400);
    expect((await notYet.json()).reasons.join(" ")).toMatch(/continuing education/);

    await prisma.ledgerEntry.create({
      data: { traineeId: trainee.id, kind: "CONTINUING_EDUCATION", status: "APPROVED", source: "LOGGED", minutes: 6 * 60, occurredOn: new Date(Date.now() - 86_400_000), description: "Ethics refresher", ceCategory: "general" },
    });
    await post(trainee, renewalId, { intent: "save-evidence", attest: "on", recoveryStartedOn: "", lettersOfRecommendation: "0" });
    expect((await post(trainee, renewalId, { intent: "submit" })).status).toBe(302);
    expect((await decide(boardKy, renewalId, { intent: "approve" })).status).toBe(200);

    const renewed = await prisma.credential.findUniqueOrThrow({ where: { id: credential.id } });
    expect(renewed.number).toBe(credential.number);
    // Twelve months on from the day after the old expiry (the month ends are held by the domain's unit tests).
    const nextExpiry = renewedExpiry(expiresOn, 12);
    expect(renewed.expiresOn.toISOString().slice(0, 10)).toBe(nextExpiry.toISOString().slice(0, 10));
    const events = await prisma.credentialEvent.findMany({ where: { credentialId: credential.id }, orderBy: { createdAt: "asc" } });
    expect(events.map((event) => event.action)).toEqual(["issued", "renewed"]);
  });
});
