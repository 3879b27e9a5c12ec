import { MODULE, type ProtectedRoute } from "./route-types";

const EVERYONE = ["TRAINEE", "INSTRUCTOR", "SUPERVISOR", "BOARD_MEMBER", "ADMIN"] as const;

export const PROTECTED: ProtectedRoute[] = [
  { file: "modules._index.tsx", path: "/modules", roles: EVERYONE },
  { file: "modules.$slug._index.tsx", path: `/modules/${MODULE}`, roles: EVERYONE },
  // Sections and the check need an enrolment: a trainee who has none is sent to the overview (302).
  { file: "modules.$slug.sections.$index.tsx", path: `/modules/${MODULE}/sections/1`, roles: ["TRAINEE"], allowedStatus: 302 },
  { file: "modules.$slug.check.tsx", path: `/modules/${MODULE}/check`, roles: ["TRAINEE"], allowedStatus: 302 },
  { file: "instructor.modules._index.tsx", path: "/instructor/modules", roles: ["INSTRUCTOR", "ADMIN"] },
  { file: "instructor.modules.$slug._index.tsx", path: `/instructor/modules/${MODULE}`, roles: ["INSTRUCTOR", "ADMIN"] },
  { file: "instructor.modules.$slug.edit.tsx", path: `/instructor/modules/${MODULE}/edit`, roles: ["INSTRUCTOR", "ADMIN"] },
  { file: "instructor.modules.$slug.export.tsx", path: `/instructor/modules/${MODULE}/export?version=1`, roles: ["INSTRUCTOR", "ADMIN"] },
  {
    file: "instructor.preview.tsx",
    path: "/instructor/preview",
    roles: ["INSTRUCTOR", "ADMIN"],
    loaderOpen: true,
    action: () => ({ body: "## Hello\n\nWorld" }),
  },
  { file: "curriculum.coverage.tsx", path: "/curriculum/coverage", roles: ["INSTRUCTOR", "BOARD_MEMBER", "ADMIN"] },
];
