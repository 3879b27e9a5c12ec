// Keyboard focus after client-side navigations and form answers (app/components/navigation-focus.ts):
// focus lands on what changed, never on <body>, so the next Tab continues from there.
import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, holdRequests, signIn, test, uniqueEmail } from "./fixtures";

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Presses Enter on a control once React has hydrated it, as a keyboard user would. */
async function pressEnterOn(control: Locator) {
  await expect
    .poll(() => control.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactProps"))), { message: "hydrated" })
    .toBe(true);
  await control.focus();
  await control.press("Enter");
}

/** Sends a form by Enter on its button while its request is held: the button keeps focus, refuses more, and says so. */
async function sendWhileHeld(page: Page, button: Locator, requests: { count: () => number }) {
  await pressEnterOn(button);
  await expect.poll(requests.count).toBe(1);
  await expect(button.locator("xpath=following-sibling::*[1]")).toHaveText("Sending…");
  expect(await button.evaluate((element) => element === document.activeElement), "the button still has focus").toBe(true);
  await expect(button).toHaveAttribute("aria-disabled", "true");
  await expectAccessible(page);
}

async function signUp(page: Page) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Kim Keyboard");
  await page.getByLabel("Email").fill(uniqueEmail("e2e-focus"));
  await page.getByLabel("Password", { exact: true }).fill("one key at a time");
  await page.getByLabel("Confirm password").fill("one key at a time");
  await pressEnterOn(page.getByRole("button", { name: "Create account" }));
  await expect(page).toHaveURL(/\/trainee$/);
}

test("a blank sign-in focuses a summary of the problems", async ({ page }) => {
  await page.goto("/login");
  await pressEnterOn(page.getByRole("button", { name: "Sign in" }));
  const alert = page.getByRole("alert");
  await expect(alert).toHaveText("Please correct the highlighted fields.");
  await expect(alert).toBeFocused();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("a refused or accepted hours form focuses its answer, and Tab goes on from there", async ({ page }) => {
  await signIn(page, DEMO.trainee);
  await page.goto("/hours");
  const log = page.getByRole("region", { name: "Log practice hours" });
  await pressEnterOn(log.getByRole("button", { name: "Log hours" }));
  const alert = log.getByRole("alert");
  await expect(alert).toBeVisible();
  await expect(alert).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(log.getByLabel("Supervised practice")).toBeFocused();
  await expectAccessible(page);

  const claim = page.getByRole("region", { name: "Claim training taken elsewhere" });
  await pressEnterOn(claim.getByRole("button", { name: "Claim these hours" }));
  await expect(claim.getByRole("alert")).toBeFocused();

  await log.getByLabel("Date worked").fill(daysAgo(3));
  await log.getByLabel("Hours", { exact: true }).fill("1");
  await log.getByLabel("Where you worked").fill("Keyboard Recovery Centre");
  await log.getByLabel("What you did").fill("Answered the warm line");
  await log.getByLabel("Supervisor", { exact: true }).selectOption({ label: `Sam Supervisor (${DEMO.supervisor})` });
  await pressEnterOn(log.getByRole("button", { name: "Log hours" }));
  const notice = page.getByRole("status").filter({ hasText: "wait for Sam Supervisor" });
  await expect(notice).toBeFocused();
});

test("a new page focuses its h1; a module's next section focuses its heading; a blank knowledge check marks the open questions", async ({ page }) => {
  await signUp(page);
  await expect(page.locator("h1")).toBeFocused();

  await pressEnterOn(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Course" }));
  const catalogue = page.getByRole("heading", { level: 1, name: "Course catalogue" });
  await expect(catalogue).toBeFocused();
  await expect(page).toHaveTitle(/Course/);

  await page.goto("/modules/documentation");
  await pressEnterOn(page.getByRole("button", { name: "Enrol and start" }));
  await expect(page.getByText(/Section 1 of \d+/)).toBeVisible();
  await expect(page.locator("h1")).toBeFocused();
  const first = await page.locator("h1").textContent();

  await pressEnterOn(page.getByRole("button", { name: "Mark as read and continue" }));
  await expect(page.getByText(/Section 2 of \d+/)).toBeVisible();
  const heading = page.locator("h1");
  await expect(heading).not.toHaveText(first!);
  await expect(heading).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");

  await page.goto("/modules/documentation/check");
  await pressEnterOn(page.getByRole("button", { name: "Submit answers" }));
  await expect(page.getByRole("alert").first()).toBeFocused();
  const question = page.getByRole("group", { name: /^1\. / });
  await expect(question).toHaveAttribute("aria-invalid", "true");
  await expect(question).toHaveAccessibleDescription("Choose an answer to question 1.");
  await expectAccessible(page);
});

test("a form being sent keeps focus on its button and refuses a second Enter; its answer then takes focus", async ({ page }) => {
  await signIn(page, DEMO.trainee);
  await page.goto("/hours");
  const log = page.getByRole("region", { name: "Log practice hours" });
  const what = `Ran the Tuesday group ${Date.now()}`;
  await log.getByLabel("Date worked").fill(daysAgo(2));
  await log.getByLabel("Hours", { exact: true }).fill("1.5");
  await log.getByLabel("Where you worked").fill("Keyboard Recovery Centre");
  await log.getByLabel("What you did").fill(what);
  await log.getByLabel("Supervisor", { exact: true }).selectOption({ label: `Sam Supervisor (${DEMO.supervisor})` });

  const posts = await holdRequests(page, (request, pathname) => request.method() === "POST" && pathname === "/hours");

  const button = log.getByRole("button", { name: "Log hours" });
  await sendWhileHeld(page, button, posts);

  await page.keyboard.press("Enter");
  await log.getByLabel("Where you worked").press("Enter");
  posts.letThrough();

  await expect(page.getByRole("status").filter({ hasText: "wait for Sam Supervisor" })).toBeFocused();
  expect(posts.count(), "the form was sent once").toBe(1);
  await expect(button).not.toHaveAttribute("aria-disabled");
  await expect(log.getByText("Sending…")).toHaveCount(0);
});

test("a credential application is started once, however often Enter is pressed before it opens", async ({ page }) => {
  await signUp(page);
  await page.goto("/applications");
  const start = page.getByRole("button", { name: "Start application" });
  const posts = await holdRequests(page, (request, pathname) => request.method() === "POST" && pathname === "/applications");
  // The started application's page, which the answer leads to.
  const opening = await holdRequests(page, (request, pathname) => request.method() === "GET" && /^\/applications\/[^/]+$/.test(pathname));

  await sendWhileHeld(page, start, posts);
  await page.keyboard.press("Enter");

  // Answered, but the application's page is still on its way: Enter again must not start another.
  posts.letThrough();
  await expect.poll(opening.count).toBeGreaterThan(0);
  await expect(start).toHaveAttribute("aria-disabled", "true");
  await page.keyboard.press("Enter");
  opening.letThrough();

  await expect(page.getByRole("heading", { level: 1, name: /^Application: / })).toBeFocused();
  expect(posts.count(), "the application was started once").toBe(1);
});
