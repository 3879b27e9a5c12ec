// The server's route matching is patched (patches/, applied by `npm install`) to keep the route tree's
// ranked branches and each pathname's matches instead of rebuilding them on every request. These
// tests hold the patched functions to what a visitor needs: each address reaches its own page with its
// own parameters, however often and in whatever order addresses are asked for.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { AgnosticRouteObject } from "@remix-run/router";
import type { RouteObject } from "react-router-dom";

// Loaded as the server loads them (CommonJS, through Remix), not through Vite's ESM resolution.
const require = createRequire(import.meta.url);
const { matchRoutes } = require("@remix-run/router") as typeof import("@remix-run/router");
const { createStaticRouter } = require("react-router-dom/server") as typeof import("react-router-dom/server");

const routes: AgnosticRouteObject[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "module", path: "modules/:slug" },
      { id: "section", path: "modules/:slug/sections/:index" },
      { id: "catalogue", path: "modules" },
      { id: "verify", path: "verify/:number" },
    ],
  },
];

const matchedIds = (pathname: string) => matchRoutes(routes, pathname)?.map((match) => match.route.id) ?? null;

describe("route matching on the server (patched)", () => {
  it("sends each address to its route, again and again, in any order", () => {
    const visits = ["/modules/active-listening", "/modules", "/", "/modules/ethics/sections/2", "/nowhere", "/modules/active-listening"];
    const expected = [["root", "module"], ["root", "catalogue"], ["root", "home"], ["root", "section"], null, ["root", "module"]];
    for (let round = 0; round < 3; round++) expect(visits.map(matchedIds)).toEqual(expected);
  });

  it("gives each request its own parameters, so one request changing them cannot affect the next", () => {
    const first = matchRoutes(routes, "/verify/KY-APSS-2026-000001")!;
    expect(first.at(-1)!.params).toEqual({ number: "KY-APSS-2026-000001" });
    (first.at(-1)!.params as Record<string, string>).number = "tampered";
    const again = matchRoutes(routes, "/verify/KY-APSS-2026-000001")!;
    expect(again.at(-1)!.params).toEqual({ number: "KY-APSS-2026-000001" });
    expect(again).not.toBe(first);
    expect(matchRoutes(routes, "/verify/PA-CPS-2026-000002")!.at(-1)!.params).toEqual({ number: "PA-CPS-2026-000002" });
  });

  it("sees a new route tree as new (a rebuilt app), not as the old one", () => {
    const rebuilt: AgnosticRouteObject[] = [{ id: "root", path: "", children: [{ id: "renamed", path: "modules/:slug" }] }];
    expect(matchRoutes(rebuilt, "/modules/ethics")?.map((match) => match.route.id)).toEqual(["root", "renamed"]);
    expect(matchedIds("/modules/ethics")).toEqual(["root", "module"]);
  });

  it("renders each request with the matches of its own address", () => {
    const tree = routes as RouteObject[];
    const context = (pathname: string) => ({
      basename: "/",
      location: { pathname, search: "", hash: "", state: null, key: "default" },
      matches: matchRoutes(routes, pathname)!.map((match) => ({ ...match, route: match.route as never })),
      loaderData: {},
      actionData: null,
      errors: null,
      statusCode: 200,
      loaderHeaders: {},
      actionHeaders: {},
      activeDeferreds: null,
      _deepestRenderedBoundaryId: null,
    });
    const one = createStaticRouter(tree, context("/modules/ethics"));
    const two = createStaticRouter(tree, context("/verify/KY-1"));
    expect(one.routes).toBe(two.routes); // one conversion of the tree, kept
    expect(one.state.matches.at(-1)!.params).toEqual({ slug: "ethics" });
    expect(two.state.matches.at(-1)!.params).toEqual({ number: "KY-1" });
  });
});
