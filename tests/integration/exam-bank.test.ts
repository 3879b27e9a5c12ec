import { beforeAll, describe, expect, it } from "vitest";
import { readQti } from "~/domain/qti";
import { syncContent } from "~/models/content.server";
import { action as definitionAction, loader as definitionLoader } from "~/routes/board.exams.$examId._index";
import { loader as examsLoader } from "~/routes/board.exams._index";
import { action as itemAction, loader as itemLoader } from "~/routes/board.exams.$examId.items.$itemId";
import { action as bankAction, loader as bankLoader } from "~/routes/board.exams.$examId.items._index";
import { loader as qtiLoader } from "~/routes/board.exams.$examId.qti[.]xml";
import { loader as reportLoader } from "~/routes/board.exams.$examId.report";
import { prisma } from "~/utils/db.server";
import { pageOfPagesText, pastLastPageText } from "~/utils/pagination";
import { BASE, call, chromiumUpload, csrf, getRequest, postRequest, sessionCookie, userWithRole } from "./helpers";
import { definitionFormFields } from "./route-table.exams-board";

let examId = "";
let jurisdictionId = "";
let board = { id: "", cookie: "" };

beforeAll(async () => {
  await syncContent();
  const exam = await prisma.exam.findUniqueOrThrow({ where: { code: "icrc-pr" } });
  examId = exam.id;
  jurisdictionId = exam.jurisdictionId;
  const user = await userWithRole("BOARD_MEMBER", "ICRC");
  board = { id: user.id, cookie: await sessionCookie(user.id) };
});

const itemByExternalId = (externalId: string, exam = examId) =>
  prisma.examItem.findUniqueOrThrow({ where: { examId_externalId: { examId: exam, externalId } }, include: { versions: { orderBy: { version: "asc" } } } });

async function get(handler: Parameters<typeof call>[0], path: string, params: Record<string, string>, cookie = board.cookie) {
  return call(handler, getRequest(path, [cookie]), params);
}

async function post(handler: Parameters<typeof call>[0], path: string, params: Record<string, string>, fields: Record<string, string | string[]>, cookie = board.cookie) {
  const request = await postRequest(path, {}, [cookie]);
  const body = new URLSearchParams(await request.text());
  for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return call(handler, new Request(request.url, { method: "POST", body, headers: request.headers }), params);
}

async function importFile(targetExamId: string, xml: string, defaultDomain = "", cookie = board.cookie) {
  const token = await csrf();
  const form = new FormData();
  form.set("csrf", token.token);
  form.set("defaultDomain", defaultDomain);
  form.set("file", new Blob([xml], { type: "application/xml" }), "items.xml");
  const request = new Request(`${BASE}/board/exams/${targetExamId}/items`, { method: "POST", body: form, headers: { Cookie: [token.cookie, cookie].join("; ") } });
  return call(bankAction, request, { examId: targetExamId });
}

/** The item fields of a version as the edit form posts them. */
function itemFields(version: { type: string; stem: string; options: unknown; key: string[]; rationale: string }, changes: Partial<Record<string, string | string[]>> = {}) {
  const options = version.options as { id: string; text: string }[];
  const type = { SINGLE: "single", MULTIPLE: "multiple", TRUE_FALSE: "true-false" }[version.type] ?? version.type;
  return {
    type,
    stem: version.stem,
    rationale: version.rationale,
    key: version.key,
    ...Object.fromEntries(options.map((option) => [`option.${option.id}`, option.text])),
    ...changes,
  } as Record<string, string | string[]>;
}

async function bankSnapshot(exam: string) {
  const [items, versions, audits] = await Promise.all([
    prisma.examItem.count({ where: { examId: exam } }),
    prisma.examItemVersion.count({ where: { item: { examId: exam } } }),
    prisma.auditEvent.count(),
  ]);
  return { items, versions, audits };
}

