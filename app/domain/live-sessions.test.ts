import { describe, expect, it } from "vitest";
import {
  attendanceLabel,
  attendanceProblem,
  attendanceSchema,
  cancelSessionSchema,
  cancellationProblem,
  cancelledLabel,
  creditFor,
  editProblem,
  formatSessionTime,
  placesLeft,
  placesProblem,
  registrationProblem,
  sameAttendance,
  scheduleSessionSchema,
  sessionCancellationProblem,
  sessionChanges,
  sessionFormValues,
} from "./live-sessions";

const NOW = new Date("2026-11-26T12:00:00Z");

const valid = {
  topic: "Motivational interviewing in practice",
  description: "Role plays in pairs.",
  date: "2026-12-03",
  time: "14:30",
  durationMinutes: "120",
  "hours.advocacy": "0.5",
  "hours.ethical-responsibility": "1.5",
  "hours.mentoring-education": "",
  location: "Room 2, Community Centre",
  onlineUrl: "",
  capacity: "12",
};

function errorsFor(form: Record<string, string | undefined>) {
  const result = scheduleSessionSchema(NOW).safeParse(form);
  if (result.success) return {};
  const errors: Record<string, string[]> = {};
  for (const issue of result.error.issues) (errors[String(issue.path[0])] ??= []).push(issue.message);
  return errors;
}

