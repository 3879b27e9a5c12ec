// The trainees' ledgers summarised for eligibility by PostgreSQL: one group per kind, status, course
// domain and side of `asOf` instead of one row per entry (domain/ledger-summary.ts says why the
// verdict is the same). A trainee with 170 entries reads about 30 groups, and the statement is prepared
// once per connection on the shared pool rather than compiled by Prisma on every request.
import type { LedgerEntry } from "~/domain/eligibility";
import { lastCountedDay, summaryId } from "~/domain/ledger-summary";
import type { CourseDomain } from "~/domain/requirements";
import { databasePool } from "~/utils/db.server";
import { KIND, STATUS } from "./ledger.server";

const LEDGER_SUMMARY = {
  name: "ledger-summary-v2",
  // One row per trainee, the groups as a JSON array of [kind, status, course domain, counted by asOf,
  // minutes, latest day]: the board's status filter reads thousands of trainees, and one JSON.parse a
  // trainee costs far less than a result row a group.
  text: `
    SELECT "traineeId", json_agg(json_build_array(kind, status, "courseDomain", counted, minutes, "lastDay")) AS groups
    FROM (
      SELECT "traineeId", kind, status, "courseDomain", "occurredOn" <= $2::date AS counted, sum(minutes) AS minutes,
             to_char(max("occurredOn"), 'YYYY-MM-DD') AS "lastDay"
      FROM "LedgerEntry"
      WHERE "traineeId" = ANY($1::text[])
      GROUP BY "traineeId", kind, status, "courseDomain", "occurredOn" <= $2::date
    ) summary
    GROUP BY "traineeId"`,
};

type Group = [kind: string, status: string, courseDomain: string | null, counted: boolean, minutes: number, lastDay: string];

/** Each trainee's summarised ledger (an empty one for a trainee without entries), in one query. */
export async function ledgerSummaries(traineeIds: readonly string[], asOf: Date): Promise<Map<string, LedgerEntry[]>> {
  const ledgers = new Map<string, LedgerEntry[]>(traineeIds.map((id) => [id, []]));
  if (!traineeIds.length) return ledgers;
  const { rows } = await databasePool.query<{ traineeId: string; groups: Group[] }>({ ...LEDGER_SUMMARY, values: [traineeIds, lastCountedDay(asOf)] });
  // Few distinct days: each is turned into a Date once.
  const days = new Map<string, Date>();
  for (const row of rows) {
    const ledger = ledgers.get(row.traineeId);
    if (!ledger) continue;
    for (const [rawKind, rawStatus, courseDomain, counted, minutes, lastDay] of row.groups) {
      const kind = KIND[rawKind]!;
      const status = STATUS[rawStatus]!;
      let occurredOn = days.get(lastDay);
      if (!occurredOn) days.set(lastDay, (occurredOn = new Date(`${lastDay}T00:00:00Z`)));
      ledger.push({
        id: summaryId(kind, status, courseDomain, counted),
        kind,
        status,
        hours: minutes / 60,
        courseDomain: courseDomain as CourseDomain | null,
        occurredOn,
      });
    }
  }
  return ledgers;
}