describe("the item bank", () => {
  it("lists the board's exams and filters the bank by domain, status and text", async () => {
    const exams = await (await get(examsLoader, "/board/exams", {})).json();
    expect(exams.exams).toEqual([expect.objectContaining({ name: "IC&RC Peer Recovery exam", items: 64, liveItems: 60, published: true })]);

    const all = await (await get(bankLoader, `/board/exams/${examId}/items`, { examId })).json();
    expect(all.total).toBe(64);
    expect(all.items).toHaveLength(25);
    const ethics = await (await get(bankLoader, `/board/exams/${examId}/items?domain=ethical-responsibility&status=PRETEST`, { examId })).json();
    expect(ethics.items.map((item: { externalId: string }) => item.externalId)).toEqual(["pr-eth-016"]);
    const search = await (await get(bankLoader, `/board/exams/${examId}/items?q=LANDLORD`, { examId })).json();
    expect(search.items.map((item: { externalId: string }) => item.externalId)).toContain("pr-adv-002");
  });

  it("saves an edit of a live item as a new version and leaves the old one exactly as it was", async () => {
    const before = await itemByExternalId("pr-adv-001");
    const original = before.versions[0]!;
    expect(original).toMatchObject({ version: 1, status: "LIVE" });
    const path = `/board/exams/${examId}/items/${before.id}`;
    const params = { examId, itemId: before.id };

    const saved = await post(itemAction, path, params, { intent: "revise", basedOnVersion: "1", status: "DRAFT", ...itemFields(original, { stem: `${original.stem} (revised wording)` }) });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`${path}?saved=2`);

    const after = await itemByExternalId("pr-adv-001");
    expect(after.versions).toHaveLength(2);
    expect(after.versions[0]).toEqual(original);
    expect(after.versions[1]).toMatchObject({ version: 2, status: "DRAFT", stem: `${original.stem} (revised wording)`, key: original.key, createdById: board.id });
    expect(await prisma.auditEvent.count({ where: { action: "exam-item.revised", subjectId: before.id, actorId: board.id } })).toBe(1);

    // Someone still editing version 1 is told, and nothing is saved over version 2.
    const stale = await post(itemAction, path, params, { intent: "revise", basedOnVersion: "1", status: "DRAFT", ...itemFields(original, { stem: "Another wording" }) });
    expect(stale.status).toBe(409);
    expect((await stale.json()).problems[0]).toMatch(/Someone saved version 2 of this item while you were editing/);

    // An edit that changes nothing makes no version.
    const same = await post(itemAction, path, params, { intent: "revise", basedOnVersion: "2", status: "DRAFT", ...itemFields(after.versions[1]!) });
    expect(same.status).toBe(400);
    expect((await same.json()).problems).toEqual(["Nothing changed, so no new version was saved. Change the stem, an option, the key or the rationale first."]);

    // Making version 2 live retires version 1: only its status moves, never its content.
    const live = await post(itemAction, path, params, { intent: "status", versionId: after.versions[1]!.id, status: "LIVE" });
    expect(live.status).toBe(200);
    expect((await live.json()).notice).toBe("Version 2 is now live. Version 1 was retired, so only one version is live.");
    const final = await itemByExternalId("pr-adv-001");
    expect(final.versions[0]).toEqual({ ...original, status: "RETIRED" });
    expect(final.versions[1]!.status).toBe("LIVE");

    const page = await (await get(itemLoader, path, params)).json();
    expect(page.item.versions.map((version: { version: number; status: string }) => [version.version, version.status])).toEqual([
      [2, "LIVE"],
      [1, "RETIRED"],
    ]);
  });

  it("refuses an item with no key, or two keys on a single-answer item, and saves nothing", async () => {
    const path = `/board/exams/${examId}/items`;
    const before = await bankSnapshot(examId);
    const base = { intent: "create", domain: "advocacy", status: "DRAFT", type: "single", stem: "Which is right?", "option.a": "One", "option.b": "Two", "option.c": "Three", rationale: "" };

    const noKey = await post(bankAction, path, { examId }, base);
    expect(noKey.status).toBe(400);
    expect((await noKey.json()).problems).toEqual(["No option is marked as the key; mark the correct answer."]);

    const twoKeys = await post(bankAction, path, { examId }, { ...base, key: ["a", "b"] });
    expect(twoKeys.status).toBe(400);
    expect((await twoKeys.json()).problems).toEqual([
      "A single-answer item has 2 keys (a, b); mark exactly one option as correct, or make it a multiple-answer item.",
    ]);

    const oneOption = await post(bankAction, path, { examId }, { ...base, "option.b": "", "option.c": "", key: "a" });
    expect((await oneOption.json()).problems).toEqual(["The item has 1 option; add options until it has at least two."]);
    const badId = await post(bankAction, path, { examId }, { ...base, key: "a", externalId: "7 bad id" });
    expect((await badId.json()).problems[0]).toMatch(/^The item id must be 2 to 60 characters/);

    const item = await itemByExternalId("pr-eth-002");
    const edit = await post(itemAction, `${path}/${item.id}`, { examId, itemId: item.id }, { intent: "revise", basedOnVersion: "1", status: "DRAFT", ...itemFields(item.versions[0]!, { key: [] }) });
    expect(edit.status).toBe(400);
    expect((await edit.json()).problems).toEqual(["No option is marked as the key; mark the correct answer."]);
    expect(await bankSnapshot(examId)).toEqual(before);

    const created = await post(bankAction, path, { examId }, { ...base, key: "b" });
    expect(created.status).toBe(302);
    const newItem = await itemByExternalId("icrc-pr-adv-001");
    expect(created.headers.get("Location")).toBe(`${path}/${newItem.id}?created=1`);
    expect(newItem.versions).toEqual([expect.objectContaining({ version: 1, status: "DRAFT", type: "SINGLE", key: ["b"], createdById: board.id })]);
  });

  it("refuses options a candidate could not tell apart, and a true-false item whose options are not True and False", async () => {
    const path = `/board/exams/${examId}/items`;
    const before = await bankSnapshot(examId);
    const base = { intent: "create", domain: "advocacy", status: "LIVE", stem: "Is it right?", key: "a", rationale: "" };

    const yesYes = await post(bankAction, path, { examId }, { ...base, type: "single", "option.a": "Yes", "option.b": "Yes" });
    expect(yesYes.status).toBe(400);
    expect((await yesYes.json()).problems).toEqual(['Options "a" and "b" both read "Yes"; give each option its own wording so candidates can tell them apart.']);
    const maybeNo = await post(bankAction, path, { examId }, { ...base, type: "true-false", "option.a": "Maybe", "option.b": "No" });
    expect(maybeNo.status).toBe(400);
    expect((await maybeNo.json()).problems).toEqual([
      'A true-false item\'s options must read True and False, in that order; it has "Maybe" and "No". For other options, make it a single-answer item.',
    ]);

    // An edit that makes two options read the same, but for case and spaces, is refused too.
    const item = await itemByExternalId("pr-adv-002");
    const original = item.versions[0]!;
    const firstOption = (original.options as { id: string; text: string }[])[0]!.text;
    const edit = await post(itemAction, `${path}/${item.id}`, { examId, itemId: item.id }, {
      intent: "revise",
      basedOnVersion: "1",
      status: "LIVE",
      ...itemFields(original, { "option.b": `  ${firstOption.toUpperCase()} ` }),
    });
    expect(edit.status).toBe(400);
    expect((await edit.json()).problems).toEqual([`Options "a" and "b" both read "${firstOption}"; give each option its own wording so candidates can tell them apart.`]);
    expect(await bankSnapshot(examId)).toEqual(before);
  });

  it("refuses a malformed QTI file with a clear message and changes nothing", async () => {
    const exported = await (await get(qtiLoader, `/board/exams/${examId}/qti.xml?item=pr-eth-003`, { examId })).text();
    const renamed = (identifier: string) => exported.replace('identifier="pr-eth-003" title="pr-eth-003"', `identifier="${identifier}" title="x"`);
    const before = await bankSnapshot(examId);
    const cases: [string, RegExp][] = [
      ["Dear board, here are my items.", /^The file is not well-formed XML: there is text outside the root element/],
      ["<items><item>Not QTI</item></items>", /^The file is not a QTI 3\.0 item: its root element is <items>/],
      [renamed("new-001").replace(/<qti-correct-response>[\s\S]*<\/qti-correct-response>/, ""), /^Item "new-001": it has no qti-correct-response/],
      [renamed("new-002").replace(/<qti-value>[a-z]<\/qti-value>/, "<qti-value>z</qti-value>"), /^Item "new-002": its correct response names "z", which is not one of its choices \(a, b, c, d\)\.$/],
      [renamed("new-003").replace(/(<qti-value>[a-z]<\/qti-value>)/, "$1<qti-value>a</qti-value><qti-value>b</qti-value>"), /^Item "new-003": its response is single but names 3 correct values/],
      [exported, /^Item "pr-eth-003" is already in this bank\. Import never overwrites an item/],
    ];
    for (const [xml, message] of cases) {
      const response = await importFile(examId, xml);
      expect(response.status).toBe(400);
      expect((await response.json()).problems[0]).toMatch(message);
    }
    // One broken item in a file of good ones: none of them is imported.
    const good = renamed("new-004");
    const bank = `<item-bank xmlns="urn:peerpath:item-bank:1">${good.replace(/^<\?xml[^>]*>/, "")}${renamed("new-005").replace(/^<\?xml[^>]*>/, "").replace(/<qti-value>[a-z]<\/qti-value>/, "")}</item-bank>`;
    const mixed = await importFile(examId, bank);
    expect(mixed.status).toBe(400);
    expect((await mixed.json()).problems).toEqual(['Item "new-005": it has no qti-correct-response with a qti-value, so there is no key; mark the correct choice.']);
    expect(await bankSnapshot(examId)).toEqual(before);
    expect(await prisma.examItem.count({ where: { externalId: { startsWith: "new-" } } })).toBe(0);
  });

  it("imports a file whose name holds ; = and quotes, sent as Chromium sends it", async () => {
    const xml = await (await get(qtiLoader, `/board/exams/${examId}/qti.xml?item=pr-eth-003`, { examId })).text();
    const copy = await prisma.exam.create({
      data: { code: "icrc-pr-named", jurisdictionId, name: "Named", blueprint: {}, timeLimitMinutes: 60, passRule: { kind: "raw", cut: 1 }, attemptsAllowed: 1, waitingDays: 0 },
    });
    const file = { filename: 'items; v2="final" é=1.xml', type: "text/xml", content: xml };
    const response = await call(bankAction, await chromiumUpload(`/board/exams/${copy.id}/items`, [["defaultDomain", ""], ["file", file]], [board.cookie]), { examId: copy.id });
    expect(response.headers.get("Location")).toBe(`/board/exams/${copy.id}/items?status=DRAFT&imported=1`);
  });

  it("exports the bank as QTI 3.0 and imports it into another exam unchanged", async () => {
    const response = await get(qtiLoader, `/board/exams/${examId}/qti.xml`, { examId });
    expect(response.headers.get("Content-Type")).toBe("application/xml; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="icrc-pr-item-bank.qti.xml"');
    const xml = await response.text();
    const read = readQti(xml);
    expect(read.ok).toBe(true);

    const copy = await prisma.exam.create({
      data: { code: "icrc-pr-copy", jurisdictionId, name: "Copy", blueprint: {}, timeLimitMinutes: 60, passRule: { kind: "raw", cut: 1 }, attemptsAllowed: 1, waitingDays: 0 },
    });
    const imported = await importFile(copy.id, xml);
    const count = await prisma.examItem.count({ where: { examId } });
    expect(imported.headers.get("Location")).toBe(`/board/exams/${copy.id}/items?status=DRAFT&imported=${count}`);

    const contentOf = async (exam: string) => {
      const items = await prisma.examItem.findMany({ where: { examId: exam }, include: { versions: { orderBy: { version: "desc" }, take: 1 } }, orderBy: { externalId: "asc" } });
      return items.map(({ externalId, domain, versions: [version] }) => ({
        externalId,
        domain,
        type: version!.type,
        stem: version!.stem,
        options: version!.options,
        key: [...version!.key].sort(),
        rationale: version!.rationale,
      }));
    };
    const original = await contentOf(examId);
    expect(original).toHaveLength(count);
    expect(await contentOf(copy.id)).toEqual(original);
    expect(await prisma.examItemVersion.count({ where: { item: { examId: copy.id }, NOT: { status: "DRAFT" } } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { action: "exam-items.imported", subjectId: copy.id } })).toBe(1);

    // One item alone is a standard document; an edited item exports its newest version unless asked.
    const single = await (await get(qtiLoader, `/board/exams/${examId}/qti.xml?item=pr-adv-001&version=1`, { examId })).text();
    expect(single).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<qti-assessment-item /);
    expect(single).not.toContain("(revised wording)");
    expect(await (await get(qtiLoader, `/board/exams/${examId}/qti.xml?item=pr-adv-001`, { examId })).text()).toContain("(revised wording)");
  });

  it("refuses a board member of another jurisdiction everywhere (403)", async () => {
    const other = await userWithRole("BOARD_MEMBER", "KY");
    const cookie = await sessionCookie(other.id);
    const item = await itemByExternalId("pr-men-001");
    const params = { examId, itemId: item.id };
    const before = await bankSnapshot(examId);
    for (const [loader, path] of [
      [definitionLoader, `/board/exams/${examId}`],
      [bankLoader, `/board/exams/${examId}/items`],
      [itemLoader, `/board/exams/${examId}/items/${item.id}`],
      [qtiLoader, `/board/exams/${examId}/qti.xml`],
      [reportLoader, `/board/exams/${examId}/report`],
    ] as const) {
      expect((await get(loader, path, params, cookie)).status).toBe(403);
    }
    const created = await post(bankAction, `/board/exams/${examId}/items`, params, { intent: "create", domain: "advocacy", type: "single", status: "DRAFT", stem: "x", "option.a": "a", "option.b": "b", key: "a" }, cookie);
    expect(created.status).toBe(403);
    const status = await post(itemAction, `/board/exams/${examId}/items/${item.id}`, params, { intent: "status", versionId: item.versions[0]!.id, status: "RETIRED" }, cookie);
    expect(status.status).toBe(403);
    expect((await post(definitionAction, `/board/exams/${examId}`, params, { intent: "save" }, cookie)).status).toBe(403);
    expect((await importFile(examId, "<x/>", "", cookie)).status).toBe(403);
    expect(await bankSnapshot(examId)).toEqual(before);
    const exams = await (await get(examsLoader, "/board/exams", {}, cookie)).json();
    expect(exams.exams).toEqual([]);
  });

  it("searches for % and _ as text, not as wildcards", async () => {
    const path = `/board/exams/${examId}/items`;
    const fields = { intent: "create", domain: "advocacy", status: "DRAFT", type: "single", "option.a": "Yes", "option.b": "No", key: "a", rationale: "" };
    expect((await post(bankAction, path, { examId }, { ...fields, externalId: "pr-adv_pct", stem: "Does a 10% fee reduction need the board's approval?" })).status).toBe(302);
    const ids = async (q: string) =>
      (await (await get(bankLoader, `${path}?q=${encodeURIComponent(q)}`, { examId })).json()).items.map((item: { externalId: string }) => item.externalId);
    expect(await ids("_")).toEqual(["pr-adv_pct"]);
    expect(await ids("%")).toEqual(["pr-adv_pct"]);
    expect(await ids("10%")).toEqual(["pr-adv_pct"]);
    expect(await ids("1_%")).toEqual([]);
    expect(await ids("\\")).toEqual([]);
  });

  it("refuses an item id that differs from one in the bank only in case, on the form and in an import", async () => {
    const path = `/board/exams/${examId}/items`;
    const fields = { intent: "create", domain: "advocacy", status: "DRAFT", type: "single", stem: "Which is right?", "option.a": "One", "option.b": "Two", key: "a", rationale: "" };
    const before = await bankSnapshot(examId);
    const upper = await post(bankAction, path, { examId }, { ...fields, externalId: "PR-ADV-001" });
    expect(upper.status).toBe(409);
    expect((await upper.json()).problems).toEqual([
      'The bank already has an item "pr-adv-001", which differs from "PR-ADV-001" only in upper and lower case; item ids must differ by more than case. Choose another id, or edit that item.',
    ]);
    const same = await post(bankAction, path, { examId }, { ...fields, externalId: "pr-adv-001" });
    expect(same.status).toBe(409);
    expect((await same.json()).problems).toEqual(['An item with the id "pr-adv-001" is already in this bank; choose another id, or edit that item.']);

    const xml = (await (await get(qtiLoader, `${path.replace("/items", "")}/qti.xml?item=pr-adv-002`, { examId })).text()).replace('identifier="pr-adv-002"', 'identifier="Pr-Adv-002"');
    const imported = await importFile(examId, xml);
    expect(imported.status).toBe(400);
    expect((await imported.json()).problems).toEqual([
      'Item "Pr-Adv-002" differs from the bank\'s item "pr-adv-002" only in upper and lower case; item ids must differ by more than case. Edit that item here, or give the imported item another identifier.',
    ]);
    expect(await bankSnapshot(examId)).toEqual(before);
  });

  it("says a page past the last is past the end, and refuses a post it cannot read", async () => {
    const path = `/board/exams/${examId}/items`;
    const past = await (await get(bankLoader, `${path}?page=99999`, { examId })).json();
    expect(past).toMatchObject({ page: 99999, items: [] });
    expect(pastLastPageText(past.page, past.total)).toBe(`Page 99999 is past the end of this list, which has ${past.pages} pages.`);
    expect(pageOfPagesText(past.page, past.pages)).toBe("");

    const before = await bankSnapshot(examId);
    const fields = { domain: "advocacy", status: "DRAFT", type: "single", stem: "Which is right?", "option.a": "One", "option.b": "Two", key: "a", rationale: "" };
    for (const intent of [{ intent: "bogus" }, {}] as Record<string, string>[]) {
      const response = await post(bankAction, path, { examId }, { ...fields, ...intent });
      expect(response.status).toBe(400);
      expect((await response.json()).problems).toEqual(["This form could not be read. Reload the page and try again."]);
    }
    expect(await bankSnapshot(examId)).toEqual(before);
  });
});

