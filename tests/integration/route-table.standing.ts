import type { ProtectedRoute } from "./route-types";

export const PROTECTED: ProtectedRoute[] = [
  { file: "transcript[.]csv.tsx", path: "/transcript.csv", roles: ["TRAINEE"] },
  { file: "transcript[.]pdf.tsx", path: "/transcript.pdf", roles: ["TRAINEE"] },
  { file: "board.standing.tsx", path: "/board/standing", roles: ["BOARD_MEMBER", "ADMIN"] },
  { file: "board.standing[.]csv.tsx", path: "/board/standing.csv", roles: ["BOARD_MEMBER", "ADMIN"] },
];
