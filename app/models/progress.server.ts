// Where a trainee stands toward each credential they pursue: the requirement version in force, the
// ledger, and the eligibility verdict. Used by the trainee's progress page, the transcript and the
// board's standing report, so all three always agree.
import { evaluateEligibility, type EligibilityVerdict } from "~/domain/eligibility";
import type { Requirement } from "~/domain/requirements";
import { prisma } from "~/utils/db.server";
import { ledgerSummaries } from "./ledger-summary.server";
import type { TranscriptEntry } from "~/domain/transcript";
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

/** The standing toward a credential from its requirement in force and the verdict against it. */
export function credentialStanding(inForce: RequirementInForce, verdict: EligibilityVerdict): CredentialStanding {
  return {
    credentialTypeId: inForce.credentialTypeId,
    credentialName: inForce.credentialType.name,
    jurisdictionName: inForce.credentialType.jurisdiction.name,
    jurisdictionId: inForce.credentialType.jurisdiction.id,
    requirementVersion: inForce.version,
    requirement: inForce.requirement,
    verdict,
  };
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
    return [credentialStanding(row, evaluateEligibility({ requirement: row.requirement, ledger, evidence, exam: record.exam(traineeId, row.requirement, evidence.documentKinds), asOf }))];
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
    const verdict = evaluateEligibility({ requirement: row.requirement, ledger, evidence, exam: records.exam(goal.traineeId, row.requirement, evidence.documentKinds), asOf });
    return [{ traineeId: goal.traineeId, ...credentialStanding(row, verdict) }];
  });
}
