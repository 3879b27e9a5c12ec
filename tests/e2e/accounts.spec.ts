import { DEMO, expect, expectAccessible, expectNoAxeViolations, signIn, test, uniqueEmail } from "./fixtures";

test("a visitor signs up as a trainee, signs out and signs back in", async ({ page }) => {
  await page.goto("/");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Sign up as a trainee" }).click();
  await expect(page.getByRole("heading", { name: "Sign up as a trainee" })).toBeVisible();
  await expectAccessible(page);

  const email = uniqueEmail("e2e-trainee");
  await page.getByLabel("Full name").fill("Eve Example");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("one day at a time");
  await page.getByLabel("Confirm password").fill("one day at a time");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/trainee$/);
  await expect(page.getByRole("heading", { name: "My training" })).toBeVisible();
  await expect(page.getByText("Signed in as Eve Example (Trainee)")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My training" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
  await page.goto("/trainee");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Ftrainee/);
  await expectAccessible(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("one day at a time");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/trainee$/);
});

test("sign-up shows what is wrong and keeps what was typed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Taken Name");
  await page.getByLabel("Email").fill(DEMO.trainee);
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("different");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters for your password")).toBeVisible();
  await expect(page.getByText("The two passwords do not match")).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Taken Name");
  await expectAccessible(page);

  await page.getByLabel("Password", { exact: true }).fill("a perfectly fine one");
  await page.getByLabel("Confirm password").fill("a perfectly fine one");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists")).toBeVisible();
});

test("a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(DEMO.supervisor);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or password is not right. Check both and try again.");
  await expectAccessible(page);
});

const HOMES = [
  { email: DEMO.trainee, path: "/trainee", heading: "My training", nav: ["My training", "Course", "Live sessions", "Hours", "Progress", "Exams", "Credentials"] },
  { email: DEMO.instructor, path: "/instructor", heading: "Teaching", nav: ["Teaching", "My sessions", "Modules", "Coverage"] },
  { email: DEMO.supervisor, path: "/supervisor", heading: "Supervision", nav: ["Supervision"] },
  { email: DEMO.board, path: "/board", heading: "Board", nav: ["Board", "Requirements", "Standing", "External training", "Exams", "Applications", "Credentials", "Coverage", "Invitations"] },
  { email: DEMO.admin, path: "/admin", heading: "Administration", nav: ["Administration", "Users", "Outbox", "Requirements", "Standing", "Modules", "Coverage", "Invitations"] },
];

for (const home of HOMES) {
  test(`${home.email} lands on ${home.path} with their navigation`, async ({ page }) => {
    await signIn(page, home.email);
    await expect(page).toHaveURL(new RegExp(`${home.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: home.heading })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(home.nav);
    await expectAccessible(page);
  });
}

test("a trainee who opens a board page is told it is not allowed", async ({ page }) => {
  await signIn(page, DEMO.trainee);
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  // One title, the error's: the tab and a screen reader say what happened.
  await expect(page).toHaveTitle("Not allowed · PeerPath");
  await expect(page.locator("head title")).toHaveCount(1);
  // The error page keeps the signed-in layout: the trainee can go on from the navigation, or sign out.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My training" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectAccessible(page);
});

test("an address that does not decode gets a styled page saying so, with a way home", async ({ page }) => {
  for (const path of ["/%", "/hours/%", "/%E0%A4%A"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(400);
    await expect(page).toHaveTitle("This address is not valid · PeerPath");
    await expect(page.getByRole("heading", { level: 1, name: "This address is not valid" })).toBeVisible();
    // The app's own stylesheet: the header looks as on every other page (its --wash background).
    await expect(page.locator(".site-header")).toHaveCSS("background-color", "rgb(242, 246, 247)");
    await expectNoAxeViolations(page);
  }
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a page that does not exist keeps a signed-in trainee's navigation and Sign out", async ({ page }) => {
  await signIn(page, DEMO.trainee);
  const response = await page.goto("/hours/nope");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await expect(page).toHaveTitle("Not found · PeerPath");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Hours" })).toBeVisible();
  await expect(page.getByText("Signed in as")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
});

test("the administrator sees every account, page by page, and takes a role away", async ({ page, browser }) => {
  // Someone who signed up as a trainee by mistake (the newest account, so first on the page).
  const other = await (await browser.newContext()).newPage();
  await other.goto("/signup");
  await other.getByLabel("Full name").fill("Mistaken Signup");
  await other.getByLabel("Email").fill(uniqueEmail("e2e-mistaken"));
  await other.getByLabel("Password", { exact: true }).fill("one step at a time");
  await other.getByLabel("Confirm password").fill("one step at a time");
  await other.getByRole("button", { name: "Create account" }).click();
  await expect(other).toHaveURL(/\/trainee$/);

  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(page.getByRole("cell", { name: DEMO.boardKy })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Remove Trainee from Mistaken Signup" }).first().click();
  await expect(page.getByRole("status")).toHaveText(/^Mistaken Signup is no longer Trainee\./);
  await expectAccessible(page);
  // Their next page no longer opens the trainee home.
  const response = await other.goto("/trainee");
  expect(response?.status()).toBe(403);
  await other.context().close();
});