describe("the exam definition", () => {
  /** Every field of the definition form as the page fills it. */
  async function formOf(id: string) {
    const page = await (await get(definitionLoader, `/board/exams/${id}`, { examId: id })).json();
    return { page, fields: definitionFormFields(page) };
  }

  it("refuses a blueprint the live items cannot fill, naming the domain", async () => {
    const { page, fields } = await formOf(examId);
    expect(page.shortfalls).toEqual([]);
    const liveAdvocacy = await prisma.examItem.count({ where: { examId, domain: "advocacy", versions: { some: { status: "LIVE" } } } });
    const response = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...fields, intent: "save", "blueprint.advocacy": String(liveAdvocacy + 5) });
    expect(response.status).toBe(400);
    const { errors } = await response.json();
    expect(errors.blueprint).toEqual([
      `Advocacy needs ${liveAdvocacy + 5} live items on every form but the bank has ${liveAdvocacy}; make 5 more Advocacy items live or lower its count.`,
    ]);
    const tooHighCut = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...fields, intent: "save", rawCut: "41" });
    expect((await tooHighCut.json()).errors.rawCut).toEqual(["The raw cut (41) is more than the 40 scored items the blueprint puts on a form."]);
    const exam = await prisma.exam.findUniqueOrThrow({ where: { id: examId } });
    expect(exam.blueprint).toEqual({ advocacy: 10, "mentoring-education": 10, "recovery-wellness-support": 10, "ethical-responsibility": 10 });
    expect(exam.updatedAt.toISOString()).toBe(page.updatedAt);
  });

  it("reads counts as plain digits only: 1e1 and 0x2 are refused with a message naming the field, and nothing changes", async () => {
    const { page, fields } = await formOf(examId);
    const response = await post(definitionAction, `/board/exams/${examId}`, { examId }, {
      ...fields,
      intent: "save",
      timeLimitMinutes: "1e2",
      "blueprint.advocacy": "0x2",
      attemptsAllowed: "2.5",
      pretestCount: " ",
      rawCut: "1e1",
      scalingEnabled: "on",
      reportedMin: "1e2",
      cutReported: "150",
      reportedMax: "200",
    });
    expect(response.status).toBe(400);
    const { errors } = await response.json();
    expect(errors).toEqual({
      timeLimitMinutes: ["Enter the time limit in minutes as a whole number, such as 90."],
      "blueprint.advocacy": ["Enter the number of Advocacy items as a whole number, such as 10."],
      attemptsAllowed: ["Enter the number of attempts as a whole number, such as 3."],
      pretestCount: ["Enter the number of pretest items."],
    });
    const rest = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...fields, intent: "save", rawCut: "1e1", scalingEnabled: "on", reportedMin: "1e2", cutReported: "150", reportedMax: "200" });
    expect(rest.status).toBe(400);
    expect((await rest.json()).errors).toEqual({
      rawCut: ["Enter the raw cut as a number of scored items, 0 or more."],
      scaling: ["Enter the lowest and highest reported scores and the reported passing score as whole numbers, or turn scaled scores off."],
    });
    expect((await prisma.exam.findUniqueOrThrow({ where: { id: examId } })).updatedAt.toISOString()).toBe(page.updatedAt);
  });

  it("computes the Angoff cut from the judges' pasted ratings, then saves it", async () => {
    const { fields } = await formOf(examId);
    const row = (name: string, rating: number, count = 40) => [name, ...Array.from({ length: count }, () => String(rating))].join(",");
    const angoff = { ...fields, passRuleKind: "angoff", angoffRatings: [row("Ana", 0.7), "# a comment", "", row("Ben", 0.6), row("Cy", 0.65)].join("\n") };

    const short = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...angoff, intent: "check", angoffRatings: [row("Ana", 0.7), row("Ben", 0.6, 39)].join("\n") });
    expect(short.status).toBe(400);
    expect((await short.json()).errors.angoffRatings).toEqual([
      "Judge 2 (line 2) rated 39 items, but the blueprint puts 40 scored items on a form; every judge rates each of them.",
    ]);
    const percent = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...angoff, intent: "check", angoffRatings: row("Ana", 70) });
    expect((await percent.json()).errors.angoffRatings).toEqual(["Judge 1 (line 1) has a rating above 1; ratings are chances from 0 to 1, so write 0.7 rather than 70."]);

    // Judges' full names, in rows separated by commas or copied from a spreadsheet (tabs).
    const named = [row("Maria Lopez", 0.5), row("Dr. Ben Okafor", 0.75).replaceAll(",", "\t")].join("\n");
    const fullNames = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...angoff, intent: "check", angoffRatings: named });
    expect(fullNames.status).toBe(200);
    expect((await fullNames.json()).angoff).toEqual({ judges: ["Maria Lopez", "Dr. Ben Okafor"], judgeSums: [20, 30], cut: 25, scored: 40 });
    // Decimal commas, as a spreadsheet in many locales copies them, in rows separated by semicolons.
    const decimalCommas = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...angoff, intent: "check", angoffRatings: row("Ann", 0.7).replaceAll(",", ";").replaceAll(".", ",") });
    expect((await decimalCommas.json()).angoff).toEqual({ judges: ["Ann"], judgeSums: [28], cut: 28, scored: 40 });

    const checked = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...angoff, intent: "check" });
    expect(checked.status).toBe(200);
    // Judges' sums 28, 24 and 26 over 40 items: the cut is their mean, 26.
    expect((await checked.json()).angoff).toEqual({ judges: ["Ana", "Ben", "Cy"], judgeSums: [28, 24, 26], cut: 26, scored: 40 });
    expect((await prisma.exam.findUniqueOrThrow({ where: { id: examId } })).passRule).toEqual({ kind: "raw", cut: 28 });

    const saved = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...angoff, intent: "save" });
    expect(saved.headers.get("Location")).toBe(`/board/exams/${examId}?saved=1`);
    const exam = await prisma.exam.findUniqueOrThrow({ where: { id: examId } });
    expect(exam.passRule).toMatchObject({ kind: "angoff", ratings: [expect.any(Array), expect.any(Array), expect.any(Array)] });
    const page = (await formOf(examId)).page;
    expect(page).toMatchObject({ cut: 26, judges: [{ name: "Ana", sum: 28 }, { name: "Ben", sum: 24 }, { name: "Cy", sum: 26 }] });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "exam.definition-updated", subjectId: examId } });
    expect(audit.details).toMatchObject({ changed: ["pass rule"] });

    // A form opened before that save is refused rather than overwriting it.
    const stale = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...fields, intent: "save", waitingDays: "10" });
    expect(stale.status).toBe(409);
  });

  it("keeps the Angoff judges' names with the saved study, shows them with their sums, and keeps them on a resave", async () => {
    const { fields } = await formOf(examId);
    const forty = (rating: number): number[] => Array(40).fill(rating);
    const row = (cells: (string | number)[], separator = ", ") => cells.join(separator);
    // A named judge, a judge without a name, and a name holding a comma (cells separated by semicolons).
    const ratings = [row(["Maria Lopez", ...forty(0.5)]), row(forty(0.6)), row(["Lopez, Ana", ...forty(0.7)], "; ")].join("\n");
    const saved = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...fields, passRuleKind: "angoff", angoffRatings: ratings, intent: "save" });
    expect(saved.headers.get("Location")).toBe(`/board/exams/${examId}?saved=1`);

    const { page, fields: again } = await formOf(examId);
    expect(page.cut).toBe(24);
    expect(page.judges).toEqual([
      { name: "Maria Lopez", sum: 20 },
      { name: "Judge 2", sum: 24 },
      { name: "Lopez, Ana", sum: 28 },
    ]);
    expect(page.angoffText.split("\n").map((line: string) => line.slice(0, 20))).toEqual(["Maria Lopez, 0.5, 0.", "0.6, 0.6, 0.6, 0.6, ", "Lopez, Ana; 0.7; 0.7"]);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "exam.definition-updated", subjectId: examId }, orderBy: { createdAt: "desc" } });
    expect(audit.details).toMatchObject({ after: { passRule: { judgeNames: ["Maria Lopez", null, "Lopez, Ana"] } } });

    // Saving the form as the page fills it changes nothing: the names come back with the ratings.
    const resaved = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...again, intent: "save" });
    expect(resaved.headers.get("Location")).toBe(`/board/exams/${examId}?saved=0`);

    // A name with a control character in it is refused and nothing is saved.
    const before = await prisma.exam.findUniqueOrThrow({ where: { id: examId } });
    const bell = await post(definitionAction, `/board/exams/${examId}`, { examId }, { ...again, angoffRatings: row(["Ann\u0007", ...forty(0.5)]), intent: "save" });
    expect(bell.status).toBe(400);
    expect((await bell.json()).errors.angoffRatings).toEqual([
      "Judge 1 (line 1) has an invisible control character in the name, often left by copying from another program; retype the name.",
    ]);
    expect(await prisma.exam.findUniqueOrThrow({ where: { id: examId } })).toEqual(before);

    // A study saved before names were kept still reads, each judge by place.
    await prisma.exam.update({ where: { id: examId }, data: { passRule: { kind: "angoff", ratings: [forty(0.5), forty(0.6)] } } });
    const old = (await formOf(examId)).page;
    expect(old.judges).toEqual([
      { name: "Judge 1", sum: 20 },
      { name: "Judge 2", sum: 24 },
    ]);
    expect(old.cut).toBe(22);
    expect(old.angoffText.startsWith("0.5, 0.5")).toBe(true);
  });
});

