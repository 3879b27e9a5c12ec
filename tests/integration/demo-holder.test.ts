// The demo holder's record, seeded as on a new installation: a credential issued eleven months ago
// whose history, application and requirements agree with its issue date, and a seed that adds nothing
// when run again.
import { beforeAll, describe, expect, it } from "vitest";
import { syncContent } from "~/models/content.server";
import { seedDemoHolderRecord } from "~/models/demo-holder.server";
import { loader as boardApplicationLoader } from "~/routes/board.applications.$applicationId";
import { loader as requirementsLoader } from "~/routes/board.requirements.$credentialTypeId";
import { loader as heldLoader } from "~/routes/credentials.$number";
import { prisma } from "~/utils/db.server";
import { call, getRequest, sessionCookie, userWithRole } from "./helpers";

beforeAll(async () => {
  await syncContent();
}, 120_000);

const day = (date: Date | string) => (typeof date === "string" ? date : date.toISOString()).slice(0, 10);

describe("the demo holder's record", () => {
  it("dates the credential's history, its application and the requirements it was submitted under consistently", async () => {
    const holder = await userWithRole("TRAINEE");
    const board = await userWithRole("BOARD_MEMBER", "KY");
    await seedDemoHolderRecord(holder.id, board.id);

    const credential = await prisma.credential.findFirstOrThrow({ where: { holderId: holder.id }, include: { application: true } });
    const issuedOn = day(credential.issuedOn);
    const application = credential.application;
    expect(day(application.submittedAt!)).toBe(issuedOn);

    // The holder's page: "Issued" in the history on the day of issue, not the day the seed ran.
    const holderCookie = await sessionCookie(holder.id);
    const page = await (await call(heldLoader, getRequest(`/credentials/${credential.number}`, [holderCookie]), { number: credential.number })).json();
    expect(page.credential.issuedOn).toBe(issuedOn);
    expect(page.events.map((event: { action: string; on: string }) => [event.action, event.on])).toEqual([["Issued", issuedOn]]);

    // The board's view: the training and its history, and the requirement version, all before the submission.
    const boardCookie = await sessionCookie(board.id);
    const review = await (await call(boardApplicationLoader, getRequest(`/board/applications/${application.id}`, [boardCookie]), { applicationId: application.id })).json();
    const events = review.evidence.entries.flatMap((entry: { events: { createdAt: string }[] }) => entry.events.map((event) => day(event.createdAt)));
    expect(events.length).toBeGreaterThan(0);
    for (const recorded of events) expect(recorded < issuedOn).toBe(true);
    const requirements = await (
      await call(requirementsLoader, getRequest(`/board/requirements/${credential.credentialTypeId}`, [boardCookie]), { credentialTypeId: credential.credentialTypeId })
    ).json();
    const submittedUnder = requirements.history.find((version: { version: number }) => version.version === application.requirementVersion);
    expect(day(submittedUnder.createdAt) <= day(application.createdAt)).toBe(true);
    expect(day(application.createdAt) <= issuedOn).toBe(true);
    const documents = await prisma.applicationDocument.findMany({ where: { applicationId: application.id }, include: { document: true } });
    expect(documents.map((link) => [day(link.createdAt), day(link.document.createdAt)])).toEqual([[issuedOn, issuedOn]]);
  });

  it("adds nothing when the seed runs again", async () => {
    const holder = await userWithRole("TRAINEE");
    const board = await userWithRole("BOARD_MEMBER", "KY");
    await seedDemoHolderRecord(holder.id, board.id);
    const counts = async () => ({
      credentials: await prisma.credential.count({ where: { holderId: holder.id } }),
      applications: await prisma.credentialApplication.count({ where: { traineeId: holder.id } }),
      entries: await prisma.ledgerEntry.count({ where: { traineeId: holder.id } }),
      events: await prisma.credentialEvent.count({ where: { credential: { holderId: holder.id } } }),
    });
    const before = await counts();
    expect(before).toEqual({ credentials: 1, applications: 1, entries: 1, events: 1 });
    await seedDemoHolderRecord(holder.id, board.id);
    expect(await counts()).toEqual(before);
  });
});
