// From a trainee's application to the board's approval, to a stranger verifying the credential (by
// number and by its signed badge), to its revocation showing on the public page at once.
import type { Browser, Page } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

async function examResultPdf() {
  const pdf = await PDFDocument.create();
  pdf.addPage([300, 200]);
  return Buffer.from(await pdf.save());
}

async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

async function verifyByNumber(page: Page, number: string) {
  await page.goto("/verify");
  await expectAccessible(page);
  await page.getByRole("textbox", { name: "Credential number" }).fill(number.toLowerCase());
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Credential ${number}` })).toBeVisible();
}

test("a trainee applies, the board approves, a stranger verifies, and a revocation shows at once", async ({ page, browser }) => {
  test.setTimeout(90_000);
  // The trainee: the demo trainee has Kentucky's 30 training hours; the state's exam is shown by its letter.
  await signIn(page, DEMO.trainee);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Credentials" }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Apply for a credential, or follow your applications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Credential applications" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Credential").selectOption({ label: "Kentucky: Adult Peer Support Specialist" });
  await page.getByRole("button", { name: "Start application" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Application: Kentucky/ })).toBeVisible();
  await expect(page.getByText("Sign the code-of-ethics attestation.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit application" })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByLabel("What the document shows").selectOption({ label: "Result of the written and oral exam" });
  // A name with ; and =, which Chromium sends as they are inside the quoted filename.
  await page.getByLabel(/^Document \(PDF/).setInputFiles({ name: "ky exam; result=pass.pdf", mimeType: "application/pdf", buffer: await examResultPdf() });
  await page.getByRole("button", { name: "Attach document" }).click();
  await expect(page.getByRole("status")).toContainText("The document is attached.");
  await page.getByLabel(/I have read the Kentucky code of ethics/).check();
  await page.getByRole("button", { name: "Save evidence" }).click();
  await expect(page.getByRole("status")).toContainText("Your evidence is saved.");
  await expect(page.getByText("You meet every requirement.")).toBeVisible();
  await page.getByRole("button", { name: "Submit application" }).click();
  await expect(page.getByText("Status: Submitted")).toBeVisible();
  await expectAccessible(page);

  // The Kentucky board reviews the evidence and approves.
  const board = await signedInPage(browser, DEMO.boardKy);
  await board.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Applications" }).click();
  await board.getByLabel("Status").selectOption("SUBMITTED");
  await board.getByLabel("Trainee name or email").fill("Tara");
  await board.getByRole("button", { name: "Filter" }).click();
  await expectAccessible(board);
  await board.getByRole("link", { name: "Tara Trainee" }).first().click();
  await expect(board.getByRole("heading", { level: 1, name: "Application of Tara Trainee" })).toBeVisible();
  await expect(board.getByRole("link", { name: "ky exam; result=pass.pdf" })).toBeVisible();
  await expectAccessible(board);
  await board.getByRole("button", { name: "Start review" }).click();
  await expect(board.getByRole("status")).toContainText("You are reviewing this application.");
  await board.getByRole("button", { name: "Approve and issue" }).click();
  const issued = board.getByRole("status").filter({ hasText: "is issued" });
  await expect(issued).toBeVisible();
  const number = /KY-APSS-\d{4}-\d{6}/.exec((await issued.textContent()) ?? "")![0];

  // The holder sees the credential and downloads the certificate and the signed badge.
  await page.reload();
  await page.getByRole("link", { name: number }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Adult Peer Support Specialist");
  await expectAccessible(page);
  const certificate = await page.request.get(`/credentials/${number}/certificate.pdf`);
  expect(certificate.headers()["content-type"]).toBe("application/pdf");
  expect((await certificate.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const badge = await (await page.request.get(`/credentials/${number}/badge.json`)).text();

  // A stranger, signed out, verifies by number (as the QR code does) and by the badge file.
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await verifyByNumber(stranger, number);
  await expect(stranger.getByRole("status")).toContainText("This credential is active.");
  await expect(stranger.getByText("Tara Trainee")).toBeVisible();
  await expect(stranger.getByText(DEMO.trainee)).toHaveCount(0);
  await expectAccessible(stranger);
  await stranger.goto("/verify");
  await stranger.getByLabel("Badge file").setInputFiles({ name: "badge.json", mimeType: "application/json", buffer: Buffer.from(badge) });
  await stranger.getByRole("button", { name: "Check the badge" }).click();
  await expect(stranger.getByRole("heading", { name: "Valid credential" })).toBeVisible();
  await expectAccessible(stranger);
  // An altered copy is caught.
  await stranger.getByLabel("Badge file").setInputFiles({
    name: "badge.json",
    mimeType: "application/json",
    buffer: Buffer.from(badge.replace("Tara Trainee", "Mallory Forger")),
  });
  await stranger.getByRole("button", { name: "Check the badge" }).click();
  await expect(stranger.getByRole("heading", { name: "Not a valid credential" })).toBeVisible();

  // The board finds it in its list of credentials issued, and revokes; the public page and the badge check say so at once.
  await board.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Credentials" }).click();
  await board.getByLabel("Holder name or credential number").fill(number);
  await board.getByRole("button", { name: "Apply filters" }).click();
  await expect(board.getByText("1 credential", { exact: true })).toBeVisible();
  await expect(board.getByRole("row", { name: new RegExp(number) })).toContainText("Active");
  await expectAccessible(board);
  await board.getByRole("link", { name: number, exact: true }).click();
  await expect(board.getByLabel("Reason for revoking")).toBeVisible();
  await expectAccessible(board);
  await board.getByLabel("Reason for revoking").fill("Issued on a forged exam letter.");
  await board.getByLabel("I understand that revocation is final and cannot be undone.").check();
  await board.getByRole("button", { name: "Revoke credential permanently" }).click();
  await expect(board.getByText("Revoked", { exact: true }).first()).toBeVisible();
  await stranger.goto(`/verify/${number}`);
  await expect(stranger.getByRole("status")).toContainText("This credential has been revoked by the issuing board.");
  await stranger.goto("/verify");
  await stranger.getByLabel("Badge file").setInputFiles({ name: "badge.json", mimeType: "application/json", buffer: Buffer.from(badge) });
  await stranger.getByRole("button", { name: "Check the badge" }).click();
  await expect(stranger.getByText("The credential has been revoked by the issuing board.")).toBeVisible();
  await strangerContext.close();
  await board.context().close();
});

test("the demo holder logs continuing education and applies to renew; the outbox shows the reminder", async ({ page, browser }) => {
  await signIn(page, "holder@peerpath.example");
  await page.goto("/credentials");
  await expectAccessible(page);
  await page.getByRole("link", { name: /KY-APSS-/ }).first().click();
  await expectAccessible(page);
  await page.getByLabel("Date completed").fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel("Hours").fill("6");
  await page.getByLabel("Course or activity").fill("Ethics and boundaries refresher");
  await page.getByLabel("Provider").fill("Kentucky Peer Academy");
  await page.getByRole("button", { name: "Log hours" }).click();
  await expect(page.getByText("Ethics and boundaries refresher")).toBeVisible();
  await page.getByRole("button", { name: "Apply to renew" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Renewal: Kentucky/ })).toBeVisible();
  await expect(page.getByText("Your continuing education meets the renewal rule.")).toBeVisible();
  await expectAccessible(page);

  // The reminder is sent shortly after start-up; the outbox shows it to an administrator.
  const admin = await signedInPage(browser, DEMO.admin);
  await expect(async () => {
    await admin.goto("/admin/outbox");
    await expect(admin.getByText(/renew/i).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // No SMTP server in the tests: the page must not claim the reminder was emailed.
  await expect(admin.getByText(/Kept here .*, not emailed/).first()).toBeVisible();
  await expect(admin.getByText(/^Sent /)).toHaveCount(0);
  await expectAccessible(admin);
  await admin.context().close();
});
