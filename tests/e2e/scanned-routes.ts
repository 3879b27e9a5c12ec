// Which pages the axe scans covered. Each passing scan notes the route the browser shows (from Remix's
// router in the page), and `every-page-scanned.spec.ts`, run after all the journeys, fails naming any
// page of `app/routes` that no journey scanned: a new page cannot go unchecked by being forgotten.
import { appendFileSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { test, type Page } from "@playwright/test";

const scansDir = () => path.join(test.info().project.outputDir, "axe-scans");

/** Notes the route on screen; a page showing an error boundary counts as that error, not as the route's page. */
export async function recordScannedRoute(page: Page) {
  await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 10_000 });
  const shown = await page.evaluate(() => {
    const { state } = (window as unknown as { __remixRouter: { state: { matches: { route: { id: string } }[]; errors: unknown } } }).__remixRouter;
    return { routeId: state.matches.at(-1)?.route.id ?? "", failed: state.errors !== null };
  });
  if (shown.failed) return;
  mkdirSync(scansDir(), { recursive: true });
  appendFileSync(path.join(scansDir(), `${process.pid}.txt`), `${shown.routeId}\n`);
}

/** Every route id the journeys scanned, over all workers of this run. */
export function scannedRoutes(): Set<string> {
  const ids = new Set<string>();
  let files: string[] = [];
  try {
    files = readdirSync(scansDir());
  } catch {
    return ids; // no scan at all
  }
  for (const file of files) {
    for (const id of readFileSync(path.join(scansDir(), file), "utf8").split("\n")) if (id) ids.add(id);
  }
  return ids;
}

/** The app's pages: route modules that render something (resource routes, like the CSV and PDF downloads, have no default export). */
export function pageRouteIds(routesDir = "app/routes"): string[] {
  return readdirSync(routesDir)
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .filter((file) => /^export default /m.test(readFileSync(path.join(routesDir, file), "utf8")))
    .map((file) => `routes/${file.replace(/\.tsx?$/, "")}`)
    .sort();
}
