// Shared e2e helpers: a page that fails the test on any console error, an axe WCAG 2.1 AA check,
// and sign-in through the real form.
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page, type Request } from "@playwright/test";
import { recordScannedRoute } from "./scanned-routes";

export const DEMO_PASSWORD = "peerpath-demo";
export const DEMO = {
  trainee: "trainee@peerpath.example",
  instructor: "instructor@peerpath.example",
  supervisor: "supervisor@peerpath.example",
  board: "board@peerpath.example",
  boardKy: "board-ky@peerpath.example",
  admin: "admin@peerpath.example",
} as const;

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        // A 4xx page the test asked for is logged by Chromium as a failed resource: that is expected.
        if (message.type() === "error" && !/Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
          errors.push(message.text());
        }
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      expect(errors, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Fails with the list of WCAG 2.1 A/AA violations on the page as it is now, and notes its route as scanned. */
export async function expectAccessible(page: Page) {
  await expectNoAxeViolations(page);
  await recordScannedRoute(page);
}

/** The axe check alone, for a page the server answers before Remix (so without a route to note). */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Signed in as")).toBeVisible();
}

/** Holds back the requests that match, as a slow connection would, until `letThrough()`; `count()` counts those the browser sent. */
export async function holdRequests(page: Page, matches: (request: Request, pathname: string) => boolean) {
  let count = 0;
  let letThrough = () => {};
  const held = new Promise<void>((resolve) => (letThrough = resolve));
  await page.route("**/*", async (route) => {
    if (!matches(route.request(), new URL(route.request().url()).pathname)) return route.fallback();
    count += 1;
    await held;
    await route.fallback();
  });
  return { count: () => count, letThrough };
}

/** The POSTs to one path held back, to check that a form was sent once. */
export const holdPosts = (page: Page, pathname: string) =>
  holdRequests(page, (request, path) => request.method() === "POST" && path === pathname);

let counter = 0;
export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${process.pid}-${++counter}@example.org`;
