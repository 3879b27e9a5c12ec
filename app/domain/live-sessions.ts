// Live training sessions: what an instructor may schedule, who may still register, how attendance is
// entered and how much training each attendance credits. Pure: callers pass the clock and the rows.
import { z } from "zod";
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS, hoursToMinutes, type CourseDomainKey } from "./course-domains";
import { formHours, formWholeNumber, wholeNumberMessages } from "./form-numbers";

/** A session may be entered up to a week after it took place, so attendance at it can be recorded. */
export const LATE_ENTRY_DAYS = 7;
/** Further ahead than a year is almost always a typo in the year. */
export const SCHEDULE_AHEAD_DAYS = 366;
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 600;
export const MAX_CAPACITY = 500;

const DAY_MS = 24 * 60 * 60 * 1000;

export type SessionDomainHours = { domain: CourseDomainKey; hours: number };
export type AttendanceKind = "PRESENT" | "PARTIAL" | "ABSENT";
export type AttendanceMark = { attendance: AttendanceKind; minutesAttended: number | null };

/** The form field that carries one domain's hours. */
export const hoursField = (domain: CourseDomainKey) => `hours.${domain}` as const;

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);
const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const domainHours = z.preprocess(
  blankToUndefined,
  formHours(
    z
      .number()
      .min(0, "Hours cannot be negative")
      .max(MAX_DURATION_MINUTES / 60, `Hours must be at most ${MAX_DURATION_MINUTES / 60}`)
      .refine((hours) => Number.isInteger(hours * 4), "Use quarter hours (0.25, 0.5, 0.75, ...)"),
  ).optional(),
);

const isHttpsUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0;
  } catch {
    return false;
  }
};

