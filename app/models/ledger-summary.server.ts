// The trainees' ledgers summarised for eligibility by PostgreSQL: one row per trainee, kind, status,
// course domain and side of `asOf` instead of one per entry (domain/ledger-summary.ts says why the
// verdict is the same). A trainee with 170 entries reads about 30 rows, and the statement is prepared
// once per connection on the shared pool rather than compiled by Prisma on every request.
import type { LedgerEntry } from "~/domain/eligibility";
import { lastCountedDay, summaryId } from "~/domain/ledger-summary";
import type { CourseDomain } from "~/domain/requirements";
import { databasePool } from "~/utils/db.server";
import { KIND, STATUS } from "./ledger.server";

const LEDGER_SUMMARY = {
  name: "ledger-summary-v1",
  text: `
    SELECT "traineeId", kind::text AS kind, status::text AS status, "courseDomain",
           "occurredOn" <= $2::date AS counted, sum(minutes)::float8 AS minutes, to_char(max("occurredOn"), 'YYYY-MM-DD') AS "lastDay"
    FROM "LedgerEntry"
    WHERE "traineeId" = ANY($1::text[])
    GROUP BY "traineeId", kind, status, "courseDomain", "occurredOn" <= $2::date`,
};

type SummaryRow = { traineeId: string; kind: string; status: string; courseDomain: string | null; counted: boolean; minutes: number; lastDay: string };

/** Each trainee's summarised ledger (an empty one for a trainee without entries), in one query. */
export async function ledgerSummaries(traineeIds: readonly string[], asOf: Date): Promise<Map<string, LedgerEntry[]>> {
  const ledgers = new Map<string, LedgerEntry[]>(traineeIds.map((id) => [id, []]));
  if (!traineeIds.length) return ledgers;
  const { rows } = await databasePool.query<SummaryRow>({ ...LEDGER_SUMMARY, values: [traineeIds, lastCountedDay(asOf)] });
  for (const row of rows) {
    const kind = KIND[row.kind]!;
    const status = STATUS[row.status]!;
    ledgers.get(row.traineeId)?.push({
      id: summaryId(kind, status, row.courseDomain, row.counted),
      kind,
      status,
      hours: row.minutes / 60,
      courseDomain: row.courseDomain as CourseDomain | null,
      occurredOn: new Date(`${row.lastDay}T00:00:00Z`),
    });
  }
  return ledgers;
}
