import { createUser } from "~/models/user.server";
import { prisma } from "~/utils/db.server";
import { uniqueEmail } from "./helpers";
import type { ProtectedRoute } from "./route-types";

// Filled by setup(): a role of a throwaway account, for the probe that removes it.
const ids = { assignmentId: "" };

export const PROTECTED: ProtectedRoute[] = [
  { file: "trainee._index.tsx", path: "/trainee", roles: ["TRAINEE"] },
  { file: "instructor._index.tsx", path: "/instructor", roles: ["INSTRUCTOR"] },
  { file: "supervisor._index.tsx", path: "/supervisor", roles: ["SUPERVISOR"] },
  { file: "board._index.tsx", path: "/board", roles: ["BOARD_MEMBER"] },
  { file: "admin._index.tsx", path: "/admin", roles: ["ADMIN"] },
  {
    file: "admin.users.tsx",
    path: "/admin/users",
    roles: ["ADMIN"],
    action: () => ({ intent: "remove-role", assignmentId: ids.assignmentId }),
  },
  {
    file: "invitations._index.tsx",
    path: "/invitations",
    roles: ["ADMIN", "BOARD_MEMBER"],
    action: ({ jurisdictionId }) => ({ name: "Probe", email: "probe@example.org", role: "INSTRUCTOR", jurisdictionId }),
  },
];

// Open to everyone: each guards its own inputs (tests in auth.test.ts and invitations.test.ts).
export const PUBLIC = ["_index.tsx", "signup.tsx", "login.tsx", "logout.tsx", "invite.$token.tsx"];

export async function setup() {
  const user = await createUser({ email: uniqueEmail("leaving"), name: "Leaving Instructor", password: "correct horse battery", roles: [{ role: "INSTRUCTOR" }] });
  ids.assignmentId = (await prisma.roleAssignment.findFirstOrThrow({ where: { userId: user.id } })).id;
  return {};
}