/** "2026-11-27 14:00 UTC": sessions are scheduled and shown in UTC, the same on server and browser. */
export const formatSessionTime = (date: Date) => `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;

/** Each field of the scheduling form on its own; scheduleSessionSchema checks them all, then across. */
const scheduleFields = {
  topic: z.string({ error: "Enter the topic" }).trim().min(3, "Enter a topic of at least 3 characters").max(150, "Keep the topic to 150 characters"),
  description: z.preprocess((value) => value ?? "", z.string().trim().max(2000, "Keep the description to 2000 characters")),
  // A blank field is asked for, not called malformed (one message per field; see pastDay).
  date: z
    .string({ error: "Enter the date" })
    .min(1, { error: "Enter the date", abort: true })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD"),
  time: z
    .string({ error: "Enter the start time" })
    .min(1, { error: "Enter the start time", abort: true })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the start time as HH:MM, like 14:30"),
  durationMinutes: formWholeNumber(
    wholeNumberMessages("the length in minutes", 90),
    z
      .number()
      .min(MIN_DURATION_MINUTES, `A session lasts at least ${MIN_DURATION_MINUTES} minutes`)
      .max(MAX_DURATION_MINUTES, `A session lasts at most ${MAX_DURATION_MINUTES} minutes (10 hours)`),
  ),
  ...(Object.fromEntries(COURSE_DOMAIN_KEYS.map((domain) => [hoursField(domain), domainHours])) as Record<ReturnType<typeof hoursField>, typeof domainHours>),
  location: z.preprocess(blankToNull, z.string().trim().max(200, "Keep the location to 200 characters").nullable().default(null)),
  onlineUrl: z.preprocess(
    blankToNull,
    z.string().trim().max(500, "Keep the link to 500 characters").refine(isHttpsUrl, "Enter a web address that starts with https://").nullable().default(null),
  ),
  // Blank means no limit, so only something typed is read.
  capacity: z.preprocess(
    blankToNull,
    formWholeNumber(
      wholeNumberMessages("the number of places", 12),
      z.number().min(1, "Offer at least 1 place, or leave it empty for no limit").max(MAX_CAPACITY, `At most ${MAX_CAPACITY} places`),
    )
      .nullable()
      .default(null),
  ),
};

type ScheduleFields = { [name in keyof typeof scheduleFields]: z.output<(typeof scheduleFields)[name]> };

/**
 * The scheduling form. The date and time are separate fields, read as UTC. A session may start at
 * most LATE_ENTRY_DAYS ago (entered after the fact) and at most SCHEDULE_AHEAD_DAYS ahead. The hours
 * credited for full attendance cannot exceed the session's length.
 *
 * Every field is checked on its own and the checks across fields run on those that passed, so the
 * instructor sees every problem at once: zod skips an object's refinements once a field has failed.
 */
export const scheduleSessionSchema = (now: Date, editing?: PlacesNow) =>
  z.record(z.string(), z.unknown()).transform((form, context) => {
    const fields: Partial<ScheduleFields> = {};
    for (const [name, schema] of Object.entries(scheduleFields)) {
      const result = schema.safeParse(form[name]);
      if (result.success) Object.assign(fields, { [name]: result.data });
      else for (const issue of result.error.issues) context.addIssue({ code: "custom", path: [name, ...issue.path], message: issue.message });
    }
    const problems = crossFieldProblems(fields, form, now, editing);
    for (const problem of problems) context.addIssue(problem);
    if (Object.keys(fields).length < Object.keys(scheduleFields).length || problems.length) return z.NEVER;
    const valid = fields as ScheduleFields;
    return {
      topic: valid.topic,
      description: valid.description,
      startsAt: startOf(valid.date, valid.time)!,
      durationMinutes: valid.durationMinutes,
      domains: domainsOf(valid),
      location: valid.location,
      onlineUrl: valid.onlineUrl,
      capacity: valid.capacity,
    };
  });

/** The start in UTC, or null when the date does not exist (2026-02-30) or a field is missing. */
function startOf(date: string | undefined, time: string | undefined): Date | null {
  if (date === undefined || time === undefined) return null;
  const startsAt = new Date(`${date}T${time}:00Z`);
  return Number.isNaN(startsAt.getTime()) || startsAt.toISOString().slice(0, 10) !== date ? null : startsAt;
}

function domainsOf(fields: Partial<ScheduleFields>): SessionDomainHours[] {
  return COURSE_DOMAIN_KEYS.flatMap((domain) => {
    const hours = fields[hoursField(domain)];
    return typeof hours === "number" && hours > 0 ? [{ domain, hours }] : [];
  });
}

/** Checks across fields, each only when the fields it reads passed their own checks. */
function crossFieldProblems(fields: Partial<ScheduleFields>, form: Record<string, unknown>, now: Date, editing?: PlacesNow) {
  const problems: { code: "custom"; path: string[]; message: string }[] = [];
  const problem = (path: string, message: string) => problems.push({ code: "custom", path: [path], message });
  if (fields.date !== undefined && !startOf(fields.date, "00:00")) {
    problem("date", "Enter a real date");
  } else {
    const startsAt = startOf(fields.date, fields.time);
    // An edit may not move a session into the past: it would count as started at once, freezing its
    // details and its trainees' places. Entering a past session is what scheduling one is for.
    if (editing && startsAt && startsAt.getTime() <= now.getTime()) {
      problem("date", "A session can only be moved to a time still to come. To enter one that took place, schedule it.");
    } else if (startsAt && startsAt.getTime() < now.getTime() - LATE_ENTRY_DAYS * DAY_MS) {
      problem("date", `A session can be entered at most ${LATE_ENTRY_DAYS} days after it took place`);
    } else if (startsAt && startsAt.getTime() > now.getTime() + SCHEDULE_AHEAD_DAYS * DAY_MS) {
      problem("date", "Schedule sessions at most a year ahead");
    }
  }
  if (COURSE_DOMAIN_KEYS.every((domain) => hoursField(domain) in fields)) {
    const total = totalSessionHours(domainsOf(fields));
    if (total <= 0) problem("hours", "Give the hours credited in at least one domain");
    else if (fields.durationMinutes !== undefined && hoursToMinutes(total) > fields.durationMinutes) {
      problem("hours", `The hours add up to ${total}, but the session lasts only ${fields.durationMinutes} minutes`);
    }
  }
  // What was typed counts here, even a link refused on its own: the instructor gave one.
  if (blankToNull(form.location ?? "") === null && blankToNull(form.onlineUrl ?? "") === null) {
    problem("location", "Give a location, an online link, or both");
  }
  if (editing && fields.capacity !== undefined) {
    const tooFew = placesProblem(fields.capacity, editing);
    if (tooFew) problem("capacity", tooFew);
  }
  return problems;
}

export type ScheduledSession = z.output<ReturnType<typeof scheduleSessionSchema>>;

/** A session's places as they stand when the instructor edits it. */
export type PlacesNow = { capacity: number | null; registered: number };

/**
 * Why the places asked for are too few for the trainees already registered, or null. Lowering the
 * places below the list is what is refused: a list already longer than the places (trainees the
 * instructor added, who are not limited by them) may keep its places, or gain some.
 */
export function placesProblem(capacity: number | null, now: PlacesNow): string | null {
  if (capacity === null || capacity >= now.registered) return null;
  if (now.capacity !== null && capacity >= now.capacity) return null;
  return `${now.registered} trainees are already registered: offer at least ${now.registered} places, or leave it empty for no limit`;
}

/** The scheduling form filled in with a session as stored: what the edit form starts from. */
export function sessionFormValues(session: {
  topic: string;
  description: string;
  startsAt: Date;
  durationMinutes: number;
  domains: readonly SessionDomainHours[];
  location: string | null;
  onlineUrl: string | null;
  capacity: number | null;
}): Record<string, string> {
  const iso = session.startsAt.toISOString();
  const hours = new Map(session.domains.map((entry) => [entry.domain, entry.hours]));
  return {
    topic: session.topic,
    description: session.description,
    date: iso.slice(0, 10),
    time: iso.slice(11, 16),
    durationMinutes: String(session.durationMinutes),
    ...Object.fromEntries(COURSE_DOMAIN_KEYS.map((domain) => [hoursField(domain), hours.has(domain) ? String(hours.get(domain)) : ""])),
    location: session.location ?? "",
    onlineUrl: session.onlineUrl ?? "",
    capacity: session.capacity === null ? "" : String(session.capacity),
  };
}

/** What an edit changes, in the words the confirmation uses, in the form's order. */
const CHANGE_LABELS = {
  topic: "topic",
  description: "description",
  startsAt: "date and time",
  durationMinutes: "length",
  domains: "training hours",
  location: "location",
  onlineUrl: "online link",
  capacity: "places",
} as const satisfies Record<keyof ScheduledSession, string>;

export type SessionChange = { field: keyof ScheduledSession; label: string; from: unknown; to: unknown };

/** The fields an edit changes, each with its value before and after (dates as ISO text, for the audit trail). */
export function sessionChanges(before: ScheduledSession, after: ScheduledSession): SessionChange[] {
  const comparable = (session: ScheduledSession, field: keyof ScheduledSession) => {
    if (field === "startsAt") return session.startsAt.toISOString();
    // Domains in the form's order, however they were stored.
    if (field === "domains") return [...session.domains].sort((a, b) => COURSE_DOMAIN_KEYS.indexOf(a.domain) - COURSE_DOMAIN_KEYS.indexOf(b.domain));
    return session[field];
  };
  return (Object.keys(CHANGE_LABELS) as (keyof ScheduledSession)[]).flatMap((field) => {
    const [from, to] = [comparable(before, field), comparable(after, field)];
    return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ field, label: CHANGE_LABELS[field], from, to }];
  });
}

/** A session the instructor may have cancelled; older callers pass sessions without the field. */
type MaybeCancelled = { startsAt: Date; cancelledAt?: Date | null };

export const isCancelled = (session: { cancelledAt?: Date | null }) => session.cancelledAt != null;

/** How a cancelled session reads to its trainees. */
export const cancelledLabel = (reason: string | null) => `Cancelled by the instructor: ${reason ?? "no reason given"}`;

/** Why the instructor may not change a session's details now, or null when they may. */
export function editProblem(session: MaybeCancelled & { attendanceRecordedAt?: Date | null }, now: Date): string | null {
  if (isCancelled(session)) return "This session is cancelled, and a cancelled session cannot be changed.";
  if (hasStarted(session, now) || session.attendanceRecordedAt) {
    return `This session started at ${formatSessionTime(session.startsAt)}, so its details can no longer be changed.`;
  }
  return null;
}

/** Why the instructor may not cancel a session now, or null when they may. */
export function sessionCancellationProblem(session: MaybeCancelled & { attendanceRecordedAt?: Date | null }, now: Date): string | null {
  if (isCancelled(session)) return "This session is already cancelled.";
  if (hasStarted(session, now) || session.attendanceRecordedAt) {
    return `This session started at ${formatSessionTime(session.startsAt)}, so it can no longer be cancelled. Record attendance instead: absent trainees are credited nothing.`;
  }
  return null;
}

/** The instructor's cancellation: a reason the registered trainees will read, and a tick that it is final. */
export const cancelSessionSchema = z.object({
  reason: z
    .string({ error: "Give the reason for cancelling; registered trainees will see it" })
    .trim()
    .min(5, "Give the reason for cancelling in a few words; registered trainees will see it")
    .max(500, "Keep the reason to 500 characters"),
  confirm: z.literal("yes", { error: "Tick the box to confirm that cancelling is final and cannot be undone" }),
});

const StoredDomainsSchema = z.array(z.object({ domain: z.enum(COURSE_DOMAIN_KEYS), hours: z.number().nonnegative() }));

/** The domains stored on a session (JSON), checked on the way out of the database. */
export const sessionDomains = (stored: unknown): SessionDomainHours[] => StoredDomainsSchema.parse(stored);

export const totalSessionHours = (domains: readonly SessionDomainHours[]) => domains.reduce((sum, entry) => sum + entry.hours, 0);

/** "Advocacy 1 h, Ethical responsibility 0.5 h" */
export const describeDomains = (domains: readonly SessionDomainHours[]) =>
  domains.map((entry) => `${COURSE_DOMAIN_LABELS[entry.domain]} ${entry.hours} h`).join(", ");

/**
 * One trainee's attendance as the instructor enters it. Partial attendance needs the minutes, fewer
 * than the whole session (all of it is "present") and at least one (none is "absent").
 */
export const attendanceSchema = (durationMinutes: number) =>
  z.discriminatedUnion(
    "attendance",
    [
      z.object({ attendance: z.literal("PRESENT") }).transform((): AttendanceMark => ({ attendance: "PRESENT", minutesAttended: null })),
      z.object({ attendance: z.literal("ABSENT") }).transform((): AttendanceMark => ({ attendance: "ABSENT", minutesAttended: null })),
      z
        .object({
          attendance: z.literal("PARTIAL"),
          minutesAttended: formWholeNumber(
            {
              blank: `Enter the minutes attended, from 1 to ${durationMinutes - 1}`,
              notPlain: `Enter the minutes attended as a whole number, such as ${Math.floor(durationMinutes / 2)}`,
            },
            z
              .number()
              .min(1, `Enter the minutes attended, from 1 to ${durationMinutes - 1}`)
              .max(durationMinutes - 1, `Partly present means fewer than the session's ${durationMinutes} minutes; choose present for all of it`),
          ),
        })
        .transform((mark): AttendanceMark => ({ attendance: "PARTIAL", minutesAttended: mark.minutesAttended })),
    ],
    { error: "Choose present, partly present or absent" },
  );