describe("scheduling a session", () => {
  it("combines the date and time in UTC and keeps only the domains with hours", () => {
    const session = scheduleSessionSchema(NOW).parse(valid);
    expect(session).toEqual({
      topic: "Motivational interviewing in practice",
      description: "Role plays in pairs.",
      startsAt: new Date("2026-12-03T14:30:00Z"),
      durationMinutes: 120,
      domains: [
        { domain: "advocacy", hours: 0.5 },
        { domain: "ethical-responsibility", hours: 1.5 },
      ],
      location: "Room 2, Community Centre",
      onlineUrl: null,
      capacity: 12,
    });
  });

  it("accepts an online session with no capacity and no description", () => {
    const session = scheduleSessionSchema(NOW).parse({
      ...valid,
      description: undefined,
      location: " ",
      onlineUrl: "https://meet.example.org/peer-101",
      capacity: "",
    });
    expect(session).toMatchObject({ description: "", location: null, onlineUrl: "https://meet.example.org/peer-101", capacity: null });
  });

  it("refuses a link that is not https and asks for a location or a link", () => {
    expect(errorsFor({ ...valid, onlineUrl: "http://meet.example.org" }).onlineUrl).toEqual(["Enter a web address that starts with https://"]);
    expect(errorsFor({ ...valid, onlineUrl: "javascript:alert(1)" }).onlineUrl).toBeDefined();
    expect(errorsFor({ ...valid, location: "", onlineUrl: "" }).location).toEqual(["Give a location, an online link, or both"]);
  });

  it("refuses hours beyond the session's length, none at all, and anything but quarter hours", () => {
    expect(errorsFor({ ...valid, durationMinutes: "90" }).hours).toEqual(["The hours add up to 2, but the session lasts only 90 minutes"]);
    expect(errorsFor({ ...valid, "hours.advocacy": "", "hours.ethical-responsibility": "0" }).hours).toEqual([
      "Give the hours credited in at least one domain",
    ]);
    expect(errorsFor({ ...valid, "hours.advocacy": "0.3" })["hours.advocacy"]).toEqual(["Use quarter hours (0.25, 0.5, 0.75, ...)"]);
    expect(errorsFor({ ...valid, "hours.advocacy": "-1" })["hours.advocacy"]).toEqual(["Hours cannot be negative"]);
    expect(errorsFor({ ...valid, "hours.advocacy": "1e1" })["hours.advocacy"]).toEqual(["Enter the hours as a number, like 1.5"]);
    expect(errorsFor({ ...valid, "hours.advocacy": "0x2" })["hours.advocacy"]).toEqual(["Enter the hours as a number, like 1.5"]);
    // Exactly the session's length is fine.
    expect(errorsFor({ ...valid, durationMinutes: "120", "hours.advocacy": "1", "hours.ethical-responsibility": "1" })).toEqual({});
  });

  it("checks the topic, length, date, time and capacity", () => {
    expect(errorsFor({ ...valid, topic: "MI" }).topic).toEqual(["Enter a topic of at least 3 characters"]);
    expect(errorsFor({ ...valid, topic: "x".repeat(151) }).topic).toBeDefined();
    expect(errorsFor({ ...valid, description: "x".repeat(2001) }).description).toBeDefined();
    expect(errorsFor({ ...valid, durationMinutes: "10" }).durationMinutes).toEqual(["A session lasts at least 15 minutes"]);
    expect(errorsFor({ ...valid, durationMinutes: "601" }).durationMinutes).toBeDefined();
    expect(errorsFor({ ...valid, date: "03/12/2026" }).date).toEqual(["Enter the date as YYYY-MM-DD"]);
    expect(errorsFor({ ...valid, date: "2026-02-30" }).date).toEqual(["Enter a real date"]);
    expect(errorsFor({ ...valid, time: "24:00" }).time).toBeDefined();
    expect(errorsFor({ ...valid, date: "", time: "" })).toMatchObject({ date: ["Enter the date"], time: ["Enter the start time"] });
    expect(errorsFor({ ...valid, capacity: "0" }).capacity).toEqual(["Offer at least 1 place, or leave it empty for no limit"]);
    expect(errorsFor({ ...valid, capacity: "501" }).capacity).toBeDefined();
    expect(errorsFor({ ...valid, capacity: "2.5" }).capacity).toBeDefined();
  });

  it("allows a session entered up to a week late, but not older or more than a year ahead", () => {
    expect(errorsFor({ ...valid, date: "2026-11-20", time: "12:00" })).toEqual({});
    expect(errorsFor({ ...valid, date: "2026-11-19", time: "11:59" }).date).toEqual([
      "A session can be entered at most 7 days after it took place",
    ]);
    expect(errorsFor({ ...valid, date: "2028-01-01" }).date).toEqual(["Schedule sessions at most a year ahead"]);
  });

  it("lists every problem at once, not only the first field's", () => {
    const errors = errorsFor({ ...valid, topic: "", durationMinutes: "60", location: "", onlineUrl: "" });
    expect(Object.keys(errors).sort()).toEqual(["hours", "location", "topic"]);
  });

  it("lists the date and hours problems with a field that fails outright, like places that are not a whole number", () => {
    const errors = errorsFor({
      ...valid,
      topic: "QA1",
      date: "2026-11-09",
      durationMinutes: "60",
      "hours.advocacy": "2",
      "hours.ethical-responsibility": "",
      location: "Room",
      capacity: "1.5",
    });
    expect(errors).toEqual({
      capacity: ["Enter the number of places as a whole number, such as 12"],
      date: ["A session can be entered at most 7 days after it took place"],
      hours: ["The hours add up to 2, but the session lasts only 60 minutes"],
    });
    expect(errorsFor({ ...valid, capacity: "many", time: "", onlineUrl: "http://x.example", location: "" })).toEqual({
      time: ["Enter the start time"],
      onlineUrl: ["Enter a web address that starts with https://"],
      capacity: ["Enter the number of places as a whole number, such as 12"],
    });
  });

  it("reads the length and the places as plain digits only: 1e1, 0x2 and 1_000 are refused, not read as 10, 2 or nothing", () => {
    for (const typed of ["1e1", "0x2", "1_000", "an hour", "90.0"]) {
      expect(errorsFor({ ...valid, durationMinutes: typed }), typed).toEqual({ durationMinutes: ["Enter the length in minutes as a whole number, such as 90"] });
      expect(errorsFor({ ...valid, capacity: typed }), typed).toEqual({ capacity: ["Enter the number of places as a whole number, such as 12"] });
    }
    expect(scheduleSessionSchema(NOW).parse({ ...valid, durationMinutes: " 120 ", capacity: " 12 " })).toMatchObject({ durationMinutes: 120, capacity: 12 });
  });

  it("asks for the length when it is left blank, without comparing the hours to no length", () => {
    for (const durationMinutes of ["", " ", undefined]) {
      expect(errorsFor({ ...valid, durationMinutes }), String(durationMinutes)).toEqual({ durationMinutes: ["Enter the length in minutes"] });
    }
    expect(errorsFor({ ...valid, durationMinutes: "", "hours.advocacy": "", "hours.ethical-responsibility": "" })).toEqual({
      durationMinutes: ["Enter the length in minutes"],
      hours: ["Give the hours credited in at least one domain"],
    });
  });
});

