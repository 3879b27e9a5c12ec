// Where a trainee stands toward each credential they pursue: the requirement version in force, the
// ledger, and the eligibility verdict. Used by the trainee's progress page, the transcript and the
// board's standing report, so all three always agree.
import { evaluateEligibility, type EligibilityVerdict } from "~/domain/eligibility";
import type { Requirement } from "~/domain/requirements";
import { prisma } from "~/utils/db.server";
import { ledgerSummaries } from "./ledger-summary.server";
import { can, type RoleGrant } from "~/domain/roles";
import {
  matchesStatus,
  standingReportRow,
  type StandingReportRow,
  type StandingStatus,
  type TranscriptEntry,
} from "~/domain/transcript";
import { forbidden, notFound } from "~/utils/permissions.server";
import { asRequirement } from "./requirement.server";
import { evidenceFor } from "./evidence.server";
import { goalCredentialTypeIds } from "./goals.server";
import { requirementsInForce, type RequirementInForce } from "./requirements-in-force.server";

export type CredentialStanding = {
  credentialTypeId: string;
  credentialName: string;
  jurisdictionName: string;
  jurisdictionId: string;
  requirementVersion: number;
  requirement: Requirement;
  verdict: EligibilityVerdict;
};


/** The newest requirement version of each credential type, keyed by credential type id. */
export async function currentRequirements(credentialTypeIds?: string[]) {
  const rows = await prisma.requirementVersion.findMany({
    where: credentialTypeIds ? { credentialTypeId: { in: credentialTypeIds } } : {},
    distinct: ["credentialTypeId"],
    orderBy: [{ credentialTypeId: "asc" }, { version: "desc" }],
    include: { credentialType: { select: { name: true, jurisdiction: { select: { id: true, name: true } } } } },
  });
  return new Map(rows.map((row) => [row.credentialTypeId, { ...row, requirement: asRequirement(row.requirement) }]));
}