describe("the report", () => {
  it("matches a hand computation on a small set of submitted attempts", async () => {
    const exam = await prisma.exam.create({
      data: { code: "report-check", jurisdictionId, name: "Report check", blueprint: { advocacy: 3 }, pretestCount: 1, timeLimitMinutes: 60, passRule: { kind: "raw", cut: 2 }, attemptsAllowed: 9, waitingDays: 0 },
    });
    const options = [
      { id: "a", text: "A" },
      { id: "b", text: "B" },
      { id: "c", text: "C" },
    ];
    const makeItem = async (externalId: string, status: "LIVE" | "PRETEST", type: "SINGLE" | "MULTIPLE", key: string[], optionList = options) => {
      const item = await prisma.examItem.create({
        data: { examId: exam.id, externalId, domain: "advocacy", versions: { create: { version: 1, status, type, stem: externalId, options: optionList, key, rationale: "" } } },
        include: { versions: true },
      });
      return item.versions[0]!.id;
    };
    const i1 = await makeItem("q1", "LIVE", "SINGLE", ["a"]);
    const i2 = await makeItem("q2", "LIVE", "SINGLE", ["b"]);
    const i3 = await makeItem("q3", "LIVE", "MULTIPLE", ["a", "c"], [...options, { id: "d", text: "D" }]);
    const i4 = await makeItem("q4", "PRETEST", "SINGLE", ["a"]);
    const form = [
      { itemVersionId: i1, domain: "advocacy", scored: true, optionOrder: ["a", "b", "c"] },
      { itemVersionId: i2, domain: "advocacy", scored: true, optionOrder: ["a", "b", "c"] },
      { itemVersionId: i3, domain: "advocacy", scored: true, optionOrder: ["a", "b", "c", "d"] },
      { itemVersionId: i4, domain: "advocacy", scored: false, optionOrder: ["a", "b", "c"] },
    ];
    // Per candidate: answers to q1, q2, q3 (scored) and q4 (pretest), minutes taken, raw score.
    const candidates: { answers: string[][]; minutes: number; raw: number; status?: "IN_PROGRESS" }[] = [
      { answers: [["a"], ["b"], ["a", "c"], ["a"]], minutes: 10, raw: 3 }, // right, right, right | right
      { answers: [["a"], ["b"], ["a"], ["b"]], minutes: 20, raw: 2 }, // right, right, wrong | wrong
      { answers: [["a"], ["c"], ["b"], ["a"]], minutes: 15, raw: 1 }, // right, wrong, wrong | right
      { answers: [["b"], ["b"], ["a", "b", "c"], []], minutes: 5, raw: 1 }, // wrong, right, wrong | unanswered
      { answers: [["c"], ["a"], ["c"], ["c"]], minutes: 25, raw: 0 }, // wrong, wrong, wrong | wrong
      { answers: [["a"], ["b"], ["a", "c"], ["a"]], minutes: 1, raw: 3, status: "IN_PROGRESS" }, // not submitted: left out
    ];
    const start = new Date("2026-02-01T09:00:00Z");
    for (const candidate of candidates) {
      const trainee = await userWithRole("TRAINEE");
      const submitted = candidate.status !== "IN_PROGRESS";
      await prisma.examAttempt.create({
        data: {
          examId: exam.id,
          candidateId: trainee.id,
          formSeed: "seed",
          form,
          passRule: { kind: "raw", cut: 2 },
          status: submitted ? "SUBMITTED" : "IN_PROGRESS",
          startedAt: start,
          deadline: new Date(start.getTime() + 60 * 60_000),
          submittedAt: submitted ? new Date(start.getTime() + candidate.minutes * 60_000) : null,
          submittedBy: submitted ? "candidate" : null,
          rawScore: submitted ? candidate.raw : null,
          maxScore: submitted ? 3 : null,
          passed: submitted ? candidate.raw >= 2 : null,
          answers: { create: form.map((entry, index) => ({ itemVersionId: entry.itemVersionId, selected: candidate.answers[index]! })) },
        },
      });
    }

    const response = await get(reportLoader, `/board/exams/${exam.id}/report`, { examId: exam.id });
    expect(response.status).toBe(200);
    const { report } = await response.json();
    // Totals 3, 2, 1, 1, 0: mean 1.4, population variance 5.2 / 5 = 1.04.
    expect(report.candidates).toBe(5);
    expect(report.meanScore.value).toBeCloseTo(1.4, 9);
    expect(report.scoreSd.value).toBeCloseTo(Math.sqrt(1.04), 9);
    // One form for all: KR-20 = 3/2 × (1 − (0.24 + 0.24 + 0.16) / 1.04) = 1.5 × 0.4 / 1.04.
    expect(report.reliability.value).toBeCloseTo(0.576923077, 8);
    expect(report.reliability).toMatchObject({ method: "KR-20", candidates: 5, itemsPerForm: 3, forms: 1, leftOut: 0 });
    expect(report.passRate.value).toBe(0.4);
    expect(report.meanSeconds.value).toBe(900); // (10 + 20 + 15 + 5 + 25) / 5 minutes = 15 minutes
    expect(report.histogram.map((bin: { count: number }) => bin.count)).toEqual([1, 2, 1, 1]);

    const byItem = Object.fromEntries(report.items.map((item: { externalId: string }) => [item.externalId, item]));
    // q1: right by totals 3, 2, 1 (mean 2), wrong by 1, 0 (mean 0.5): r = 1.5 / √1.04 × √0.24.
    expect(byItem.q1).toMatchObject({ scored: true, answered: 5, correct: 3, optionCounts: { a: 3, b: 1, c: 1 }, flags: [] });
    expect(byItem.q1.difficulty.value).toBe(0.6);
    expect(byItem.q1.discrimination.value).toBe(1); // top 27% (1 candidate, total 3) right, bottom (total 0) wrong
    expect(byItem.q1.pointBiserial.value).toBeCloseTo((1.5 / Math.sqrt(1.04)) * Math.sqrt(0.24), 8);
    expect(byItem.q2.pointBiserial.value).toBeCloseTo(0.720576692, 8);
    // q3 (all-or-nothing): only the top candidate is right: p 0.2, flagged; r = 2 / √1.04 × 0.4.
    expect(byItem.q3).toMatchObject({ correct: 1, optionCounts: { a: 3, b: 2, c: 3, d: 0 }, flags: ["review difficulty"] });
    expect(byItem.q3.difficulty.value).toBe(0.2);
    expect(byItem.q3.pointBiserial.value).toBeCloseTo(0.784464541, 8);
    // q4 is pretest: analysed on its 4 answers (p = 2/4), never counted in totals or KR-20.
    expect(byItem.q4).toMatchObject({ scored: false, answered: 4, unanswered: 1, correct: 2 });
    expect(byItem.q4.difficulty.value).toBe(0.5);
    expect(byItem.q4.pointBiserial.value).toBeCloseTo(Math.sqrt(0.25) / Math.sqrt(1.25), 8);
  });

  /*
   * Random forms: four live items A–D, three scored items per form, each attempt a different form.
   * A skipped delivered item counts as wrong (it once made the report say the item "has no answers").
   *          A  B  C  D | total
   *   1      1  1  1  – | 3
   *   2      1  0  –  1 | 2
   *   3      –  0  ?  1 | 1     (? = delivered, unanswered)
   *   4      0  –  0  0 | 0
   * k = 3 per form (not the pool's 4); mean 1.5, population variance 1.25.
   * KR-21 = 3/2 × (1 − 1.5 × 1.5 / (3 × 1.25)) = 1.5 × 0.4 = 0.6.
   */
  it("computes reliability per form's items on random forms, an unanswered item counting as wrong", async () => {
    const exam = await prisma.exam.create({
      data: { code: "report-random", jurisdictionId, name: "Random forms", blueprint: { advocacy: 3 }, timeLimitMinutes: 60, passRule: { kind: "raw", cut: 2 }, attemptsAllowed: 9, waitingDays: 0 },
    });
    const options = [
      { id: "a", text: "A" },
      { id: "b", text: "B" },
    ];
    const ids: Record<string, string> = {};
    for (const name of ["A", "B", "C", "D"]) {
      const item = await prisma.examItem.create({
        data: { examId: exam.id, externalId: `r-${name}`, domain: "advocacy", versions: { create: { version: 1, status: "LIVE", type: "SINGLE", stem: name, options, key: ["a"], rationale: "" } } },
        include: { versions: true },
      });
      ids[name] = item.versions[0]!.id;
    }
    // Per attempt: each delivered item and the answer ("a" right, "b" wrong, null unanswered).
    const attempts: Record<string, "a" | "b" | null>[] = [
      { A: "a", B: "a", C: "a" },
      { A: "a", B: "b", D: "a" },
      { B: "b", C: null, D: "a" },
      { A: "b", C: "b", D: "b" },
    ];
    const start = new Date("2026-02-01T09:00:00Z");
    for (const delivered of attempts) {
      const trainee = await userWithRole("TRAINEE");
      const entries = Object.entries(delivered);
      const raw = entries.filter(([, answer]) => answer === "a").length;
      await prisma.examAttempt.create({
        data: {
          examId: exam.id,
          candidateId: trainee.id,
          formSeed: "seed",
          form: entries.map(([name]) => ({ itemVersionId: ids[name]!, domain: "advocacy", scored: true, optionOrder: ["a", "b"] })),
          passRule: { kind: "raw", cut: 2 },
          status: "SUBMITTED",
          startedAt: start,
          deadline: new Date(start.getTime() + 60 * 60_000),
          submittedAt: new Date(start.getTime() + 10 * 60_000),
          submittedBy: "candidate",
          rawScore: raw,
          maxScore: 3,
          passed: raw >= 2,
          answers: { create: entries.flatMap(([name, answer]) => (answer ? [{ itemVersionId: ids[name]!, selected: [answer] }] : [])) },
        },
      });
    }
    const { report } = await (await get(reportLoader, `/board/exams/${exam.id}/report`, { examId: exam.id })).json();
    expect(report.reliability).toMatchObject({ method: "KR-21", reason: null, candidates: 4, itemsPerForm: 3, forms: 4, leftOut: 0 });
    expect(report.reliability.value).toBeCloseTo(0.6, 9);
    expect(report.maxScore).toBe(3);
  });
});
