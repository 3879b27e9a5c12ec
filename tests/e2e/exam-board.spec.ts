import { DEMO, expect, expectAccessible, signIn, test } from "./fixtures";

const EXAM = "IC&RC Peer Recovery exam";

test("a board member finds an item by domain, edits it as a new version and reads the exam report", async ({ page }) => {
  await signIn(page, DEMO.board);
  const nav = page.getByRole("navigation", { name: "Main" });

  await nav.getByRole("link", { name: "Exams", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Exams" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: EXAM, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: EXAM })).toBeVisible();
  await expect(page.getByRole("table", { name: /Items per domain/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Item bank", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Item bank" })).toBeVisible();
  await expectAccessible(page);

  const filters = page.getByRole("region", { name: "Find items" });
  await filters.getByLabel("Domain").selectOption({ label: "Ethical responsibility" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/domain=ethical-responsibility/);
  const items = page.getByRole("table", { name: /Items of the bank/ });
  await expect(items.getByRole("link", { name: "pr-eth-001", exact: true })).toBeVisible();
  await expect(items.getByRole("link", { name: "pr-adv-001", exact: true })).toHaveCount(0);
  await expectAccessible(page);

  await items.getByRole("link", { name: "pr-eth-001", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Item pr-eth-001" })).toBeVisible();
  await expectAccessible(page);
  const save = page.getByRole("button", { name: /^Save as version \d+$/ });
  const next = Number((await save.textContent())!.replace(/\D/g, ""));
  const stem = page.getByLabel("Stem (the question)");
  await stem.fill(`${await stem.inputValue()} (reworded ${Date.now()})`);
  await save.click();
  await expect(page.getByRole("status")).toContainText(`Version ${next} saved.`);
  const versions = page.getByRole("table", { name: /Every version of item pr-eth-001/ });
  await expect(versions.getByRole("rowheader", { name: `Version ${next}`, exact: true })).toBeVisible();
  await expect(versions.getByRole("rowheader", { name: `Version ${next - 1}`, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: `Save as version ${next + 1}` })).toBeVisible();
  await expectAccessible(page);

  await nav.getByRole("link", { name: "Exams", exact: true }).click();
  await page.getByRole("link", { name: `Report on ${EXAM}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Report: how the exam and its items perform" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Item analysis/ })).toBeVisible();
  await expectAccessible(page);
});

test("a board member of another jurisdiction does not see the IC&RC exam", async ({ page }) => {
  await signIn(page, DEMO.boardKy);
  await page.goto("/board/exams");
  await expect(page.getByRole("heading", { level: 1, name: "Exams" })).toBeVisible();
  await expect(page.getByRole("link", { name: EXAM, exact: true })).toHaveCount(0);
  await expectAccessible(page);
});
