import { describe, expect, it } from "vitest";
import {
  attendanceLabel,
  attendanceProblem,
  attendanceSchema,
  cancellationProblem,
  creditFor,
  formatSessionTime,
  placesLeft,
  registrationProblem,
  sameAttendance,
  scheduleSessionSchema,
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
      capacity: ["Enter the number of places as a whole number"],
      date: ["A session can be entered at most 7 days after it took place"],
      hours: ["The hours add up to 2, but the session lasts only 60 minutes"],
    });
    expect(errorsFor({ ...valid, capacity: "many", time: "", onlineUrl: "http://x.example", location: "" })).toEqual({
      time: ["Enter the start time"],
      onlineUrl: ["Enter a web address that starts with https://"],
      capacity: ["Enter the number of places as a whole number"],
    });
  });

  it("asks for the length when it is left blank, without comparing the hours to no length", () => {
    for (const durationMinutes of ["", " ", undefined, "an hour"]) {
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
