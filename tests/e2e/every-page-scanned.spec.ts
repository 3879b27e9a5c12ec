// Runs after every journey (its project depends on theirs): each page of the app must have passed an
// axe scan somewhere in them. See scanned-routes.ts.
import { expect, test } from "@playwright/test";
import { pageRouteIds, scannedRoutes } from "./scanned-routes";

test("every page of the app passed an axe WCAG 2.1 AA scan in a journey", () => {
  const scanned = scannedRoutes();
  const pages = pageRouteIds();
  expect(pages.length, "pages found in app/routes").toBeGreaterThan(40);
  expect(pages.filter((id) => !scanned.has(id)), "pages no journey scanned").toEqual([]);
});
