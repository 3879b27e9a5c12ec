import { describe, expect, it } from "vitest";
import { addedNotice, cancellationNotice, changeNotice } from "./session-notices";

const session = { topic: "Sharing your story safely", startsAt: new Date("2026-12-03T15:00:00Z"), instructorName: "Ina Instructor" };

describe("session notices", () => {
  it("tells a trainee their session is cancelled, when it was, and why", () => {
    const notice = cancellationNotice("Tara", session, "The room is closed.");
    expect(notice.subject).toBe("Cancelled: Sharing your story safely, 2026-12-03 15:00 UTC");
    expect(notice.body).toContain('Ina Instructor has cancelled the live session "Sharing your story safely" you registered for');
    expect(notice.body).toContain("The reason given: The room is closed.");
  });

  it("tells them a new time, length, place or link, and nothing for other edits", () => {
    const moved = changeNotice("Tara", session, [
      { field: "startsAt", label: "date and time", from: "2026-12-03T14:00:00.000Z", to: "2026-12-03T15:00:00.000Z" },
      { field: "location", label: "location", from: "Room 1", to: null },
      { field: "capacity", label: "places", from: 12, to: 10 },
    ]);
    expect(moved?.subject).toBe("Changed: Sharing your story safely, now 2026-12-03 15:00 UTC");
    expect(moved?.body).toContain("Date and time: 2026-12-03 15:00 UTC\nLocation: none");
    expect(moved?.body).not.toContain("Places");
    expect(changeNotice("Tara", session, [{ field: "description", label: "description", from: "a", to: "b" }])).toBeNull();
  });

  it("tells a trainee the instructor added when and where the session is, only while it is still to come", () => {
    const details = { ...session, durationMinutes: 90, location: "Room 4", onlineUrl: null };
    const notice = addedNotice("Tara", details, new Date("2026-12-01T09:00:00Z"));
    expect(notice?.subject).toBe("Added: Sharing your story safely, 2026-12-03 15:00 UTC");
    expect(notice?.body).toContain('Ina Instructor has added you to the live session "Sharing your story safely".');
    expect(notice?.body).toContain("When: 2026-12-03 15:00 UTC, for 90 minutes\nWhere: Room 4\n");
    expect(notice?.body).not.toContain("Online:");
    expect(addedNotice("Tara", details, new Date("2026-12-03T15:00:00Z"))).toBeNull();
  });
});
