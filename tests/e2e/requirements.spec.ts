import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./fixtures";

test("a board member changes a requirement as a new version and sees the change recorded", async ({ page }) => {
  await signIn(page, DEMO.boardKy);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Requirements" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Requirements" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Adult Peer Support Specialist" }).click();
  await expect(page.getByRole("heading", { name: "Version 1, in force" })).toBeVisible();
  await expectAccessible(page);

  const editor = page.getByLabel("Requirement", { exact: true });
  const yaml = await editor.inputValue();
  await editor.fill(yaml.replace("reviewerChecks:\n", "reviewerChecks:\n  - Background check on file\n"));
  await page.getByRole("button", { name: "Preview changes" }).click();
  await expect(page.getByRole("status")).toContainText("Background check on file");
  await expect(page.getByRole("heading", { name: "Version 1, in force" })).toBeVisible();
  await page.getByLabel("Note for the record").fill("Board meeting of November");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect(page.getByRole("status")).toContainText("Version 2 saved");
  await expect(page.getByRole("heading", { name: "Version 2, in force" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Board meeting of November" })).toBeVisible();
  await expectAccessible(page);
});

test("a board member of one jurisdiction cannot open another's requirements", async ({ page }) => {
  await signIn(page, DEMO.boardKy);
  await page.goto("/board/requirements");
  await expect(page.getByRole("link", { name: "Peer Recovery (PR)" })).toHaveCount(0);
});

test("a trainee chooses credentials and sees what each still needs, in words", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Pat Progress");
  await page.getByLabel("Email").fill(uniqueEmail("e2e-progress"));
  await page.getByLabel("Password", { exact: true }).fill("steady progress daily");
  await page.getByLabel("Confirm password").fill("steady progress daily");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Progress" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My progress" })).toBeVisible();
  await page.getByLabel("IC&RC: Peer Recovery (PR)").check();
  await page.getByLabel("Pennsylvania: Certified Peer Specialist (CPS)").check();
  await page.getByRole("button", { name: "Save my credentials" }).click();
  await expect(page.getByRole("status")).toHaveText("Your credentials are updated.");
  const icrc = page.getByRole("region", { name: "IC&RC: Peer Recovery (PR)" });
  await expect(icrc.getByRole("listitem").filter({ hasText: "16 more hours of Ethical responsibility" })).toBeVisible();
  await expect(icrc.getByRole("listitem").filter({ hasText: /500 more hours of experience/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Pennsylvania: Certified Peer Specialist (CPS)" }).getByRole("listitem").filter({ hasText: /75 more hours of training/ })).toBeVisible();
  await expectAccessible(page);
});
