import fs from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./fixtures";

/** A new trainee who works toward IC&RC Peer Recovery, so the IC&RC board has a row to see. */
async function traineeWithIcrcGoal(page: Page, name: string) {
  await page.goto("/signup");
  await expectAccessible(page);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(uniqueEmail("e2e-standing"));
  await page.getByLabel("Password", { exact: true }).fill("one hour at a time");
  await page.getByLabel("Confirm password").fill("one hour at a time");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/trainee$/);
  await expectAccessible(page);
  await page.goto("/progress");
  await page.getByRole("checkbox", { name: /IC&RC/ }).check();
  await page.getByRole("button", { name: "Save my credentials" }).click();
  await expect(page.getByRole("status")).toContainText("Your credentials are updated");
  await expectAccessible(page);
}

test("a trainee downloads their transcript as PDF and CSV", async ({ page }) => {
  await traineeWithIcrcGoal(page, "Tomas Transcript");
  const pdf = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download transcript (PDF)" }).click();
  expect((await pdf).suggestedFilename()).toMatch(/^transcript-tomas-transcript-\d{4}-\d\d-\d\d\.pdf$/);
  const csv = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download transcript (CSV)" }).click();
  const download = await csv;
  expect(download.suggestedFilename()).toMatch(/^transcript-tomas-transcript-\d{4}-\d\d-\d\d\.csv$/);
  expect(await fs.readFile((await download.path())!, "utf8")).toContain("Date,Kind,Source,Course domain,Hours,Status,Description");
});

test("a board member filters the standing report and downloads it as CSV", async ({ page }) => {
  const name = `Stella Standing ${Date.now()}`;
  await traineeWithIcrcGoal(page, name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();

  await signIn(page, DEMO.board);
  const navigation = page.getByRole("navigation", { name: "Main" });
  // The main navigation moves within the app: the page is not loaded again (the mark survives).
  await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));
  await navigation.getByRole("link", { name: "Standing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Trainee standing" })).toBeVisible();
  expect(await page.evaluate(() => "stillTheSamePage" in window)).toBe(true);
  // Only the most specific link is the current page, though Standing lies under Board too.
  await expect(navigation.getByRole("link", { name: "Standing" })).toHaveAttribute("aria-current", "page");
  await expect(navigation.getByRole("link", { name: "Board", exact: true })).not.toHaveAttribute("aria-current", /.*/);
  await expect(page.getByRole("table", { name: /Standing as of/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Credential", { exact: true }).selectOption({ label: "IC&RC: Peer Recovery (PR)" });
  await page.getByLabel("Status", { exact: true }).selectOption({ label: "Not yet eligible" });
  await page.getByLabel("Name or email").fill(name);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=not-yet/);
  await expect(page.getByText("1 result", { exact: true })).toBeVisible();
  const row = page.getByRole("table", { name: /Standing as of/ }).getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("IC&RC: Peer Recovery (PR)");
  await expect(row).toContainText("0 / 46");
  await expect(row).toContainText("46 more hours of training");
  await expectAccessible(page);

  const link = page.getByRole("link", { name: "Download CSV" });
  await expect(link).toHaveAttribute("href", /^\/board\/standing\.csv\?credential=.+&status=not-yet&q=Stella/);
  const downloading = page.waitForEvent("download");
  await link.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^standing-report-\d{4}-\d\d-\d\d\.csv$/);
  const csv = await fs.readFile((await download.path())!, "utf8");
  expect(csv).toContain(`${name},`);
  expect(csv.trim().split("\r\n")).toHaveLength(2);

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Name or email")).toHaveValue("");
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
  await expectAccessible(page);
});
