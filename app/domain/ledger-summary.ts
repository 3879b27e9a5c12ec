// A ledger folded to what evaluateEligibility reads of it: the rule looks at an entry's kind, status,
// course domain, hours and whether it is dated on or before `asOf`, and only ever sums hours. Entries
// alike in those five respects may therefore be added into one without changing any verdict, figure or
// sentence. The progress page and the board's standing report have PostgreSQL do this folding
// (models/ledger-summary.server.ts); this pure version is the specification the tests hold it to.
import type { LedgerEntry } from "./eligibility";

/** Whether the rule counts an entry's date toward `asOf`: dated on or before it. */
export const datedBy = (occurredOn: Date, asOf: Date) => occurredOn.getTime() <= asOf.getTime();

/**
 * The UTC calendar day of `asOf`, as "YYYY-MM-DD": ledger dates are days at UTC midnight, so an entry
 * is dated by `asOf` exactly when its day is on or before this one.
 */
export const lastCountedDay = (asOf: Date) => asOf.toISOString().slice(0, 10);

/**
 * One entry per kind, status, course domain and side of `asOf`, with the group's hours summed and its
 * latest date (which falls on the same side of `asOf` as every date in the group). Hours are added as
 * whole seconds, as the rule adds them.
 */
export function summariseLedger(ledger: readonly LedgerEntry[], asOf: Date): LedgerEntry[] {
  const groups = new Map<string, { entry: LedgerEntry; seconds: number }>();
  for (const entry of ledger) {
    const id = summaryId(entry.kind, entry.status, entry.courseDomain, datedBy(entry.occurredOn, asOf));
    const seconds = Math.round(entry.hours * 3600);
    const group = groups.get(id);
    if (!group) {
      groups.set(id, { entry: { id, kind: entry.kind, status: entry.status, courseDomain: entry.courseDomain, hours: 0, occurredOn: entry.occurredOn }, seconds });
      continue;
    }
    group.seconds += seconds;
    if (entry.occurredOn.getTime() > group.entry.occurredOn.getTime()) group.entry.occurredOn = entry.occurredOn;
  }
  return [...groups.values()].map(({ entry, seconds }) => ({ ...entry, hours: seconds / 3600 }));
}

/** A summary entry's id: its group, e.g. "training:approved:advocacy:counted". */
export function summaryId(kind: LedgerEntry["kind"], status: LedgerEntry["status"], courseDomain: string | null, counted: boolean) {
  return `${kind}:${status}:${courseDomain ?? "-"}:${counted ? "counted" : "later"}`;
}
