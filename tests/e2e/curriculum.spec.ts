import fs from "node:fs";
import matter from "gray-matter";
import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./fixtures";

type Question = { prompt: string; options: { text: string; correct: boolean }[] };
const moduleFile = (slug: string) => matter(fs.readFileSync(`content/modules/${slug}.md`, "utf8")).data as { title: string; questions: Question[] };

async function signUp(page: Page, name: string) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(uniqueEmail("e2e-course"));
  await page.getByLabel("Password", { exact: true }).fill("one step at a time");
  await page.getByLabel("Confirm password").fill("one step at a time");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/trainee$/);
}

/** The demo instructor creates a new module and lands on its draft's editor. */
async function newDraft(page: Page, slugPrefix: string, title: string) {
  await signIn(page, DEMO.instructor);
  await page.goto("/instructor/modules");
  const slug = `${slugPrefix}-${Date.now()}`;
  await page.getByLabel("Module id").fill(slug);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(new RegExp(`/instructor/modules/${slug}/edit$`));
}

async function answer(page: Page, questions: Question[], wrong: number[]) {
  for (const [index, question] of questions.entries()) {
    const right = question.options.findIndex((option) => option.correct);
    const pick = wrong.includes(index) ? (right + 1) % question.options.length : right;
    await page.getByRole("group", { name: `${index + 1}. ${question.prompt}` }).getByLabel(question.options[pick]!.text, { exact: true }).check();
  }
  await page.getByRole("button", { name: /Submit/ }).click();
}

test("a trainee takes a module end to end, resumes on another device, and sees the hours", async ({ page, browser }) => {
  const slug = "documentation";
  const file = moduleFile(slug);
  await signUp(page, "Cora Course");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Course" }).click();
  await expect(page.getByRole("heading", { name: "Course catalogue" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: file.title }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enrol and start" }).click();
  await expect(page.getByText(/Section 1 of \d+/)).toBeVisible();
  await expectAccessible(page);
  const count = Number((await page.getByText(/Section 1 of \d+/).textContent())!.match(/of (\d+)/)![1]);
  await page.getByRole("button", { name: "Mark as read and continue" }).click();
  await expect(page.getByText(`Section 2 of ${count}`)).toBeVisible();
  await page.getByRole("button", { name: "Mark as read and continue" }).click();
  await expect(page.getByText(`Section 3 of ${count}`)).toBeVisible();

  // Another browser, same account: progress comes from the server.
  const cookies = await page.context().cookies();
  const other = await (await browser.newContext()).newPage();
  await other.context().addCookies(cookies.filter((cookie) => cookie.name === "peerpath_session"));
  await other.goto(`/modules/${slug}`);
  await expect(other.getByText(`2 of ${count} sections read`)).toBeVisible();
  await other.getByRole("link", { name: "Resume where you left off" }).click();
  await expect(other.getByText(`Section 3 of ${count}`)).toBeVisible();
  for (let number = 3; number < count; number++) {
    await other.getByRole("button", { name: "Mark as read and continue" }).click();
    await expect(other.getByText(`Section ${number + 1} of ${count}`)).toBeVisible();
  }
  await other.getByRole("button", { name: "Finish reading and go to the knowledge check" }).click();
  await expect(other.getByRole("heading", { name: "Knowledge check" })).toBeVisible();
  await expectAccessible(other);

  await answer(other, file.questions, [0, 1, 2]);
  await expect(other.getByRole("status")).toContainText("not passed yet");
  await expect(other.getByText("Not quite.").first()).toBeVisible();
  await expectAccessible(other);
  await answer(other, file.questions, []);
  await expect(other.getByRole("status")).toContainText("You have completed this module");

  await other.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My training" }).click();
  await expect(other.getByRole("heading", { name: /Completed training hours: 3/ })).toBeVisible();
  await expect(other.getByRole("row", { name: /Ethical responsibility 2/ })).toBeVisible();
  await expect(other.getByRole("cell", { name: /Completed \d{4}-\d\d-\d\d/ })).toBeVisible();
  await expectAccessible(other);
});

test("an instructor edits with live preview, publishes a version and compares it with the last", async ({ page }) => {
  const slug = "cultural-humility";
  await signIn(page, DEMO.instructor);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Modules" }).click();
  await expectAccessible(page);
  await page.getByRole("link", { name: moduleFile(slug).title }).click();
  await expect(page.getByRole("heading", { name: "How trainees fare" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: /Edit \(starts a draft\)|Continue the draft/ }).click();
  await expect(page.getByRole("heading", { name: /Edit draft/ })).toBeVisible();

  const body = page.getByLabel(/Module text/);
  await body.press("End");
  await body.pressSequentially("\n\n## Practice: a reflection log\n\nWrite down one assumption you noticed this week.");
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: /Practice: a reflection log/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Summary").fill("Cultural humility in peer work: curiosity, self-reflection and respect, revised.");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status")).toHaveText("Draft saved.");
  await expect(page.getByLabel("Summary")).toHaveValue(/revised\.$/);

  await page.getByRole("button", { name: "Save and publish a new version" }).click();
  await expect(page.getByRole("status")).toContainText(/Version 2 published/);
  await page.getByRole("button", { name: "Show changes" }).click();
  await expect(page.getByRole("heading", { name: "Changes from version 1 to version 2" })).toBeVisible();
  await expect(page.getByText(/^Summary: /)).toBeVisible();
  await expect(page.locator("ins", { hasText: "## Practice: a reflection log" })).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByRole("link", { name: "Export version 2 as a content file" })).toHaveAttribute("href", `/instructor/modules/${slug}/export?version=2`);
});

