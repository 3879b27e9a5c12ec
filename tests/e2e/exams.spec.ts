// Sitting the IC&RC PR exam in the browser. The demo trainee must be able to sit it: the seed gives
// trainee@peerpath.example the 46 approved training hours IC&RC PR requires (advocacy 10, mentoring
// and education 10, recovery and wellness support 10, ethical responsibility 16).
import type { Locator, Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./fixtures";

const EXAM = "IC&RC Peer Recovery exam";
const SEED_HINT = "the demo trainee needs complete IC&RC PR training hours in the seed (see tests/e2e/exams.spec.ts)";

/** "59:58" or "1:00:00" as seconds. */
function clockSeconds(text: string | null): number {
  return (text ?? "").trim().split(":").map(Number).reduce((total, part) => total * 60 + part, 0);
}

/** Presses Tab until the focused element is the button or link with this text. */
async function tabTo(page: Page, name: string) {
  for (let step = 0; step < 20; step++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    if (focused === name) return;
  }
  throw new Error(`Pressing Tab never reached "${name}".`);
}

const firstOption = (page: Page | Locator) => page.locator(".exam-question .exam-option").first();

test("a trainee whose training is not complete is told what is missing", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Elena Exam");
  await page.getByLabel("Email").fill(uniqueEmail("e2e-exam"));
  await page.getByLabel("Password", { exact: true }).fill("one step at a time");
  await page.getByLabel("Confirm password").fill("one step at a time");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/trainee$/);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exams" }).click();
  const panel = page.getByRole("region", { name: EXAM, exact: true });
  await expect(panel).toContainText("You cannot start this exam yet.");
  await expect(panel).toContainText(
    "Training hours for Peer Recovery (PR) are not complete: 10 more hours of Advocacy, 10 more hours of Mentoring and education, 10 more hours of Recovery and wellness support and 16 more hours of Ethical responsibility.",
  );
  await expect(panel.getByRole("button", { name: "Start the exam" })).toHaveCount(0);
  await expectAccessible(page);

  // The exam's own page gives its rules, and the same reasons instead of a start button.
  await panel.getByRole("link", { name: "About this exam" }).click();
  await expect(page.getByRole("heading", { name: EXAM, level: 1 })).toBeVisible();
  await expect(page.getByText("You may sit it")).toBeVisible();
  await expect(page.locator(".eligibility-reasons")).toContainText("Training hours for Peer Recovery (PR) are not complete");
  await expect(page.getByRole("button", { name: "Start the exam" })).toHaveCount(0);
  await expectAccessible(page);
});

test("the demo trainee sits the exam: answers, flags, moves by keyboard, watches the clock and submits", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.trainee);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Exams" }).click();
  await expect(page.getByRole("heading", { name: "Exams", level: 1 })).toBeVisible();
  await expectAccessible(page);
  const panel = page.getByRole("region", { name: EXAM, exact: true });
  const start = panel.getByRole("button", { name: /Start the exam|Resume your attempt/ });
  await expect(start, SEED_HINT).toBeVisible();
  await start.click();
  await expect(page.getByRole("heading", { name: "Question 1 of 44" })).toBeVisible();
  await expectAccessible(page);

  // The clock shows the server's time left and counts down every second.
  const timer = page.getByRole("timer");
  await expect(timer).toHaveText(/^\d+:\d\d$/);
  const atStart = clockSeconds(await timer.textContent());
  expect(atStart).toBeLessThanOrEqual(60 * 60);
  await expect.poll(async () => clockSeconds(await timer.textContent()), { timeout: 5_000 }).toBeLessThan(atStart);

  // Question 1 by keyboard only: Space chooses the focused option (saved at once), Tab reaches
  // "Save and next", Enter moves on.
  const option1 = firstOption(page);
  const answer1 = (await option1.locator("label").textContent())!;
  await option1.locator("input").focus();
  await page.keyboard.press("Space");
  await expect(option1.locator("input")).toBeChecked();
  await expect(page.getByRole("status")).toContainText("Answer saved");
  await tabTo(page, "Save and next");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Question 2 of 44" })).toBeVisible();

  // Question 2: flag it, answer it, and see both in the navigator.
  const flag = page.getByRole("button", { name: "Flag for review" });
  await flag.click();
  await expect(page.getByRole("status")).toHaveText("This question is flagged for review.");
  await expect(flag).toHaveAttribute("aria-pressed", "true");
  await firstOption(page).locator("input").check();
  await expect(page.getByRole("status")).toContainText("Answer saved");
  const questions = page.getByRole("navigation", { name: "Questions" });
  await expect(questions.getByRole("link", { name: "Question 2, answered, flagged for review", exact: true })).toBeVisible();
  await expectAccessible(page);

  // Back to question 1 through the navigator: the answer came back from the server.
  await questions.getByRole("link", { name: "Question 1, answered", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Question 1 of 44" })).toBeVisible();
  await expect(page.getByLabel(answer1, { exact: true })).toBeChecked();

  // All questions on one page: answer question 3 there.
  await page.getByRole("link", { name: "Show all questions on one page" }).click();
  await expect(page.getByRole("heading", { name: "All questions", level: 1 })).toBeVisible();
  await expectAccessible(page);
  const third = page.getByRole("region", { name: "Question 3", exact: true });
  await firstOption(third).locator("input").check();
  await expect(page.getByRole("status")).toContainText("Question 3: Answer saved");

  await page.getByRole("link", { name: "Review and submit" }).click();
  await expect(page.getByRole("heading", { name: "Review and submit" })).toBeVisible();
  await expect(page.getByText("You have answered 3 of 44 questions.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Flagged for review (1)" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit the exam for scoring" }).click();

  await expect(page.getByRole("heading", { name: `Result: ${EXAM}` })).toBeVisible();
  await expect(page.getByText(/^(Passed|Not passed)$/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Questions right by domain" })).toContainText("Ethical responsibility");
  await expect(page.getByRole("heading", { name: "Question review" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Back to your exams" }).click();
  await expect(panel).toContainText("Next attempt possible on");
  await expect(panel.getByRole("table")).toContainText(/Not passed|Passed/);
  await expectAccessible(page);
});
