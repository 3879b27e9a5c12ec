import type { Page } from "@playwright/test";
import { DEMO, expect, expectAccessible, holdPosts, signIn, test, uniqueEmail } from "./fixtures";

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

async function signUp(page: Page, name: string, email: string) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("one step at a time");
  await page.getByLabel("Confirm password").fill("one step at a time");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/trainee$/);
}

async function fillSession(page: Page, session: { topic: string; date: string; onlineUrl: string }) {
  await page.getByLabel("Topic").fill(session.topic);
  await page.getByLabel("Description (optional)").fill("Practising reflective listening in pairs.");
  await page.getByLabel("Date (UTC)").fill(session.date);
  await page.getByLabel("Start time (UTC)").fill("15:00");
  await page.getByLabel("Length in minutes").fill("90");
  await page.getByLabel("Advocacy (hours)").fill("1");
  await page.getByLabel("Ethical responsibility (hours)").fill("0.5");
  await page.getByLabel("Location").fill("Room 4, Recovery Community Centre");
  await page.getByLabel("Online link").fill(session.onlineUrl);
}

// Registration closes when a session starts and attendance opens then, so the test uses two sessions:
// one tomorrow that the trainee registers for, and one that took place yesterday, entered late by the
// instructor, who adds the trainee to it and records their attendance.
test("an instructor schedules sessions, a new trainee registers, and recorded attendance credits hours", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const stamp = Date.now();
  const upcomingTopic = `Reflective listening ${stamp}`;
  const pastTopic = `Boundaries workshop ${stamp}`;
  const traineeName = `Rae Register ${stamp}`;
  const traineeEmail = uniqueEmail("e2e-sessions");

  // The instructor schedules tomorrow's session; the form says what is wrong first.
  await signIn(page, DEMO.instructor);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My live sessions" })).toBeVisible();
  await expectAccessible(page);
  await fillSession(page, { topic: upcomingTopic, date: isoDay(1), onlineUrl: "http://meet.example.org/listening" });
  await page.getByLabel("Length in minutes").fill("60");
  await page.getByRole("button", { name: "Schedule the session" }).click();
  await expect(page.getByRole("alert")).toHaveText("Please correct the highlighted fields.");
  await expect(page.getByText("Enter a web address that starts with https://")).toBeVisible();
  await expect(page.getByText("The hours add up to 1.5, but the session lasts only 60 minutes")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Online link").fill("https://meet.example.org/listening");
  await page.getByLabel("Length in minutes").fill("90");
  await page.getByRole("button", { name: "Schedule the session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: upcomingTopic })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Session scheduled.");
  await expect(page.getByText("Attendance can be recorded once the session has started")).toBeVisible();
  await expectAccessible(page);

  // A trainee who has just signed up registers for it and sees the meeting link.
  const traineePage = await (await browser.newContext()).newPage();
  await signUp(traineePage, traineeName, traineeEmail);
  await traineePage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Live sessions" }).click();
  await expect(traineePage.getByRole("heading", { level: 1, name: "Live sessions" })).toBeVisible();
  await expectAccessible(traineePage);
  const upcoming = traineePage.getByRole("region", { name: "Upcoming sessions" });
  const mine = traineePage.getByRole("region", { name: "My sessions" });
  const row = upcoming.getByRole("row", { name: new RegExp(upcomingTopic) });
  await expect(row).toContainText("Online (the link shows once you register)");
  await row.getByRole("button", { name: `Register for ${upcomingTopic}` }).click();
  await expect(traineePage.getByRole("status")).toHaveText(`You are registered for "${upcomingTopic}".`);
  await expect(row.getByRole("link", { name: "Join online" })).toHaveAttribute("href", "https://meet.example.org/listening");
  await expect(row.getByRole("button", { name: `Cancel registration for ${upcomingTopic}` })).toBeVisible();
  await expect(mine.getByRole("row", { name: new RegExp(upcomingTopic) })).toContainText("Registered");
  await expectAccessible(traineePage);

  // The instructor sees the registration.
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(traineeName) })).toContainText("Not recorded yet");
  await expectAccessible(page);

  // Yesterday's session, entered late: the instructor adds the trainee and records partial attendance.
  await page.getByRole("link", { name: "All my sessions" }).click();
  await expect(page.getByRole("link", { name: upcomingTopic })).toBeVisible();
  await fillSession(page, { topic: pastTopic, date: isoDay(-1), onlineUrl: "" });
  await page.getByRole("button", { name: "Schedule the session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: pastTopic })).toBeVisible();
  await page.getByLabel("Trainee's email").fill(traineeEmail);
  await page.getByRole("button", { name: "Add trainee" }).click();
  await expect(page.getByRole("status")).toHaveText(`${traineeName} added to this session.`);
  const attendance = page.getByRole("group", { name: traineeName });
  await attendance.getByLabel("Partly present", { exact: true }).check();
  await attendance.getByLabel("Minutes attended, if partly present").fill("45");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save attendance" }).click();
  await expect(page.getByRole("status")).toContainText("Attendance saved: 1 recorded.");
  const traineeRow = page.getByRole("row", { name: new RegExp(traineeName) });
  await expect(traineeRow).toContainText("Partly present (45 of 90 minutes)");
  await expect(traineeRow).toContainText("0.75 hours");
  await expectAccessible(page);

  // The trainee sees the outcome and the hours credited.
  await traineePage.reload();
  const done = mine.getByRole("row", { name: new RegExp(pastTopic) });
  await expect(done).toContainText("Partly present (45 of 90 minutes)");
  await expect(done).toContainText("0.75 hours");
  await expectAccessible(traineePage);
});

