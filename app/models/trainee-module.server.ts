// Loading a module for the signed-in trainee: one helper so every trainee route checks the same things.
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { prisma } from "~/utils/db.server";
import { invariantFound, requirePermission } from "~/utils/permissions.server";
import { versionContent } from "./module.server";

export const SlugParam = z.string().regex(/^[a-z0-9-]{1,100}$/);

export async function requireModule(slug: string | undefined) {
  const parsed = SlugParam.safeParse(slug);
  return invariantFound(
    parsed.success ? await prisma.module.findUnique({ where: { slug: parsed.data }, select: { id: true, slug: true } }) : null,
    "There is no module at this address.",
  );
}

/** The trainee, the module and their enrolment (pinned version included); not enrolled: back to the overview. */
export async function requireEnrolment(request: Request, slug: string | undefined) {
  const user = await requirePermission(request, "take:modules");
  const module = await requireModule(slug);
  const enrolment = await prisma.enrolment.findUnique({
    where: { traineeId_moduleId: { traineeId: user.id, moduleId: module.id } },
    include: {
      moduleVersion: {
        select: { id: true, version: true, title: true, passMark: true, domains: true, questions: true, sections: true },
      },
    },
  });
  if (!enrolment) throw redirect(`/modules/${module.slug}`);
  return { user, module, enrolment, content: versionContent(enrolment.moduleVersion) };
}
