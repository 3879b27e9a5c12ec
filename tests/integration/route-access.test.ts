// The route table: every route file is listed with the roles that may open it. Each role is proven
// to get 403 (or, signed out, a redirect to sign-in) everywhere else. A new route file fails the
// first test until it is added to a route-table.<area>.ts file.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "~/domain/roles";
import { syncModuleFiles } from "~/models/module.server";
import { BASE, call, getRequest, jurisdiction, postRequest, sessionCookie, userWithRole } from "./helpers";
import { MODULE, type ProtectedRoute, type RouteSetupContext } from "./route-types";

type RouteModule = { loader?: never; action?: never; meta?: (args: Record<string, unknown>) => { title?: string }[]; default?: unknown };
type AreaTable = {
  PROTECTED: ProtectedRoute[];
  PUBLIC?: string[];
  setup?: (context: RouteSetupContext) => Promise<Record<string, string>>;
};

// The table is split by area so that work on different areas does not collide.
const tables = Object.values(import.meta.glob<AreaTable>("./route-table.*.ts", { eager: true }));
const PROTECTED = tables.flatMap((table) => table.PROTECTED);
const PUBLIC = tables.flatMap((table) => table.PUBLIC ?? []);
const routesDir = path.resolve("app/routes");
const load = (file: string) => import(/* @vite-ignore */ path.join(routesDir, file)) as Promise<RouteModule>;

const params: Record<string, string> = { slug: MODULE, index: "1", token: "x" };
const cookies = new Map<Role, string>();
const scope = { jurisdictionId: "" };
const resolve = (routePath: string) => routePath.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? `:${name}`);

beforeAll(async () => {
  await syncModuleFiles();
  scope.jurisdictionId = (await jurisdiction("TESTJ")).id;
  const userIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const user = await userWithRole(role);
    userIds[role] = user.id;
    cookies.set(role, await sessionCookie(user.id));
  }
  for (const table of tables) Object.assign(params, await table.setup?.({ jurisdictionId: scope.jurisdictionId, userIds }));
});

describe("route table", () => {
  it("lists every route file", () => {
    const files = fs.readdirSync(routesDir).filter((file) => /\.tsx?$/.test(file) && !file.includes(".test."));
    expect([...PUBLIC, ...PROTECTED.map((route) => route.file)].sort()).toEqual(files.sort());
  });
});

describe.each(PROTECTED)("$path", (route) => {
  it("sends a signed-out visitor to sign in", async () => {
    const module = await load(route.file);
    const url = resolve(route.path);
    if (!route.loaderOpen) {
      const response = await call(module.loader, getRequest(url), params);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
    }
    if (route.action) {
      const posted = await call(module.action, await postRequest(url, route.action(scope)), params);
      expect(posted.headers.get("Location")).toMatch(/^\/login/);
    }
  });

  it.each(ROLES)("answers %s as the table says", async (role) => {
    const module = await load(route.file);
    const url = resolve(route.path);
    const allowed = route.roles.includes(role);
    if (!route.loaderOpen) {
      const response = await call(module.loader, getRequest(url, [cookies.get(role)!]), params);
      expect(response.status).toBe(allowed ? (route.allowedStatus ?? 200) : 403);
    }
    if (route.action) {
      const posted = await call(module.action, await postRequest(url, route.action(scope), [cookies.get(role)!]), params);
      expect(posted.status).toBe(allowed ? (route.actionStatus ?? 200) : 403);
    }
  });
});

// A page's title names it in the tab, the history and a screen reader's window list: two pages with one
// title (a trainee's and the board's "Exams") cannot be told apart there. Each page's meta is given what
// its loader returns for the first role allowed in; public pages, which need no one, get no data.
describe("page titles", () => {
  it("no two pages share a title", async () => {
    const pages = new Map<string, string[]>();
    const note = (title: string | undefined, file: string) => {
      if (title) pages.set(title, [...(pages.get(title) ?? []), file]);
    };
    const titleOf = (module: RouteModule, url: string, data: unknown) =>
      module.meta?.({ data, params, location: new URL(url, BASE), matches: [] }).find((tag) => tag.title)?.title;
    for (const route of PROTECTED) {
      const module = await load(route.file);
      if (!module.default || !module.meta || route.loaderOpen) continue;
      const url = resolve(route.path);
      const response = await call(module.loader, getRequest(url, [cookies.get(route.roles[0]!)!]), params);
      if (response.status !== 200) continue; // a page that sends this role on elsewhere (302) shows nothing
      note(titleOf(module, url, await response.json()), route.file);
    }
    for (const file of PUBLIC) {
      const module = await load(file);
      if (module.default && module.meta) note(titleOf(module, "/", undefined), file);
    }
    const shared = [...pages].filter(([, files]) => files.length > 1).map(([title, files]) => `${title}: ${files.join(", ")}`);
    expect(shared).toEqual([]);
    expect(pages.size).toBeGreaterThan(40);
  });
});
