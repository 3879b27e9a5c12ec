// Dates as people read them on certificates, reminders and the public verification page: "March 5, 2027".
// One formatter for the process: toLocaleDateString builds a new Intl.DateTimeFormat on every call,
// which cost the verification page about a millisecond per request.
const LONG_DATE = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });

/** The calendar day of `date` in UTC, e.g. "March 5, 2027". */
export const longDate = (date: Date) => LONG_DATE.format(date);

/** A "YYYY-MM-DD" day, e.g. "2027-03-05" → "March 5, 2027". */
export const longDay = (day: string) => longDate(new Date(`${day}T00:00:00Z`));

/**
 * A stored time as "2027-03-05 14:30 UTC". In UTC, as stored, so the server's render and the browser's
 * hydration print the same text whatever the reader's time zone; the label says which zone it is.
 */
export const utcDateTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
