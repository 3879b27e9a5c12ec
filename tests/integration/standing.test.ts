// The transcript downloads and the board's standing report, against a real database: what the files
// hold, who sees which trainees, filters and pages, and the 403 for another jurisdiction's credential.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { STANDING_CSV_HEADER, TRANSCRIPT_CSV_HEADER } from "~/domain/transcript";
import type { Prisma } from "~/generated/prisma/client";
import { loader as standingCsvLoader } from "~/routes/board.standing[.]csv";
import { loader as standingLoader } from "~/routes/board.standing";
import { action as progressAction } from "~/routes/progress";
import { loader as transcriptCsvLoader } from "~/routes/transcript[.]csv";
import { loader as transcriptPdfLoader } from "~/routes/transcript[.]pdf";
import { databasePool, prisma } from "~/utils/db.server";
import { call, credentialWithRequirement, getRequest, testRequirement, jurisdiction, moduleHours, postRequest, sessionCookie, traineeWithGoals, uniqueEmail, userWithRole } from "./helpers";
import { pdfContents } from "./pdf";

const TODAY = new Date().toISOString().slice(0, 10);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const BOM = "\uFEFF";

const requirement = (jurisdictionCode: string, credentialCode: string, trainingHours: number, experienceHours = 0) =>
  testRequirement(jurisdictionCode, credentialCode, { training: { totalHours: trainingHours }, experience: { hours: experienceHours, supervisedHours: 0 } });

const credentialType = (jurisdictionId: string, jurisdictionCode: string, code: string, name: string, trainingHours: number, experienceHours = 0) =>
  credentialWithRequirement(jurisdictionId, code, name, requirement(jurisdictionCode, code, trainingHours, experienceHours));

const trainee = (name: string, credentialTypeIds: string[], email = uniqueEmail("standing")) => traineeWithGoals(name, credentialTypeIds, email);

type EntryInput = Partial<Prisma.LedgerEntryCreateManyInput> & { minutes: number };
async function ledger(traineeId: string, entries: EntryInput[]) {
  await prisma.ledgerEntry.createMany({ data: entries.map(({ minutes, ...fields }) => moduleHours(traineeId, minutes, fields)) });
}

const csvLines = (text: string) => text.replace(BOM, "").split("\r\n").filter(Boolean);

