import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { toModuleFile } from "~/domain/module-versions";
import { versionContent } from "~/models/module.server";
import { requireModule } from "~/models/trainee-module.server";
import { prisma } from "~/utils/db.server";
import { invariantFound, requirePermission } from "~/utils/permissions.server";

const VersionParam = z.coerce.number().int().min(1).max(10_000);

/** Downloads a published version in the content/modules file format. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "author:modules");
  const module = await requireModule(params.slug);
  const version = VersionParam.safeParse(new URL(request.url).searchParams.get("version"));
  if (!version.success) throw new Response("Say which version to export, like ?version=2.", { status: 400 });
  const row = invariantFound(
    await prisma.moduleVersion.findUnique({ where: { moduleId_version: { moduleId: module.id, version: version.data } } }),
    "This module has no such version.",
  );
  const { domains, questions } = versionContent(row);
  const text = toModuleFile(module.slug, row.version, { ...row, domains, questions });
  return new Response(text, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${module.slug}.md"`,
    },
  });
}
