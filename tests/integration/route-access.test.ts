// The route table: every route file is listed with the roles that may open it. Each role is proven
// to get 403 (or, signed out, a redirect to sign-in) everywhere else. A new route file fails the
// first test until it is added here.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/roles";
import { syncModuleFiles } from "~/models/module.server";
import { call, getRequest, jurisdiction, postRequest, sessionCookie, userWithRole } from "./helpers";

type RouteModule = { loader?: never; action?: never };
// Routes under a module need one that exists: the content sync publishes the real course first.
const MODULE = "ethics-boundaries";

// `action` builds a valid post for the route, given the jurisdiction the test board member sits on.
type ProtectedRoute = {
  file: string;
  path: string;
  roles: readonly Role[];
  action?: (scope: { jurisdictionId: string }) => Record<string, string>;
  /** What an allowed role gets from the loader (200 unless said). */
  allowedStatus?: number;
  /** The loader answers everyone alike (405 for a post-only resource); only the action is guarded. */
  loaderOpen?: boolean;
};

const PROTECTED: ProtectedRoute[] = [
  { file: "trainee._index.tsx", path: "/trainee", roles: ["TRAINEE"] },
  { file: "instructor._index.tsx", path: "/instructor", roles: ["INSTRUCTOR"] },
  { file: "supervisor._index.tsx", path: "/supervisor", roles: ["SUPERVISOR"] },
  { file: "board._index.tsx", path: "/board", roles: ["BOARD_MEMBER"] },
  { file: "admin._index.tsx", path: "/admin", roles: ["ADMIN"] },
  { file: "admin.users.tsx", path: "/admin/users", roles: ["ADMIN"] },
  { file: "modules._index.tsx", path: "/modules", roles: ["TRAINEE", "INSTRUCTOR", "SUPERVISOR", "BOARD_MEMBER", "ADMIN"] },
  { file: "modules.$slug._index.tsx", path: `/modules/${MODULE}`, roles: ["TRAINEE", "INSTRUCTOR", "SUPERVISOR", "BOARD_MEMBER", "ADMIN"] },
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
  {
    file: "invitations._index.tsx",
    path: "/invitations",
    roles: ["ADMIN", "BOARD_MEMBER"],
    action: ({ jurisdictionId }) => ({ name: "Probe", email: "probe@example.org", role: "INSTRUCTOR", jurisdictionId }),
  },
];

// Open to everyone: each guards its own inputs (tests in auth.test.ts and invitations.test.ts).
const PUBLIC = ["_index.tsx", "signup.tsx", "login.tsx", "logout.tsx", "invite.$token.tsx"];


const routesDir = path.resolve("app/routes");
const PARAMS = { slug: MODULE, index: "1", token: "x" };
const load = (file: string) => import(/* @vite-ignore */ path.join(routesDir, file)) as Promise<RouteModule>;

describe("route table", () => {
  it("lists every route file", () => {
    const files = fs.readdirSync(routesDir).filter((file) => /\.tsx?$/.test(file) && !file.includes(".test."));
    expect([...PUBLIC, ...PROTECTED.map((route) => route.file)].sort()).toEqual(files.sort());
  });
});

describe.each(PROTECTED)("$path", (route) => {
  const cookies = new Map<Role, string>();
  const scope = { jurisdictionId: "" };
  beforeAll(async () => {
    await syncModuleFiles();
    scope.jurisdictionId = (await jurisdiction("TESTJ")).id;
    for (const role of ROLES) cookies.set(role, await sessionCookie((await userWithRole(role)).id));
  });

  it("sends a signed-out visitor to sign in", async () => {
    const module = await load(route.file);
    if (!route.loaderOpen) {
      const response = await call(module.loader, getRequest(route.path), PARAMS);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(route.path)}`);
    }
    if (route.action) {
      const posted = await call(module.action, await postRequest(route.path, route.action(scope)), PARAMS);
      expect(posted.headers.get("Location")).toMatch(/^\/login/);
    }
  });

  it.each(ROLES)("answers %s as the table says", async (role) => {
    const module = await load(route.file);
    const allowed = route.roles.includes(role);
    if (!route.loaderOpen) {
      const response = await call(module.loader, getRequest(route.path, [cookies.get(role)!]), PARAMS);
      expect(response.status).toBe(allowed ? (route.allowedStatus ?? 200) : 403);
    }
    if (route.action) {
      const posted = await call(module.action, await postRequest(route.path, route.action(scope), [cookies.get(role)!]), PARAMS);
      expect(posted.status).toBe(allowed ? 200 : 403);
    }
  });
});