describe("the transcript downloads", () => {
  let traineeId: string;
  let cookie: string;

  beforeAll(async () => {
    const state = await jurisdiction("TRA", "Transcript State");
    const credential = await credentialType(state.id, "TRA", "TPS", "Transcript Peer Specialist", 10);
    const user = await trainee("Tess Transcript", [credential.id]);
    traineeId = user.id;
    cookie = await sessionCookie(user.id);
    await ledger(user.id, [
      { minutes: 240, occurredOn: day("2025-02-01"), description: "Ethics, boundaries and role clarity", courseDomain: "ethical-responsibility" },
      { minutes: 90, occurredOn: day("2025-01-10"), description: "Advocacy basics" },
      {
        minutes: 120,
        kind: "EXPERIENCE",
        source: "LOGGED",
        status: "PENDING",
        courseDomain: null,
        occurredOn: day("2025-02-03"),
        description: 'Evening group at the "Harbor" centre',
      },
      { minutes: 60, status: "REJECTED", source: "EXTERNAL_CERTIFICATE", occurredOn: day("2025-02-04"), description: '=HYPERLINK("http://evil.example")' },
      { minutes: 30, status: "VOIDED", occurredOn: day("2025-02-05"), description: "Entered twice" },
    ]);
    // Someone else's hours never appear.
    const other = await trainee("Other Person", [credential.id]);
    await ledger(other.id, [{ minutes: 600, description: "Not Tess's hours" }]);
  });

  it("gives the trainee their ledger as CSV, oldest first, quoted and defused", async () => {
    const response = await call(transcriptCsvLoader, getRequest("/transcript.csv", [cookie]));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="transcript-tess-transcript-${TODAY}.csv"`);
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const bytes = Buffer.from(await response.arrayBuffer());
    // A UTF-8 byte-order mark first (Response.text() would silently drop it), so spreadsheets read UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(csvLines(text)).toEqual([
      TRANSCRIPT_CSV_HEADER.join(","),
      "2025-01-10,Training,PeerPath module,Advocacy,1.5,Approved,Advocacy basics",
      '2025-02-01,Training,PeerPath module,Ethical responsibility,4,Approved,"Ethics, boundaries and role clarity"',
      '2025-02-03,Experience,Logged practice,,2,Waiting for review,"Evening group at the ""Harbor"" centre"',
      `2025-02-04,Training,Training taken elsewhere,Advocacy,1,Rejected,"'=HYPERLINK(""http://evil.example"")"`,
      "2025-02-05,Training,PeerPath module,Advocacy,0.5,Void,Entered twice",
    ]);
    expect(text).not.toContain("Not Tess's hours");
  });

  it("gives the trainee a PDF with their name, standing and entries", async () => {
    const response = await call(transcriptPdfLoader, getRequest("/transcript.pdf", [cookie]));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="transcript-tess-transcript-${TODAY}.pdf"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(bytes.length).toBeGreaterThan(1000);
    const { doc, text } = await pdfContents(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe("Transcript of Tess Transcript");
    expect(text).toContain("Tess Transcript");
    expect(text).toContain(`As of ${TODAY}`);
    expect(text).toContain("Transcript State: Transcript Peer Specialist");
    expect(text).toContain("Requirement version 1. Eligible: no.");
    expect(text).toContain("Training hours: 5.5 of 10 hours");
    expect(text).toContain("- 4.5 more hours of training");
    expect(text).toContain("Approved hours");
    expect(text).toContain("Advocacy basics");
    expect(text).toContain("Entries that do not count");
    expect(text).toContain("Waiting for review");
    expect(text).toContain("Rejected");
    expect(text).toContain("Void");
    expect(text).not.toContain("Not Tess's hours");
  });

  it("prints names and descriptions in Latin, Greek and Cyrillic letters as typed, in an embedded font", async () => {
    const user = await trainee("Łukasz Żółć", []);
    await ledger(user.id, [
      { minutes: 60, occurredOn: day("2025-03-01"), description: "Ran group 🙂 — ✓ ąę" },
      { minutes: 60, occurredOn: day("2025-03-02"), description: "Группа поддержки, Ομάδα υποστήριξης" },
    ]);
    const response = await call(transcriptPdfLoader, getRequest("/transcript.pdf", [await sessionCookie(user.id)]));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="transcript-lukasz-zolc-${TODAY}.pdf"`);
    const { doc, text, fonts } = await pdfContents(new Uint8Array(await response.arrayBuffer()));
    expect(doc.getTitle()).toBe("Transcript of Łukasz Żółć");
    expect(fonts.length > 0 && fonts.every((font) => /^\/DejaVuSans(-Bold)?-/.test(font)), fonts.join()).toBe(true);
    expect(text).toContain("Łukasz Żółć");
    // The emoji is not in the font: it prints as □, the rest as typed.
    expect(text).toContain("Ran group □ — ✓ ąę");
    // A description wraps within its column.
    expect(text.replace(/\n/g, " ")).toContain("Группа поддержки, Ομάδα υποστήριξης");
    expect(text).toContain("Transcript of Łukasz Żółć - page 1 of 1");
  });

  it("runs onto more pages when the entries overflow, and marks what the font cannot draw", async () => {
    const user = await trainee("Łucja “Lu” Nowak – 日本", []);
    await ledger(
      user.id,
      Array.from({ length: 120 }, (_, index) => ({
        minutes: 60,
        occurredOn: day(`2025-0${1 + (index % 9)}-1${index % 10}`),
        description: `Session ${index + 1} → notes with “quotes” and a long description that wraps across the column`,
      })),
    );
    const response = await call(transcriptPdfLoader, getRequest("/transcript.pdf", [await sessionCookie(user.id)]));
    expect(response.status).toBe(200);
    const { doc, text } = await pdfContents(new Uint8Array(await response.arrayBuffer()));
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3);
    expect(text).toContain("Łucja “Lu” Nowak – □□");
    expect(text).toContain("No credential goals chosen yet.");
    expect(text).toContain(`page ${doc.getPageCount()} of ${doc.getPageCount()}`);
    // The table's header row repeats on every page it runs onto.
    expect(text.split("\n").filter((line) => line === "Description").length).toBeGreaterThanOrEqual(doc.getPageCount() - 1);
    expect(text).toContain("Session 120 → notes");
  });

  it("is the signed-in trainee's own only: no id in the address to change", async () => {
    const response = await call(transcriptCsvLoader, getRequest(`/transcript.csv?traineeId=${traineeId}`, [await sessionCookie((await trainee("Nosy Neighbour", [])).id)]));
    expect(csvLines(await response.text())).toEqual([TRANSCRIPT_CSV_HEADER.join(",")]);
  });
});

