// Reflow (WCAG 1.4.10): at 320 CSS pixels wide (a 1280px window at 400% zoom, or a phone) no page may
// scroll sideways. Only a data table may, inside its own focusable region (`.table-scroll`).
import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./fixtures";

const WIDTH = 320;
const viewport = { width: WIDTH, height: 800 };
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
// What a trainee may well type: a pasted address, one word far wider than the screen.
const LONG_WORD = `https://recovery.example.org/${"peer-support-group-notes-".repeat(5)}tuesday`;

async function pageAt320(browser: Browser, email?: string) {
  const page = await (await browser.newContext({ viewport })).newPage();
  if (email) await signIn(page, email);
  return page;
}

/** Opens each path and returns those wider than the screen, with their width; each page must pass axe too. */
async function tooWide(page: Page, paths: string[]) {
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > WIDTH) wide.push(`${path}: ${width}px`);
    await expectAccessible(page);
  }
  return wide;
}

test("hours with a long unbroken word fit a 320px screen, for the trainee and for the supervisor deciding", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await pageAt320(browser);
  const name = `Rhea Reflow ${Date.now()}`;
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(uniqueEmail("e2e-reflow"));
  await page.getByLabel("Password", { exact: true }).fill("one day at a time");
  await page.getByLabel("Confirm password").fill("one day at a time");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/trainee$/);

  await page.goto("/hours");
  const log = page.getByRole("region", { name: "Log practice hours" });
  await log.getByLabel("Supervised practice").check();
  await log.getByLabel("Date worked").fill(daysAgo(1));
  await log.getByLabel("Hours", { exact: true }).fill("1.5");
  await log.getByLabel("Where you worked").fill(LONG_WORD);
  await log.getByLabel("What you did").fill(`Notes at ${LONG_WORD}`);
  await log.getByLabel("Supervisor", { exact: true }).selectOption({ label: `Sam Supervisor (${DEMO.supervisor})` });
  await log.getByRole("button", { name: "Log hours" }).click();
  await expect(page.getByRole("status")).toContainText("They now wait for Sam Supervisor to review them.");
  await page.getByRole("link", { name: /Details of supervised practice hours/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Supervised practice hours on / })).toBeVisible();
  const entryPath = new URL(page.url()).pathname;

  const wide = await tooWide(page, ["/trainee", "/hours", entryPath, "/progress"]);

  const supervisor = await pageAt320(browser, DEMO.supervisor);
  wide.push(...(await tooWide(supervisor, ["/supervisor"])));
  const waiting = supervisor.getByRole("article", { name: new RegExp(name) });
  await expect(waiting).toContainText(LONG_WORD);
  await waiting.getByLabel("Comment", { exact: true }).fill(`Checked against ${LONG_WORD}`);
  await waiting.getByRole("button", { name: "Approve" }).click();
  await expect(supervisor.getByRole("status")).toHaveText(`Approved ${name}'s 1.5 hours.`);
  wide.push(...(await tooWide(supervisor, [entryPath])));
  expect(wide, "pages wider than 320px").toEqual([]);
});

test("a trainee's pages fit a 320px screen", async ({ browser }) => {
  test.setTimeout(90_000);
  const trainee = await pageAt320(browser, DEMO.trainee);
  const paths = ["/trainee", "/hours", "/progress", "/modules", "/sessions", "/exams", "/credentials", "/applications"];
  expect(await tooWide(trainee, paths), "pages wider than 320px").toEqual([]);
});

test("instructor pages fit a 320px screen; the coverage matrix scrolls inside its own region", async ({ browser }) => {
  test.setTimeout(90_000);
  const instructor = await pageAt320(browser, DEMO.instructor);
  const wide = await tooWide(instructor, [
    "/instructor",
    "/instructor/modules",
    "/instructor/modules/active-listening",
    "/instructor/sessions",
    "/curriculum/coverage",
  ]);
  // The matrix is wider than the screen: it scrolls inside its region, which a keyboard can reach.
  const matrix = instructor.getByRole("region", { name: /Modules by SAMHSA category/ });
  await expect(matrix).toHaveAttribute("tabindex", "0");
  expect(await matrix.evaluate((region) => region.scrollWidth > region.clientWidth)).toBe(true);
  expect(wide, "pages wider than 320px").toEqual([]);
});

test("board pages fit a 320px screen", async ({ browser }) => {
  test.setTimeout(90_000);
  const board = await pageAt320(browser, DEMO.board);
  const paths = ["/board", "/board/exams", "/board/applications", "/board/standing", "/board/credentials", "/board/requirements"];
  const wide = await tooWide(board, [...paths, "/board/external-training", "/invitations"]);
  expect(wide, "pages wider than 320px").toEqual([]);
});

test("administration pages fit a 320px screen", async ({ browser }) => {
  const admin = await pageAt320(browser, DEMO.admin);
  const wide = await tooWide(admin, ["/admin", "/admin/users", "/admin/outbox"]);
  expect(wide, "pages wider than 320px").toEqual([]);
});

test("public pages and error pages fit a 320px screen", async ({ browser }) => {
  const visitor = await pageAt320(browser);
  const wide = await tooWide(visitor, ["/", "/login", "/signup", "/verify"]);
  const trainee = await pageAt320(browser, DEMO.trainee);
  wide.push(...(await tooWide(trainee, ["/admin/users", "/hours/nope"])));
  expect(wide, "pages wider than 320px").toEqual([]);
});