describe("entering attendance", () => {
  const parse = (form: Record<string, string | undefined>) => attendanceSchema(90).safeParse(form);

  it("reads present, absent and partial with minutes", () => {
    expect(parse({ attendance: "PRESENT", minutesAttended: "30" }).data).toEqual({ attendance: "PRESENT", minutesAttended: null });
    expect(parse({ attendance: "ABSENT" }).data).toEqual({ attendance: "ABSENT", minutesAttended: null });
    expect(parse({ attendance: "PARTIAL", minutesAttended: "45" }).data).toEqual({ attendance: "PARTIAL", minutesAttended: 45 });
  });

  it("needs 1 to duration-1 whole minutes for partial attendance", () => {
    for (const minutes of ["", "0", "90", "120", "12.5", "abc", undefined]) {
      expect(parse({ attendance: "PARTIAL", minutesAttended: minutes }).success, String(minutes)).toBe(false);
    }
    expect(parse({ attendance: "PARTIAL", minutesAttended: "89" }).success).toBe(true);
    expect(parse({ attendance: "PARTIAL", minutesAttended: "" }).error?.issues[0]?.message).toBe("Enter the minutes attended, from 1 to 89");
    for (const minutes of ["1e1", "0x2", "12.5"]) {
      expect(parse({ attendance: "PARTIAL", minutesAttended: minutes }).error?.issues[0]?.message, minutes).toBe("Enter the minutes attended as a whole number, such as 45");
    }
  });

  it("refuses anything else", () => {
    expect(parse({ attendance: "LATE" }).error?.issues[0]?.message).toBe("Choose present, partly present or absent");
    expect(parse({}).success).toBe(false);
  });

  it("tells an unchanged mark from a changed one", () => {
    expect(sameAttendance({ attendance: "PRESENT", minutesAttended: null }, { attendance: "PRESENT", minutesAttended: null })).toBe(true);
    expect(sameAttendance({ attendance: "PARTIAL", minutesAttended: 30 }, { attendance: "PARTIAL", minutesAttended: 30 })).toBe(true);
    expect(sameAttendance({ attendance: "PARTIAL", minutesAttended: 31 }, { attendance: "PARTIAL", minutesAttended: 30 })).toBe(false);
    expect(sameAttendance({ attendance: "ABSENT", minutesAttended: null }, { attendance: null, minutesAttended: null })).toBe(false);
  });
});

describe("creditFor", () => {
  const domains = [
    { domain: "advocacy" as const, hours: 1.5 },
    { domain: "ethical-responsibility" as const, hours: 0.25 },
  ];

  it("credits every domain in full for full attendance", () => {
    expect(creditFor(domains, 120, "PRESENT", null)).toEqual([
      { domain: "advocacy", minutes: 90 },
      { domain: "ethical-responsibility", minutes: 15 },
    ]);
  });

  it("prorates partial attendance by minutes attended over the session's length, rounded down", () => {
    // 50 of 120 minutes: 90 * 50/120 = 37.5 -> 37; 15 * 50/120 = 6.25 -> 6.
    expect(creditFor(domains, 120, "PARTIAL", 50)).toEqual([
      { domain: "advocacy", minutes: 37 },
      { domain: "ethical-responsibility", minutes: 6 },
    ]);
    expect(creditFor(domains, 120, "PARTIAL", 60)).toEqual([
      { domain: "advocacy", minutes: 45 },
      { domain: "ethical-responsibility", minutes: 7 },
    ]);
  });

  it("leaves out domains that come to no whole minute, and credits nothing for absence", () => {
    expect(creditFor(domains, 120, "PARTIAL", 1)).toEqual([]);
    expect(creditFor(domains, 120, "PARTIAL", 2)).toEqual([{ domain: "advocacy", minutes: 1 }]);
    expect(creditFor(domains, 120, "ABSENT", null)).toEqual([]);
  });

  it("never credits more than the minutes attended", () => {
    const whole = [{ domain: "advocacy" as const, hours: 2 }];
    for (let attended = 1; attended < 120; attended++) {
      const [credit] = creditFor(whole, 120, "PARTIAL", attended);
      expect(credit?.minutes ?? 0).toBeLessThanOrEqual(attended);
    }
  });
});

