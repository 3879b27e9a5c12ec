import type { Browser, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./fixtures";

// A minimal PDF: file-type recognises it by its first bytes.
const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function signUp(page: Page, name: string) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(uniqueEmail("e2e-hours"));
  await page.getByLabel("Password", { exact: true }).fill("one day at a time");
  await page.getByLabel("Confirm password").fill("one day at a time");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/trainee$/);
}

async function signedInPage(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test("supervised hours: the supervisor asks for changes, the trainee corrects them, the supervisor approves", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const name = `Hana Hours ${Date.now()}`;
  await signUp(page, name);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hours" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hours" })).toBeVisible();
  await expectAccessible(page);

  const log = page.getByRole("region", { name: "Log practice hours" });
  await log.getByLabel("Supervised practice").check();
  await log.getByLabel("Date worked").fill(daysAgo(2));
  await log.getByLabel("Hours", { exact: true }).fill("2.5");
  await log.getByLabel("Where you worked").fill("Hope Recovery Centre");
  await log.getByLabel("What you did").fill("Co-facilitated a peer support group");
  await log.getByLabel("Supervisor", { exact: true }).selectOption({ label: `Sam Supervisor (${DEMO.supervisor})` });
  await log.getByRole("button", { name: "Log hours" }).click();
  await expect(page.getByRole("status")).toContainText("They now wait for Sam Supervisor to review them.");
  await expect(page.getByRole("row", { name: /Supervised practice .*Waiting for review/ })).toBeVisible();
  await expectAccessible(page);

  const supervisor = await signedInPage(browser, DEMO.supervisor);
  await expect(supervisor.getByRole("heading", { level: 1, name: "Supervision" })).toBeVisible();
  const waiting = supervisor.getByRole("article", { name: new RegExp(name) });
  await expect(waiting).toContainText("Co-facilitated a peer support group");
  await expectAccessible(supervisor);
  await waiting.getByRole("button", { name: "Request changes" }).click();
  await expect(waiting.getByRole("alert")).toContainText("Nothing was recorded");
  await expect(waiting.getByText("Say what needs to change, so the trainee can correct it")).toBeVisible();
  await expectAccessible(supervisor);
  await waiting.getByLabel("Comment", { exact: true }).fill("Please name the group you co-facilitated.");
  await waiting.getByRole("button", { name: "Request changes" }).click();
  await expect(supervisor.getByRole("status")).toHaveText(`Asked for changes to ${name}'s 2.5 hours.`);
  await expect(waiting).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("row", { name: /Supervised practice .*Changes requested/ })).toBeVisible();
  await page.getByRole("link", { name: /Details of supervised practice hours/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Supervised practice hours on / })).toBeVisible();
  await expect(page.getByText("Sam Supervisor asked for changes:")).toBeVisible();
  await expectAccessible(page);
  const correct = page.getByRole("region", { name: "Correct and resubmit" });
  await correct.getByLabel("What you did").fill("Co-facilitated the Tuesday SMART Recovery group");
  await correct.getByLabel("Note for your supervisor (optional)").fill("Added the group's name.");
  await correct.getByRole("button", { name: "Resubmit for review" }).click();
  await expect(page.getByRole("status")).toHaveText("Your corrected hours went back to Sam Supervisor for review.");
  await expect(correct).toHaveCount(0);

  await supervisor.reload();
  await expect(waiting).toContainText("Co-facilitated the Tuesday SMART Recovery group");
  await waiting.getByRole("button", { name: "Approve" }).click();
  await expect(supervisor.getByRole("status")).toHaveText(`Approved ${name}'s 2.5 hours.`);
  await expectAccessible(supervisor);

  await page.reload();
  await expect(page.getByRole("region", { name: "Details" })).toContainText("Approved");
  const history = page.getByRole("region", { name: "History" }).getByRole("row");
  await expect(history).toHaveCount(5);
  await expect(history.nth(1)).toContainText(`${name}Recorded`);
  await expect(history.nth(2)).toContainText("Sam SupervisorAsked for changesPlease name the group you co-facilitated.");
  await expect(history.nth(3)).toContainText(`${name}Corrected and resubmittedAdded the group's name.`);
  await expect(history.nth(4)).toContainText("Sam SupervisorApproved");
  await expectAccessible(page);
});

test("training taken elsewhere: a trainee claims it with a PDF certificate and the IC&RC board approves it", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const name = `Eli Elsewhere ${Date.now()}`;
  await signUp(page, name);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hours" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hours" })).toBeVisible();

  const claim = page.getByRole("region", { name: "Claim training taken elsewhere" });
  await claim.getByLabel("Course name").fill("Ethics in peer support");
  await claim.getByLabel("Training provider").fill("State Recovery Institute");
  await claim.getByLabel("Date completed").fill(daysAgo(30));
  await claim.getByLabel("Training hours").fill("6");
  await claim.getByLabel("Course domain").selectOption({ label: "Ethical responsibility" });
  await claim.getByLabel("Board to review it").selectOption({ label: "IC&RC" });
  await claim.getByLabel("Certificate", { exact: true }).setInputFiles({ name: "ethics-certificate.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF) });
  await claim.getByRole("button", { name: "Claim these hours" }).click();
  await expect(page.getByRole("status")).toHaveText("Claimed 6 hours of training. The IC&RC board will review your certificate.");
  await expect(page.getByRole("row", { name: /Training taken elsewhere .*Ethical responsibility Waiting for review/ })).toBeVisible();
  await expectAccessible(page);

  const board = await signedInPage(browser, DEMO.board);
  await board.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "External training" }).click();
  await expect(board.getByRole("heading", { level: 1, name: "External training" })).toBeVisible();
  const waiting = board.getByRole("article", { name: new RegExp(name) });
  await expect(waiting).toContainText("State Recovery Institute");
  await expectAccessible(board);

  const href = await waiting.getByRole("link", { name: /View the certificate/ }).getAttribute("href");
  const certificate = await board.request.get(href!);
  expect(certificate.status()).toBe(200);
  expect(certificate.headers()["content-type"]).toBe("application/pdf");
  expect(certificate.headers()["x-content-type-options"]).toContain("nosniff");
  expect((await certificate.body()).toString()).toBe(PDF);

  await waiting.getByLabel("Comment", { exact: true }).fill("Certificate checked against the provider's records.");
  await waiting.getByRole("button", { name: "Approve" }).click();
  await expect(board.getByRole("status")).toHaveText(`Approved ${name}'s 6 hours of training taken elsewhere.`);
  await expect(waiting).toHaveCount(0);
  await expectAccessible(board);

  await page.reload();
  await expect(page.getByRole("row", { name: /Training taken elsewhere .*Approved/ })).toBeVisible();
  await page.getByRole("link", { name: /Details of training hours/ }).click();
  await expect(page.getByRole("region", { name: "History" })).toContainText("Certificate checked against the provider's records.");
  await expectAccessible(page);
});