/**
 * Training minutes per domain that an attendance earns. Present: the full hours. Partly present: the
 * same share of each domain's minutes as of the session attended, rounded down to whole minutes (never
 * more than was attended). Absent: nothing. Domains that come to 0 minutes are left out.
 */
export function creditFor(
  domains: readonly SessionDomainHours[],
  durationMinutes: number,
  attendance: AttendanceKind,
  minutesAttended: number | null,
): { domain: CourseDomainKey; minutes: number }[] {
  if (attendance === "ABSENT") return [];
  const share = (minutes: number) => {
    if (attendance === "PRESENT") return minutes;
    const attended = Math.min(Math.max(minutesAttended ?? 0, 0), durationMinutes);
    return Math.floor((minutes * attended) / durationMinutes);
  };
  return domains
    .map((entry) => ({ domain: entry.domain, minutes: share(hoursToMinutes(entry.hours)) }))
    .filter((entry) => entry.minutes > 0);
}

export const sameAttendance = (a: AttendanceMark, b: { attendance: AttendanceKind | null; minutesAttended: number | null }) =>
  a.attendance === b.attendance && (a.attendance !== "PARTIAL" || a.minutesAttended === b.minutesAttended);

export const hasStarted = (session: { startsAt: Date }, now: Date) => session.startsAt.getTime() <= now.getTime();

