import { describe, expect, it } from "vitest";
import { databasePool, prisma } from "~/utils/db.server";
import { SECOND_CONNECTION } from "~/utils/transaction-guard.server";

// The guard that makes every integration test a check that no transaction waits on a second connection
// (the deadlock a full pool turns it into is what CI met once): it must keep watching.
describe("a transaction under test", () => {
  it("runs its own queries, and fails one that takes a second connection from the pool", async () => {
    await expect(prisma.$transaction(async (tx) => tx.user.count())).resolves.toBeTypeOf("number");
    await expect(prisma.$transaction(async () => prisma.user.count())).rejects.toThrow(SECOND_CONNECTION);
    await expect(prisma.$transaction(async () => databasePool.query("SELECT 1"))).rejects.toThrow(SECOND_CONNECTION);
    // Outside a transaction the pool serves as before.
    expect((await databasePool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});
