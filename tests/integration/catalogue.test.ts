// The credential catalogue each process keeps a copy of (models/catalogue.server.ts), against a real
// database: a board sees every change to jurisdictions, credentials and requirements on the very next
// request, the copy is reused while nothing changed, and every kind of change moves the version.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Prisma } from "~/generated/prisma/client";
import { credentialCatalogue } from "~/models/catalogue.server";
import { loader as standingLoader } from "~/routes/board.standing";
import { databasePool, prisma } from "~/utils/db.server";
import { call, credentialWithRequirement, getRequest, jurisdiction, sessionCookie, testRequirement, userWithRole } from "./helpers";

const catalogueVersion = async () => (await prisma.catalogueVersion.findUniqueOrThrow({ where: { id: 1 } })).version;

/** How many times `run` read the catalogue from the database. */
async function catalogueReads(run: () => Promise<unknown>) {
  const query = vi.spyOn(databasePool, "query");
  try {
    await run();
    return query.mock.calls.filter(([config]) => (config as unknown as { name?: string }).name?.startsWith("credential-catalogue")).length;
  } finally {
    query.mockRestore();
  }
}

describe("the credential catalogue", () => {
  let state: { id: string };
  let boardCookie: string;

  beforeAll(async () => {
    state = await jurisdiction("CAT", "Catalogue State");
    await credentialWithRequirement(state.id, "CPA", "Catalogue Peer A", testRequirement("CAT", "CPA", { training: { totalHours: 10 } }));
    boardCookie = await sessionCookie((await userWithRole("BOARD_MEMBER", "CAT")).id);
  });

  /** The credentials the board's standing report offers to filter by, as the board reads them. */
  const credentialChoices = async () => {
    const response = await call(standingLoader, getRequest("/board/standing", [boardCookie]));
    expect(response.status).toBe(200);
    return ((await response.json()) as { credentialOptions: { label: string }[] }).credentialOptions.map((option) => option.label);
  };

  it("shows a board a new, renamed or removed credential and a renamed jurisdiction on the very next request", async () => {
    expect(await credentialChoices()).toEqual(["Catalogue State: Catalogue Peer A"]);
    const added = await credentialWithRequirement(state.id, "CPB", "Catalogue Peer B", testRequirement("CAT", "CPB"));
    expect(await credentialChoices()).toEqual(["Catalogue State: Catalogue Peer A", "Catalogue State: Catalogue Peer B"]);
    await prisma.credentialType.update({ where: { id: added.id }, data: { name: "Catalogue Peer Bee" } });
    expect(await credentialChoices()).toEqual(["Catalogue State: Catalogue Peer A", "Catalogue State: Catalogue Peer Bee"]);
    await prisma.jurisdiction.update({ where: { id: state.id }, data: { name: "Catalogue Commonwealth" } });
    expect(await credentialChoices()).toEqual(["Catalogue Commonwealth: Catalogue Peer A", "Catalogue Commonwealth: Catalogue Peer Bee"]);
    await prisma.requirementVersion.deleteMany({ where: { credentialTypeId: added.id } });
    await prisma.credentialType.delete({ where: { id: added.id } });
    expect(await credentialChoices()).toEqual(["Catalogue Commonwealth: Catalogue Peer A"]);
  });

  it("reads the catalogue once per change, not once per request", async () => {
    await credentialChoices();
    expect(await catalogueReads(async () => Promise.all([credentialChoices(), credentialChoices(), credentialChoices()]))).toBe(0);
    const credential = await prisma.credentialType.findFirstOrThrow({ where: { jurisdictionId: state.id } });
    await prisma.requirementVersion.create({
      data: { credentialTypeId: credential.id, version: 2, requirement: testRequirement("CAT", credential.code, { version: 2 }) as Prisma.InputJsonValue },
    });
    expect(await catalogueReads(credentialChoices)).toBe(1);
    expect(await catalogueReads(credentialChoices)).toBe(0);
    // Signed out, a request cannot know the version (it comes with the session), so it reads afresh.
    const signedOut = getRequest("/");
    expect(await catalogueReads(() => credentialCatalogue(signedOut))).toBe(1);
  });

  it("moves the version on every kind of change to each of its tables, and only when the change commits", async () => {
    const credential = await prisma.credentialType.findFirstOrThrow({ where: { jurisdictionId: state.id } });
    const changes: [string, () => Promise<unknown>][] = [
      ["a new jurisdiction", () => jurisdiction("CAU", "Another Catalogue State")],
      ["a renamed jurisdiction", () => prisma.jurisdiction.update({ where: { code: "CAU" }, data: { name: "Yet Another" } })],
      ["a removed jurisdiction", () => prisma.jurisdiction.delete({ where: { code: "CAU" } })],
      ["a changed credential", () => prisma.credentialType.update({ where: { id: credential.id }, data: { summary: "Changed." } })],
      ["a new requirement version", () => prisma.requirementVersion.create({ data: { credentialTypeId: credential.id, version: 9, requirement: {} } })],
      ["a changed requirement version", () => prisma.requirementVersion.updateMany({ where: { credentialTypeId: credential.id, version: 9 }, data: { note: "x" } })],
      ["a removed requirement version", () => prisma.requirementVersion.deleteMany({ where: { credentialTypeId: credential.id, version: 9 } })],
    ];
    const seen = new Set([await catalogueVersion()]);
    for (const [change, make] of changes) {
      await make();
      const version = await catalogueVersion();
      expect(seen.has(version), change).toBe(false);
      seen.add(version);
    }
    const before = await catalogueVersion();
    // Emptied in a transaction that is rolled back: the version moves inside it, and not for anyone else.
    const inside = await prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`TRUNCATE "RequirementVersion" CASCADE`);
        const [{ version }] = await tx.$queryRawUnsafe<[{ version: string }]>(`SELECT version FROM "CatalogueVersion"`);
        throw Object.assign(new Error("roll back"), { version });
      })
      .catch((error: Error & { version?: string }) => error.version);
    expect(inside).toBeDefined();
    expect(inside).not.toBe(before);
    expect(await catalogueVersion()).toBe(before);
  });
});
