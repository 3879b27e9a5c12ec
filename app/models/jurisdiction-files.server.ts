// Jurisdictions and the credentials they offer, read from content/jurisdictions/*.yaml and validated
// with zod; the seed loads them into the database, where boards then keep them.
import fs from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { prisma } from "~/utils/db.server";

const JurisdictionFileSchema = z.object({
  code: z.string().regex(/^[A-Z]{2,10}$/, "use 2-10 upper-case letters"),
  name: z.string().min(1).max(100),
  credentialTypes: z
    .array(
      z.object({
        code: z.string().regex(/^[A-Z]{2,10}$/, "use 2-10 upper-case letters"),
        name: z.string().min(1).max(150),
        authority: z.string().min(1).max(200),
        summary: z.string().min(1).max(1000),
      }),
    )
    .min(1),
});

export type JurisdictionFile = z.infer<typeof JurisdictionFileSchema>;

export async function readJurisdictionFiles(dir = path.resolve("content", "jurisdictions")): Promise<JurisdictionFile[]> {
  const names = (await fs.readdir(dir)).filter((name) => name.endsWith(".yaml")).sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      const result = JurisdictionFileSchema.safeParse(parse(await fs.readFile(file, "utf8")));
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
      }
      return result.data;
    }),
  );
}

/** Adds jurisdictions and credential types that are missing; leaves what a board changed alone. */
export async function upsertJurisdictions(files: JurisdictionFile[]) {
  for (const file of files) {
    const jurisdiction = await prisma.jurisdiction.upsert({
      where: { code: file.code },
      create: { code: file.code, name: file.name },
      update: {},
    });
    for (const credentialType of file.credentialTypes) {
      await prisma.credentialType.upsert({
        where: { jurisdictionId_code: { jurisdictionId: jurisdiction.id, code: credentialType.code } },
        create: { ...credentialType, jurisdictionId: jurisdiction.id },
        update: {},
      });
    }
  }
}