describe("registration, cancellation and attendance windows", () => {
  const session = { startsAt: new Date("2026-11-27T10:00:00Z"), capacity: 2 };

  it("lets a trainee register while places are left and the session has not started", () => {
    expect(registrationProblem(session, 1, false, NOW)).toBeNull();
    expect(registrationProblem({ ...session, capacity: null }, 400, false, NOW)).toBeNull();
    expect(registrationProblem(session, 2, false, NOW)).toMatch(/full/);
    expect(registrationProblem(session, 0, true, NOW)).toMatch(/already registered/);
    expect(registrationProblem(session, 0, false, session.startsAt)).toMatch(/already started/);
  });

  it("counts places left, with no limit as null", () => {
    expect(placesLeft(2, 1)).toBe(1);
    expect(placesLeft(2, 3)).toBe(0);
    expect(placesLeft(null, 3)).toBeNull();
  });

  it("allows cancelling only before the start", () => {
    expect(cancellationProblem(session, true, NOW)).toBeNull();
    expect(cancellationProblem(session, false, NOW)).toMatch(/not registered/);
    expect(cancellationProblem(session, true, new Date("2026-11-27T10:05:00Z"))).toMatch(/Ask the instructor/);
  });

  it("allows recording attendance from the start, and says when that is", () => {
    expect(attendanceProblem(session, NOW)).toBe("Attendance can be recorded once the session has started, at 2026-11-27 10:00 UTC.");
    expect(attendanceProblem(session, session.startsAt)).toBeNull();
  });

  it("describes outcomes in words", () => {
    expect(formatSessionTime(new Date("2026-01-05T09:05:00Z"))).toBe("2026-01-05 09:05 UTC");
    expect(attendanceLabel({ attendance: "PARTIAL", minutesAttended: 45 }, 90)).toBe("Partly present (45 of 90 minutes)");
    expect(attendanceLabel({ attendance: null, minutesAttended: null }, 90)).toBe("Not recorded yet");
  });
});

