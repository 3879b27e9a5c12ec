// prisma/schema.prisma and prisma/migrations must describe the same database: a model changed without
// its migration (or the reverse) would work in tests that use the client and fail on a real database.
// This is also what `npm run migration:new` runs, so it shows that command still works.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prismaCliEnv } from "../../server/migrate";

describe("the migrations", () => {
  it("build exactly the database prisma/schema.prisma describes", () => {
    const diff = spawnSync(
      path.join("node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      { env: prismaCliEnv(process.env.DATABASE_URL!), encoding: "utf8", timeout: 120_000 },
    );
    expect(diff.stderr.includes("RuntimeError") ? diff.stderr : "", "prisma migrate diff crashed").toBe("");
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain("This is an empty migration");
  }, 150_000);
});