/** The trainee's standing toward each of their goals (or the credential types given). */
export async function standingsFor(traineeId: string, credentialTypeIds?: string[], asOf = new Date()): Promise<CredentialStanding[]> {
  const ids = credentialTypeIds ?? (await goalCredentialTypeIds(traineeId));
  if (!ids.length) return [];
  const [requirements, ledgers, record] = await Promise.all([requirementsInForce(ids), ledgerSummaries([traineeId], asOf), evidenceFor([traineeId], ids, asOf)]);
  const ledger = ledgers.get(traineeId)!;
  return ids.flatMap((id) => {
    const row = requirements.get(id);
    if (!row) return [];
    const evidence = record.evidence(traineeId, id);
    return [
      {
        credentialTypeId: id,
        credentialName: row.credentialType.name,
        jurisdictionName: row.credentialType.jurisdiction.name,
        jurisdictionId: row.credentialType.jurisdiction.id,
        requirementVersion: row.version,
        requirement: row.requirement,
        verdict: evaluateEligibility({ requirement: row.requirement, ledger, evidence, exam: record.exam(traineeId, row.requirement, evidence.documentKinds), asOf }),
      },
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// The transcript and the board's standing report.

/** Everything a trainee's transcript shows: who, every ledger entry, and the standing toward each goal. */
export async function transcriptFor(traineeId: string, asOf = new Date()) {
  const [trainee, entries, standings] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: traineeId }, select: { name: true, email: true } }),
    prisma.ledgerEntry.findMany({
      where: { traineeId },
      select: { occurredOn: true, kind: true, source: true, courseDomain: true, minutes: true, status: true, description: true },
      orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
    standingsFor(traineeId, undefined, asOf),
  ]);
  return { trainee, entries: entries satisfies TranscriptEntry[], standings, asOf };
}

export type GoalStanding = CredentialStanding & { traineeId: string };

/**
 * Standings for many (trainee, credential) pairs with two queries however many pairs: one for the
 * requirements in force (skipped when the caller passes them) and one for all the trainees' ledgers,
 * summarised by the database (models/ledger-summary.server.ts).
 * Pairs whose credential has no requirement yet are left out; the rest keep their order.
 */
export async function standingsForGoals(
  goals: readonly { traineeId: string; credentialTypeId: string }[],
  asOf = new Date(),
  requirements?: ReadonlyMap<string, RequirementInForce>,
): Promise<GoalStanding[]> {
  if (!goals.length) return [];
  const traineeIds = [...new Set(goals.map((goal) => goal.traineeId))];
  const credentialTypeIds = [...new Set(goals.map((goal) => goal.credentialTypeId))];
  const [inForce, ledgers, records] = await Promise.all([
    requirements ?? requirementsInForce(credentialTypeIds),
    ledgerSummaries(traineeIds, asOf),
    evidenceFor(traineeIds, credentialTypeIds, asOf),
  ]);
  return goals.flatMap((goal) => {
    const row = inForce.get(goal.credentialTypeId);
    if (!row) return [];
    const ledger = ledgers.get(goal.traineeId) ?? [];
    const evidence = records.evidence(goal.traineeId, goal.credentialTypeId);
    return [
      {
        traineeId: goal.traineeId,
        credentialTypeId: goal.credentialTypeId,
        credentialName: row.credentialType.name,
        jurisdictionName: row.credentialType.jurisdiction.name,
        jurisdictionId: row.credentialType.jurisdiction.id,
        requirementVersion: row.version,
        requirement: row.requirement,
        verdict: evaluateEligibility({
          requirement: row.requirement,
          ledger,
          evidence,
          exam: records.exam(goal.traineeId, row.requirement, evidence.documentKinds),
          asOf,
        }),
      },
    ];
  });
}

/**
 * The credentials whose standing the user may see (a board member: their jurisdictions'; an
 * administrator: all), decided by the same `can` as every permission. Asking for one credential by
 * id narrows the report to it: 404 if there is no such credential, 403 if it is another jurisdiction's.
 */
export async function standingScope(grants: readonly RoleGrant[], credentialTypeId?: string) {
  const credentialTypes = await prisma.credentialType.findMany({
    select: { id: true, name: true, jurisdiction: { select: { id: true, name: true } } },
    orderBy: [{ jurisdiction: { name: "asc" } }, { name: "asc" }],
  });
  const visible = credentialTypes.filter((credentialType) =>
    can(grants, "view:standing:own-jurisdiction", { jurisdictionId: credentialType.jurisdiction.id }),
  );
  if (credentialTypeId !== undefined) {
    const chosen = credentialTypes.find((credentialType) => credentialType.id === credentialTypeId);
    if (!chosen) throw notFound("We could not find that credential. Choose one from the list.");
    if (!visible.includes(chosen)) throw forbidden("You can see standing only toward your own jurisdiction's credentials.");
  }
  return {
    credentialTypes: visible,
    credentialTypeIds: credentialTypeId !== undefined ? [credentialTypeId] : visible.map((credentialType) => credentialType.id),
  };
}

export type StandingReportQuery = {
  /** The credentials in scope (from standingScope): never wider than the user may see. */
  credentialTypeIds: readonly string[];
  /** Part of the trainee's name or email, any case. */
  search?: string;
  status?: StandingStatus;
};

const STANDING_BATCH = 500;

function standingGoalsWhere(query: StandingReportQuery) {
  return {
    credentialTypeId: { in: [...query.credentialTypeIds] },
    // A credential without a requirement version has nothing to stand against yet.
    credentialType: { requirements: { some: {} } },
    ...(query.search
      ? {
          trainee: {
            OR: [
              { name: { contains: query.search, mode: "insensitive" as const } },
              { email: { contains: query.search, mode: "insensitive" as const } },
            ],
          },
        }
      : {}),
  };
}

/**
 * One slice of the goals in report order (trainee name, email, credential name): written in SQL with
 * inner joins so that PostgreSQL walks the index on the trainee's name and stops after the slice,
 * instead of joining and sorting every goal of the jurisdiction (docs/performance.md has both plans).
 */
async function goalsInReportOrder(query: StandingReportQuery, skip: number, take: number) {
  const search = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return prisma.$queryRaw<{ traineeId: string; credentialTypeId: string; name: string; email: string }[]>`
    SELECT g."traineeId", g."credentialTypeId", u.name, u.email
    FROM "User" u
    JOIN "TraineeGoal" g ON g."traineeId" = u.id
    JOIN "CredentialType" c ON c.id = g."credentialTypeId"
    WHERE g."credentialTypeId" = ANY(${[...query.credentialTypeIds]}::text[])
      AND EXISTS (SELECT 1 FROM "RequirementVersion" r WHERE r."credentialTypeId" = g."credentialTypeId")
      AND (${search}::text IS NULL OR u.name ILIKE ${search} OR u.email ILIKE ${search})
    ORDER BY u.name, u.email, c.name, g.id
    LIMIT ${take} OFFSET ${skip}`;
}

/** One slice of the goals in report order, evaluated with the requirements given: two queries (goals, ledgers). */
async function evaluatedGoals(
  query: StandingReportQuery,
  skip: number,
  take: number,
  asOf: Date,
  requirements: ReadonlyMap<string, RequirementInForce>,
): Promise<{ goalsRead: number; rows: StandingReportRow[] }> {
  const goals = await goalsInReportOrder(query, skip, take);
  const standings = await standingsForGoals(goals, asOf, requirements);
  const trainees = new Map(goals.map((goal) => [goal.traineeId, { id: goal.traineeId, name: goal.name, email: goal.email }]));
  return { goalsRead: goals.length, rows: standings.map((standing) => standingReportRow(trainees.get(standing.traineeId)!, standing)) };
}

/**
 * One page of the board's standing report: a row per trainee and credential they pursue, with the
 * standing computed for that page's trainees only.
 *
 * Eligibility is computed, not stored, so a status filter cannot be answered by the database. With
 * one, every matching goal in scope is evaluated in batches of 500 (two queries a batch) and only
 * the page's rows are kept. The cost grows with the jurisdiction's trainees rather than the page, but
 * memory stays bounded and the answer is exact; storing a verdict instead would go stale whenever
 * hours are decided or a requirement version changes. Without a status filter the database pages.
 */
export async function standingReportPage(
  query: StandingReportQuery,
  page: { skip: number; take: number },
  asOf = new Date(),
): Promise<{ total: number; rows: StandingReportRow[] }> {
  const requirements = await requirementsInForce(query.credentialTypeIds);
  if (!query.status) {
    const [total, { rows }] = await Promise.all([
      prisma.traineeGoal.count({ where: standingGoalsWhere(query) }),
      evaluatedGoals(query, page.skip, page.take, asOf, requirements),
    ]);
    return { total, rows };
  }
  let total = 0;
  const rows: StandingReportRow[] = [];
  for await (const batch of standingReportBatches(query, asOf, requirements)) {
    for (const row of batch) {
      if (total >= page.skip && total < page.skip + page.take) rows.push(row);
      total += 1;
    }
  }
  return { total, rows };
}

/** Every row of the report (the CSV download), read and evaluated 500 goals at a time. */
export async function* standingReportBatches(
  query: StandingReportQuery,
  asOf = new Date(),
  requirements?: ReadonlyMap<string, RequirementInForce>,
): AsyncGenerator<StandingReportRow[]> {
  const inForce = requirements ?? (await requirementsInForce(query.credentialTypeIds));
  for (let skip = 0; ; skip += STANDING_BATCH) {
    const { goalsRead, rows } = await evaluatedGoals(query, skip, STANDING_BATCH, asOf, inForce);
    const matching = rows.filter((row) => matchesStatus(row.eligible, query.status));
    if (matching.length) yield matching;
    if (goalsRead < STANDING_BATCH) return;
  }
}