describe("the board's standing report", () => {
  let stateA: { id: string };
  let primary: { id: string };
  let second: { id: string };
  let otherCredential: { id: string };
  let boardCookie: string;
  let adminCookie: string;
  const both = { name: "Bo Both", email: uniqueEmail("bo-both") };

  beforeAll(async () => {
    stateA = await jurisdiction("STA", "State A");
    const stateB = await jurisdiction("STB", "State B");
    primary = await credentialType(stateA.id, "STA", "PSA", "Peer Specialist A", 10);
    second = await credentialType(stateA.id, "STA", "SCA", "Second Credential A", 5, 20);
    otherCredential = await credentialType(stateB.id, "STB", "PSB", "Peer Specialist B", 1);
    // A credential without a requirement version yet: no standing to show.
    const unversioned = await prisma.credentialType.create({
      data: { jurisdictionId: stateA.id, code: "NOV", name: "Not Yet Versioned", authority: "x", summary: "x" },
    });

    // 30 trainees toward the primary credential: the first 12 eligible.
    for (let index = 1; index <= 30; index++) {
      const user = await trainee(`Pat Pager ${String(index).padStart(2, "0")}`, [primary.id], uniqueEmail(`pager${index}`));
      await ledger(user.id, [{ minutes: index <= 12 ? 600 : 120 }]);
    }
    const bo = await trainee(both.name, [primary.id, second.id, otherCredential.id, unversioned.id], both.email);
    await ledger(bo.id, [
      { minutes: 600 },
      { minutes: 1200, kind: "EXPERIENCE", source: "LOGGED", courseDomain: null, status: "PENDING" },
    ]);
    const outsider = await trainee("Olga Outsider", [otherCredential.id]);
    await ledger(outsider.id, [{ minutes: 60 }]);

    boardCookie = await sessionCookie((await userWithRole("BOARD_MEMBER", "STA")).id);
    adminCookie = await sessionCookie((await userWithRole("ADMIN")).id);
  });

  type Page = {
    rows: { name: string; email: string; jurisdictionName: string; credentialName: string; eligible: boolean; unmetShown: string[]; trainingCounted: number; trainingRequired: number }[];
    total: number;
    page: number;
    pages: number;
    credentialOptions: { id: string; label: string }[];
    csvHref: string;
  };
  const open = async (query: string, cookie = boardCookie) => {
    const response = await call(standingLoader, getRequest(`/board/standing${query}`, [cookie]));
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };

  it("shows a board member only the trainees pursuing their jurisdiction's credentials, with their standing", async () => {
    const page = await open("");
    expect(page.total).toBe(32); // 30 toward the primary, Bo twice (primary and second)
    expect(page.pages).toBe(2);
    expect(page.rows).toHaveLength(25);
    expect(page.credentialOptions.map((option) => option.label)).toEqual([
      "State A: Not Yet Versioned",
      "State A: Peer Specialist A",
      "State A: Second Credential A",
    ]);
    const bo = page.rows.filter((row) => row.name === both.name);
    expect(bo.map((row) => [row.credentialName, row.eligible, row.trainingCounted, row.trainingRequired, row.unmetShown])).toEqual([
      ["Peer Specialist A", true, 10, 10, []],
      ["Second Credential A", false, 10, 5, ["20 more hours of experience"]],
    ]);
    expect(page.rows[2]).toMatchObject({ name: "Pat Pager 01", eligible: true });
    expect(page.rows.find((row) => row.name === "Pat Pager 13")).toMatchObject({ eligible: false, unmetShown: ["8 more hours of training"] });

    const rest = await open("?page=2");
    expect(rest.rows.map((row) => row.name)).toEqual(["Pat Pager 24", "Pat Pager 25", "Pat Pager 26", "Pat Pager 27", "Pat Pager 28", "Pat Pager 29", "Pat Pager 30"]);
    const everyone = [...page.rows, ...rest.rows].map((row) => row.name);
    expect(everyone).not.toContain("Olga Outsider");
    expect(new Set(everyone).size).toBe(31);
  });

  it("reads the ledgers of a page in one query, not one a row, and none while its stored rows are current", async () => {
    const ledgerQueriesOfPage = async () => {
      const query = vi.spyOn(databasePool, "query");
      const findMany = vi.spyOn(prisma.ledgerEntry, "findMany");
      try {
        await open("");
        expect(findMany).not.toHaveBeenCalled();
        return query.mock.calls.filter(([config]) => (config as unknown as { name?: string }).name?.startsWith("ledger-summary")).length;
      } finally {
        query.mockRestore();
        findMany.mockRestore();
      }
    };
    // Without stored rows (as after every trainee changed) the page's goals are evaluated together.
    await databasePool.query(`DELETE FROM "GoalStanding"`);
    expect(await ledgerQueriesOfPage()).toBe(1);
    expect(await ledgerQueriesOfPage()).toBe(0);
  });

  it("filters by credential, status and name or email, and pages the filtered list", async () => {
    const secondOnly = await open(`?credential=${second.id}`);
    expect(secondOnly.rows.map((row) => row.name)).toEqual([both.name]);

    const eligible = await open("?status=eligible");
    expect(eligible.total).toBe(13);
    expect(eligible.rows.every((row) => row.eligible)).toBe(true);

    const notYet = await open("?status=not-yet");
    expect(notYet.total).toBe(19);
    expect(notYet.pages).toBe(1);
    const notYetAll = notYet.rows.map((row) => `${row.name}/${row.credentialName}`);
    expect(notYetAll[0]).toBe(`${both.name}/Second Credential A`);

    const filteredPage = await open(`?status=not-yet&credential=${primary.id}&page=1`);
    expect(filteredPage.total).toBe(18);
    expect(filteredPage.rows.every((row) => !row.eligible && row.credentialName === "Peer Specialist A")).toBe(true);

    const byName = await open("?q=pat%20PAGER%2007");
    expect(byName.rows.map((row) => row.name)).toEqual(["Pat Pager 07"]);
    const byEmail = await open(`?q=${encodeURIComponent(both.email.toUpperCase())}`);
    expect(byEmail.total).toBe(2);
    expect(byEmail.csvHref).toBe(`/board/standing.csv?q=${encodeURIComponent(both.email.toUpperCase()).replaceAll("%20", "+")}`);

    const combined = await open(`?status=eligible&q=pager&page=1`);
    expect(combined.total).toBe(12);
    expect(combined.csvHref).toBe("/board/standing.csv?status=eligible&q=pager");

    // Past the last page is empty.
    const pastTheEnd = await open("?page=9");
    expect(pastTheEnd.rows).toEqual([]);
    expect(pastTheEnd.total).toBe(32);
  });

  it("downloads the whole filtered report as CSV", async () => {
    const response = await call(standingCsvLoader, getRequest("/board/standing.csv?status=not-yet", [boardCookie]));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="standing-report-${TODAY}.csv"`);
    const lines = csvLines(await response.text());
    expect(lines[0]).toBe(STANDING_CSV_HEADER.join(","));
    expect(lines).toHaveLength(1 + 19);
    expect(lines[1]).toBe(`${both.name},${both.email},State A,Second Credential A,1,10,5,0,20,0,0,No,20 more hours of experience`);
    expect(lines.at(-1)).toMatch(/^Pat Pager 30,.*,State A,Peer Specialist A,1,2,10,0,0,0,0,No,8 more hours of training$/);
    expect(lines.join("\n")).not.toMatch(/Outsider|State B/);

    const all = csvLines(await (await call(standingCsvLoader, getRequest("/board/standing.csv", [boardCookie]))).text());
    expect(all).toHaveLength(1 + 32);
  });

  it("answers 403 when a board member asks for another jurisdiction's credential, on the page and the CSV", async () => {
    for (const path of [`/board/standing?credential=${otherCredential.id}`, `/board/standing.csv?credential=${otherCredential.id}`]) {
      const loader = path.includes(".csv") ? standingCsvLoader : standingLoader;
      const response = await call(loader, getRequest(path, [boardCookie]));
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("Olga");
    }
    expect((await call(standingLoader, getRequest("/board/standing?credential=cknotacredential000", [boardCookie]))).status).toBe(404);
    expect((await call(standingLoader, getRequest("/board/standing?credential=%27%20OR%201%3D1", [boardCookie]))).status).toBe(400);
  });

  it("refuses a status it does not know with 400 and a sentence, on the page and the CSV, instead of listing everyone", async () => {
    for (const path of ["/board/standing?status=weird", "/board/standing.csv?status=weird"]) {
      const loader = path.includes(".csv") ? standingCsvLoader : standingLoader;
      const response = await call(loader, getRequest(path, [boardCookie]));
      expect(response.status).toBe(400);
      expect(await response.text()).toBe("That status is not valid. Choose Eligible or Not yet eligible from the list, or any status.");
    }
  });

  it("counts a trainee in as they choose the credential on their progress page, and out as they drop it", async () => {
    const before = (await open("")).total;
    const olga = await prisma.user.findFirstOrThrow({ where: { name: "Olga Outsider" } });
    const olgaCookie = await sessionCookie(olga.id);
    const choose = async (credentialTypeIds: string[]) => {
      const form = await postRequest("/progress", {}, [olgaCookie]);
      const body = new URLSearchParams(await form.text());
      for (const id of credentialTypeIds) body.append("credentialTypeId", id);
      const saved = await call(progressAction, new Request(form.url, { method: "POST", body, headers: form.headers }));
      expect(saved.headers.get("Location")).toBe("/progress?updated=1");
    };
    await choose([otherCredential.id, primary.id, second.id]);
    const joined = await open("");
    expect(joined.total).toBe(before + 2);
    expect(joined.pages).toBe(2);
    expect((await open(`?credential=${second.id}`)).total).toBe(2);

    await choose([otherCredential.id, second.id]);
    expect((await open("")).total).toBe(before + 1);
    await choose([otherCredential.id]);
    expect((await open("")).total).toBe(before);
    expect((await open("?q=Olga")).rows).toEqual([]);
  });

  it("shows an administrator every jurisdiction", async () => {
    const page = await open(`?credential=${otherCredential.id}`, adminCookie);
    expect(page.rows.map((row) => row.name).sort()).toEqual([both.name, "Olga Outsider"]);
    expect((await open("?q=Olga", adminCookie)).total).toBe(1);
  });

  it("lists a trainee's credentials by jurisdiction, then credential, as their progress page does, on the page and the CSV", async () => {
    // By credential name alone, State B's "Peer Specialist B" would come between State A's two.
    const byJurisdiction = ["State A/Peer Specialist A", "State A/Second Credential A", "State B/Peer Specialist B"];
    const rowsOfBo = (page: Page) => page.rows.filter((row) => row.name === both.name).map((row) => `${row.jurisdictionName}/${row.credentialName}`);
    expect(rowsOfBo(await open("", adminCookie))).toEqual(byJurisdiction);
    expect(rowsOfBo(await open(`?q=${encodeURIComponent(both.name)}`, adminCookie))).toEqual(byJurisdiction);
    const csv = await call(standingCsvLoader, getRequest(`/board/standing.csv?q=${encodeURIComponent(both.name)}`, [adminCookie]));
    expect(csvLines(await csv.text()).slice(1).map((line) => line.split(",").slice(2, 4).join("/"))).toEqual(byJurisdiction);
  });
});

describe("searching the standing report by name or email", () => {
  it("ignores case and accents in any script, takes % and _ literally, and follows a change of name", async () => {
    const state = await jurisdiction("STD", "State D");
    const credential = await credentialType(state.id, "STD", "PSD", "Peer Specialist D", 1);
    const emile = await trainee("Émile Zoë Łukasz", [credential.id], uniqueEmail("emile"));
    await trainee("Emil Plain", [credential.id], uniqueEmail("plain"));
    await trainee("Ann 50%_Off", [credential.id], uniqueEmail("percent"));
    await trainee("Jörg Straße", [credential.id], uniqueEmail("strasse"));
    await trainee("Þóra Ødegård", [credential.id], uniqueEmail("thora"));
    await trainee("שָׁלוֹם מֻחַמַּד", [credential.id], uniqueEmail("pointed"));
    await trainee("مُحَمَّد", [credential.id], uniqueEmail("harakat"));
    const cookie = await sessionCookie((await userWithRole("BOARD_MEMBER", "STD")).id);
    const found = async (query: string) => {
      const response = await call(standingLoader, getRequest(`/board/standing?${query}`, [cookie]));
      expect(response.status).toBe(200);
      return ((await response.json()) as { rows: { name: string }[] }).rows.map((row) => row.name);
    };
    const search = (q: string) => found(`q=${encodeURIComponent(q)}`);

    // As typed, in capitals, without accents, decomposed (E + combining acute): all find Émile.
    for (const q of ["Émile", "émile", "EMILE", "ÉMILE", "emile zoe", "ZOË", "E\u0301mile", "łukasz", "ŁUKASZ", "Lukasz", "LUKASZ"]) {
      expect(await search(q), q).toEqual(["Émile Zoë Łukasz"]);
    }
    // Letters that are not a plain letter plus an accent match their plain form too.
    for (const q of ["strasse", "STRASSE", "Straße", "STRAẞE"]) expect(await search(q), q).toEqual(["Jörg Straße"]);
    for (const q of ["thora odegard", "THÓRA", "þóra", "Ødegård"]) expect(await search(q), q).toEqual(["Þóra Ødegård"]);
    // Hebrew points and Arabic vowel marks, which few people type, are left out on both sides.
    expect(await search("שלום")).toEqual(["שָׁלוֹם מֻחַמַּד"]);
    expect(await search("שָׁלוֹם")).toEqual(["שָׁלוֹם מֻחַמַּד"]);
    expect(await search("محمد")).toEqual(["مُحَمَّد"]);
    expect(await search("emil")).toEqual(["Emil Plain", "Émile Zoë Łukasz"]);
    expect(await search(emile.email.toUpperCase())).toEqual(["Émile Zoë Łukasz"]);
    // The same search with a status filter (another statement) and in the CSV.
    expect(await found(`q=EMILE&status=eligible`)).toEqual([]);
    expect(await found(`q=EMILE&status=not-yet`)).toEqual(["Émile Zoë Łukasz"]);
    const csv = await call(standingCsvLoader, getRequest("/board/standing.csv?q=EMILE", [cookie]));
    expect(csvLines(await csv.text()).slice(1).map((line) => line.split(",")[0])).toEqual(["Émile Zoë Łukasz"]);

    // % and _ are letters to look for, not wildcards.
    expect(await search("50%_")).toEqual(["Ann 50%_Off"]);
    expect(await search("%")).toEqual(["Ann 50%_Off"]);
    expect(await search("n_5")).toEqual([]);

    await prisma.user.update({ where: { id: emile.id }, data: { name: "Émilie Zoë" } });
    expect(await search("EMILIE")).toEqual(["Émilie Zoë"]);
    expect(await search("łukasz")).toEqual([]);
  });
});

describe("a status filter over more trainees than one batch", () => {
  it("evaluates them 500 at a time and still counts and pages exactly", async () => {
    const stateC = await jurisdiction("STC", "State C");
    const credential = await credentialType(stateC.id, "STC", "BIG", "Big Cohort Credential", 3);
    const count = 1030;
    const stamp = `${process.pid}-${Date.now()}`;
    const ids = Array.from({ length: count }, (_, index) => `bulk-${stamp}-${String(index).padStart(4, "0")}`);
    await prisma.user.createMany({
      data: ids.map((id, index) => ({ id, name: `Bulk ${String(index).padStart(4, "0")}`, email: `${id}@example.org`, passwordHash: "not-used" })),
    });
    await prisma.traineeGoal.createMany({ data: ids.map((traineeId) => ({ traineeId, credentialTypeId: credential.id })) });
    // Every third trainee has the 3 hours.
    const eligibleIds = ids.filter((_, index) => index % 3 === 0);
    await prisma.ledgerEntry.createMany({
      data: eligibleIds.map((traineeId) => ({
        traineeId,
        kind: "TRAINING" as const,
        status: "APPROVED" as const,
        source: "MODULE_COMPLETION" as const,
        minutes: 180,
        occurredOn: day("2025-01-15"),
        description: "Module hours",
      })),
    });
    const cookie = await sessionCookie((await userWithRole("BOARD_MEMBER", "STC")).id);

    const response = await call(standingLoader, getRequest("/board/standing?status=eligible&page=14", [cookie]));
    const page = (await response.json()) as { total: number; pages: number; rows: { name: string; eligible: boolean }[] };
    expect(page.total).toBe(eligibleIds.length); // 344
    expect(page.pages).toBe(14);
    expect(page.rows.map((row) => row.name)).toEqual(
      eligibleIds.slice(13 * 25).map((id) => `Bulk ${id.slice(-4)}`),
    );
    const notYet = (await (await call(standingLoader, getRequest("/board/standing?status=not-yet", [cookie]))).json()) as { total: number };
    expect(notYet.total).toBe(count - eligibleIds.length);

    const csv = await call(standingCsvLoader, getRequest("/board/standing.csv?status=eligible", [cookie]));
    const lines = csvLines(Buffer.from(await csv.arrayBuffer()).toString("utf8"));
    expect(lines).toHaveLength(1 + eligibleIds.length);
    expect(lines.slice(1).every((line) => line.includes(",Yes,"))).toBe(true);
  });
});
