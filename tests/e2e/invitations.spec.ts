import { DEMO, expect, expectAccessible, signIn, test, uniqueEmail } from "./fixtures";

test("a board member invites a supervisor, who joins from the one-time link", async ({ page, browser }) => {
  await signIn(page, DEMO.board);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Invitations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invitations" })).toBeVisible();
  await expectAccessible(page);

  const email = uniqueEmail("e2e-supervisor");
  await page.getByLabel("Name").fill("Sol Supervisor");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption({ label: "Supervisor" });
  // A supervisor belongs to no jurisdiction: the field stays at None.
  await expect(page.getByLabel("Jurisdiction")).toHaveValue("");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  await expectAccessible(page);

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Join PeerPath as supervisor" })).toBeVisible();
  await expectAccessible(invitee);
  await invitee.getByLabel("Choose a password").fill("steady and kind");
  await invitee.getByLabel("Confirm password").fill("steady and kind");
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee).toHaveURL(/\/supervisor$/);
  await expect(invitee.getByText("Signed in as Sol Supervisor (Supervisor)")).toBeVisible();

  const again = await (await browser.newContext()).newPage();
  const response = await again.goto(link);
  expect(response?.status()).toBe(410);
  await expect(again.getByText("This invitation has already been used")).toBeVisible();
  // Gone, not a fault on our side: the heading and the title say the link no longer works.
  await expect(again.getByRole("heading", { level: 1, name: "This link is no longer valid" })).toBeVisible();
  await expect(again).toHaveTitle("This link is no longer valid · PeerPath");
  await expectAccessible(again);
});

test("the whole sign-in works by keyboard alone", async ({ page }) => {
  await page.goto("/login");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
  // From the main landmark, the first fields are the form's.
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.keyboard.type(DEMO.instructor);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type("peerpath-demo");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/instructor$/);
});