test("a new module cannot be published until it is complete, and the instructor is told why", async ({ page }) => {
  await newDraft(page, "grief", "Grief and loss");
  await page.getByRole("button", { name: "Save and publish a new version" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The draft was saved but not published");
  await expect(alert).toContainText("Knowledge check: needs at least 5 questions");
  await expectAccessible(page);
});

test("a refused draft shows the options as its problems letter them, every time it is refused", async ({ page }) => {
  await newDraft(page, "options", "Options in order");
  const blank = page.getByRole("group", { name: "Add a question" });
  await blank.getByLabel("Question", { exact: true }).fill("Who chooses the next step?");
  // Option A is left empty; B is typed without its feedback.
  await blank.getByLabel("Option B text").fill("The peer");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert")).toContainText("Question 1, option A: write the feedback shown after submission");
  const question = page.getByRole("group", { name: "Question 1" });
  await expect(question.getByLabel("Option A text")).toHaveValue("The peer");
  await expect(question.getByLabel("Option B text")).toHaveValue("");

  // Refused again: an option typed in slot D is the second option, B, in the message and on the page.
  await question.getByLabel("Feedback for option A").fill("Yes: the peer leads.");
  await question.getByLabel("Option D text").fill("The specialist");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("alert")).toContainText("Question 1, option B: write the feedback shown after submission");
  await expect(question.getByLabel("Option B text")).toHaveValue("The specialist");
  await expect(question.getByLabel("Option D text")).toHaveValue("");
  await expectAccessible(page);
});

test("a board member sees the curriculum's coverage of the SAMHSA categories", async ({ page }) => {
  await signIn(page, DEMO.board);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Coverage" }).click();
  await expect(page.getByText("Every one of the twelve SAMHSA categories is covered")).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Crisis Recognition, Suicide Risk and De-escalation");
  await expectAccessible(page);
});

test("moving from one module's editor straight to another's shows the second module's text", async ({ page }) => {
  const firstLine = (slug: string) => matter(fs.readFileSync(`content/modules/${slug}.md`, "utf8")).content.split("\n").find((line) => line.startsWith("## "))!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await signIn(page, DEMO.instructor);
  await page.goto("/instructor/modules/active-listening/edit");
  const body = page.getByLabel(/Module text/);
  await expect(body).toHaveValue(new RegExp(firstLine("active-listening")));
  // A navigation inside the app, as a link between two editors would make: the route stays mounted.
  await page.evaluate(() => (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate("/instructor/modules/recovery-principles/edit"));
  await expect(page.getByRole("heading", { name: `Edit draft: ${moduleFile("recovery-principles").title}` })).toBeVisible();
  await expect(body).toHaveValue(new RegExp(firstLine("recovery-principles")));
  await expect(body).not.toHaveValue(new RegExp(firstLine("active-listening")));
});
