import type { ProtectedRoute } from "./route-types";

export const PROTECTED: ProtectedRoute[] = [
  { file: "trainee._index.tsx", path: "/trainee", roles: ["TRAINEE"] },
  { file: "instructor._index.tsx", path: "/instructor", roles: ["INSTRUCTOR"] },
  { file: "supervisor._index.tsx", path: "/supervisor", roles: ["SUPERVISOR"] },
  { file: "board._index.tsx", path: "/board", roles: ["BOARD_MEMBER"] },
  { file: "admin._index.tsx", path: "/admin", roles: ["ADMIN"] },
  { file: "admin.users.tsx", path: "/admin/users", roles: ["ADMIN"] },
  {
    file: "invitations._index.tsx",
    path: "/invitations",
    roles: ["ADMIN", "BOARD_MEMBER"],
    action: ({ jurisdictionId }) => ({ name: "Probe", email: "probe@example.org", role: "INSTRUCTOR", jurisdictionId }),
  },
];

// Open to everyone: each guards its own inputs (tests in auth.test.ts and invitations.test.ts).
export const PUBLIC = ["_index.tsx", "signup.tsx", "login.tsx", "logout.tsx", "invite.$token.tsx"];