test("an instructor moves a session to another time and cancels another one with a reason", async ({ page }) => {
  const stamp = Date.now();
  const movedTopic = `Peer boundaries ${stamp}`;
  const cancelledTopic = `Story circle ${stamp}`;
  await signIn(page, DEMO.instructor);

  await page.goto("/instructor/sessions");
  await fillSession(page, { topic: movedTopic, date: isoDay(2), onlineUrl: "" });
  await page.getByRole("button", { name: "Schedule the session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: movedTopic })).toBeVisible();
  const edit = page.getByRole("form", { name: "Change the details" });
  await expect(edit.getByLabel("Start time (UTC)")).toHaveValue("15:00");
  await edit.getByLabel("Start time (UTC)").fill("17:30");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Session updated: date and time.");
  await expect(page.getByRole("region", { name: "Details", exact: true })).toContainText(`${isoDay(2)} 17:30 UTC`);
  await expect(edit.getByLabel("Start time (UTC)")).toHaveValue("17:30");
  await expectAccessible(page);

  // The session page has the same fields (its edit form): wait for the list before filling in.
  await page.getByRole("link", { name: "All my sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My live sessions" })).toBeVisible();
  await fillSession(page, { topic: cancelledTopic, date: isoDay(3), onlineUrl: "" });
  await page.getByRole("button", { name: "Schedule the session" }).click();
  await expect(page.getByRole("heading", { level: 1, name: cancelledTopic })).toBeVisible();
  const cancel = page.getByRole("form", { name: "Cancel the session" });
  await cancel.getByLabel("Reason for cancelling").fill("The trainer is ill; we will schedule it again.");
  await cancel.getByRole("button", { name: "Cancel the session" }).click();
  await expect(cancel.getByText("Tick the box to confirm that cancelling is final and cannot be undone")).toBeVisible();
  await expect(cancel.getByLabel("Reason for cancelling")).toHaveValue("The trainer is ill; we will schedule it again.");
  await expectAccessible(page);
  await cancel.getByLabel("I understand that cancelling is final and cannot be undone.").check();
  await cancel.getByRole("button", { name: "Cancel the session" }).click();
  await expect(page.getByRole("status")).toHaveText("Session cancelled. No one had registered.");
  await expect(page.getByText("Reason: The trainer is ill; we will schedule it again.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Change the details" })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("link", { name: "All my sessions" }).click();
  await expect(page.getByRole("row", { name: new RegExp(cancelledTopic) })).toContainText("Cancelled");
  await expect(page.getByRole("row", { name: new RegExp(movedTopic) })).toContainText(`${isoDay(2)} 17:30 UTC`);
});

test("a double click on Schedule the session schedules it once", async ({ page }) => {
  const topic = `Double click ${Date.now()}`;
  await signIn(page, DEMO.instructor);
  await page.goto("/instructor/sessions");
  await fillSession(page, { topic, date: isoDay(4), onlineUrl: "" });

  // Hold the POST back, as a slow connection would, so the second click lands while the first is sent.
  const posts = await holdPosts(page, "/instructor/sessions");
  const button = page.getByRole("button", { name: "Schedule the session" });
  await button.click();
  await expect.poll(posts.count).toBe(1);
  // Forced: Playwright itself will not click a button marked aria-disabled, but a person can.
  await button.click({ force: true });
  posts.letThrough();

  await expect(page.getByRole("heading", { level: 1, name: topic })).toBeVisible();
  expect(posts.count(), "the form was sent once").toBe(1);
  await page.getByRole("link", { name: "All my sessions" }).click();
  await expect(page.getByRole("link", { name: topic })).toHaveCount(1);
});
