import { prisma } from "~/utils/db.server";
import type { ProtectedRoute, RouteSetupContext } from "./route-types";

export const PROTECTED: ProtectedRoute[] = [
  { file: "board.requirements._index.tsx", path: "/board/requirements", roles: ["BOARD_MEMBER", "ADMIN"] },
  {
    file: "board.requirements.$credentialTypeId.tsx",
    path: "/board/requirements/:credentialTypeId",
    roles: ["BOARD_MEMBER", "ADMIN"],
    // A preview changes nothing, so every allowed role can post it again and again.
    action: () => ({ intent: "preview", basedOnVersion: "0", yaml: "not: [valid", note: "" }),
    actionStatus: 400,
  },
  { file: "progress.tsx", path: "/progress", roles: ["TRAINEE"], action: () => ({}), actionStatus: 302 },
];

/** A credential of the test board member's jurisdiction. */
export async function setup({ jurisdictionId }: RouteSetupContext) {
  const credentialType = await prisma.credentialType.upsert({
    where: { jurisdictionId_code: { jurisdictionId, code: "ROUTE" } },
    create: { jurisdictionId, code: "ROUTE", name: "Route probe credential", authority: "test", summary: "test" },
    update: {},
  });
  return { credentialTypeId: credentialType.id };
}