export const placesLeft = (capacity: number | null, registered: number) => (capacity === null ? null : Math.max(0, capacity - registered));

/** Why a trainee may not register for a session now, or null when they may. */
export function registrationProblem(
  session: MaybeCancelled & { capacity: number | null },
  registered: number,
  alreadyRegistered: boolean,
  now: Date,
): string | null {
  if (isCancelled(session)) return "The instructor cancelled this session, so it takes no registrations.";
  if (alreadyRegistered) return "You are already registered for this session.";
  if (hasStarted(session, now)) return "This session has already started, so registration is closed.";
  if (placesLeft(session.capacity, registered) === 0) return "This session is full. Choose another session or ask the instructor.";
  return null;
}

/** Why a trainee may not cancel their registration now, or null when they may. */
export function cancellationProblem(session: MaybeCancelled, registered: boolean, now: Date): string | null {
  if (isCancelled(session)) return "The instructor cancelled this session, so there is no place to give back.";
  if (!registered) return "You are not registered for this session.";
  if (hasStarted(session, now)) return "This session has already started. Ask the instructor if you could not attend.";
  return null;
}

/** Why attendance cannot be recorded now, or null when it can. */
export function attendanceProblem(session: MaybeCancelled, now: Date): string | null {
  if (isCancelled(session)) return "This session is cancelled, so no attendance can be recorded and it credits no hours.";
  if (hasStarted(session, now)) return null;
  return `Attendance can be recorded once the session has started, at ${formatSessionTime(session.startsAt)}.`;
}

/** The outcome of a registration in words, for trainees and instructors. */
export function attendanceLabel(
  registration: { attendance: AttendanceKind | null; minutesAttended: number | null },
  durationMinutes: number,
): string {
  switch (registration.attendance) {
    case "PRESENT":
      return "Present";
    case "PARTIAL":
      return `Partly present (${registration.minutesAttended} of ${durationMinutes} minutes)`;
    case "ABSENT":
      return "Absent";
    default:
      return "Not recorded yet";
  }
}