describe("editing a session", () => {
  const scheduled = scheduleSessionSchema(NOW).parse(valid);
  const editErrors = (form: Record<string, string>, places: { capacity: number | null; registered: number }) => {
    const result = scheduleSessionSchema(NOW, places).safeParse(form);
    return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
  };

  it("fills the form with the session as stored, which reads back as the same session", () => {
    const values = sessionFormValues(scheduled);
    expect(values).toMatchObject({ date: "2026-12-03", time: "14:30", durationMinutes: "120", "hours.advocacy": "0.5", "hours.mentoring-education": "", capacity: "12" });
    expect(scheduleSessionSchema(NOW).parse(values)).toEqual(scheduled);
    expect(sessionFormValues({ ...scheduled, capacity: null, location: null, onlineUrl: "https://meet.example.org/x" })).toMatchObject({
      capacity: "",
      location: "",
      onlineUrl: "https://meet.example.org/x",
    });
  });

  it("refuses lowering the places below the trainees already registered, beside the other problems", () => {
    expect(placesProblem(5, { capacity: 12, registered: 5 })).toBeNull();
    expect(placesProblem(null, { capacity: 12, registered: 30 })).toBeNull();
    expect(placesProblem(4, { capacity: 12, registered: 5 })).toBe(
      "5 trainees are already registered: offer at least 5 places, or leave it empty for no limit",
    );
    expect(placesProblem(4, { capacity: null, registered: 5 })).toMatch(/offer at least 5 places/);
    // The instructor added trainees beyond the places: keeping or raising them is not lowering.
    expect(placesProblem(3, { capacity: 3, registered: 5 })).toBeNull();
    expect(placesProblem(4, { capacity: 3, registered: 5 })).toBeNull();
    expect(editErrors({ ...valid, capacity: "3", durationMinutes: "5" }, { capacity: 12, registered: 4 })).toEqual({
      capacity: "4 trainees are already registered: offer at least 4 places, or leave it empty for no limit",
      durationMinutes: "A session lasts at least 15 minutes",
    });
    expect(editErrors({ ...valid, capacity: "4" }, { capacity: 12, registered: 4 })).toEqual({});
  });

  it("never lets an edit move a session into the past, where it would count as started at once", () => {
    const places = { capacity: 12, registered: 1 };
    expect(editErrors({ ...valid, date: "2026-11-25", time: "10:00" }, places)).toEqual({
      date: "A session can only be moved to a time still to come. To enter one that took place, schedule it.",
    });
    expect(editErrors({ ...valid, date: "2026-11-26", time: "12:00" }, places)).toHaveProperty("date");
    expect(editErrors({ ...valid, date: "2026-11-26", time: "12:15" }, places)).toEqual({});
  });

  it("names what an edit changes, with the values before and after", () => {
    expect(sessionChanges(scheduled, { ...scheduled })).toEqual([]);
    // Domains stored in another order are the same hours.
    expect(sessionChanges(scheduled, { ...scheduled, domains: [...scheduled.domains].reverse() })).toEqual([]);
    const later = scheduleSessionSchema(NOW).parse({ ...valid, time: "16:00", capacity: "" });
    expect(sessionChanges(scheduled, later)).toEqual([
      { field: "startsAt", label: "date and time", from: "2026-12-03T14:30:00.000Z", to: "2026-12-03T16:00:00.000Z" },
      { field: "capacity", label: "places", from: 12, to: null },
    ]);
  });

  it("allows changes only before the start, and never to a cancelled session", () => {
    const upcoming = { startsAt: new Date("2026-11-27T10:00:00Z"), cancelledAt: null };
    expect(editProblem(upcoming, NOW)).toBeNull();
    expect(editProblem(upcoming, upcoming.startsAt)).toBe("This session started at 2026-11-27 10:00 UTC, so its details can no longer be changed.");
    expect(editProblem({ ...upcoming, attendanceRecordedAt: NOW }, NOW)).toMatch(/can no longer be changed/);
    expect(editProblem({ ...upcoming, cancelledAt: NOW }, NOW)).toBe("This session is cancelled, and a cancelled session cannot be changed.");
  });
});

describe("cancelling a session", () => {
  const upcoming = { startsAt: new Date("2026-11-27T10:00:00Z"), capacity: 10, cancelledAt: null };
  const cancelled = { ...upcoming, cancelledAt: NOW };

  it("needs a reason and a tick that it is final", () => {
    expect(cancelSessionSchema.parse({ reason: "  The room flooded.  ", confirm: "yes" })).toEqual({ reason: "The room flooded.", confirm: "yes" });
    const problems = cancelSessionSchema.safeParse({ reason: " ", confirm: undefined }).error?.issues.map((issue) => [issue.path[0], issue.message]);
    expect(problems).toEqual([
      ["reason", "Give the reason for cancelling in a few words; registered trainees will see it"],
      ["confirm", "Tick the box to confirm that cancelling is final and cannot be undone"],
    ]);
  });

  it("is possible once, before the start", () => {
    expect(sessionCancellationProblem(upcoming, NOW)).toBeNull();
    expect(sessionCancellationProblem(cancelled, NOW)).toBe("This session is already cancelled.");
    expect(sessionCancellationProblem(upcoming, upcoming.startsAt)).toMatch(/^This session started at 2026-11-27 10:00 UTC, so it can no longer be cancelled/);
  });

  it("closes registration, the trainee's own cancellation and attendance", () => {
    expect(registrationProblem(cancelled, 0, false, NOW)).toBe("The instructor cancelled this session, so it takes no registrations.");
    expect(cancellationProblem(cancelled, true, NOW)).toMatch(/cancelled this session/);
    expect(attendanceProblem(cancelled, new Date("2026-11-28T10:00:00Z"))).toBe(
      "This session is cancelled, so no attendance can be recorded and it credits no hours.",
    );
    expect(cancelledLabel("The room flooded.")).toBe("Cancelled by the instructor: The room flooded.");
  });
});
