import { claimExternalTraining, logPracticeHours } from "~/models/practice-hours.server";
import { prisma } from "~/utils/db.server";
import type { ProtectedRoute, RouteSetupContext } from "./route-types";

// /supervisor is listed in route-table.foundation.ts (SUPERVISOR only); its queue is tested in hours.test.ts.

const PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const pdf = (name: string) => new File([PDF], name, { type: "application/pdf" });
const daysAgo = (days: number) => new Date(`${new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)}T00:00:00Z`);

// Filled by setup(): the probes below post valid forms that only the allowed role gets to carry out.
const ids = { supervisorId: "", claimToApprove: "" };

export const PROTECTED: ProtectedRoute[] = [
  {
    file: "hours._index.tsx",
    path: "/hours",
    roles: ["TRAINEE"],
    action: () => ({
      intent: "log",
      kind: "EXPERIENCE",
      occurredOn: daysAgo(2).toISOString().slice(0, 10),
      hours: "1",
      setting: "Route table probe",
      description: "Probing who may log hours",
      supervisorId: ids.supervisorId,
    }),
  },
  { file: "hours.$entryId.tsx", path: "/hours/:entryId", roles: ["TRAINEE", "SUPERVISOR", "BOARD_MEMBER", "ADMIN"] },
  {
    file: "board.external-training.tsx",
    path: "/board/external-training",
    roles: ["BOARD_MEMBER"],
    action: () => ({ entryId: ids.claimToApprove, decision: "approve", comment: "" }),
  },
  { file: "documents.$documentId.tsx", path: "/documents/:documentId", roles: ["TRAINEE", "BOARD_MEMBER", "ADMIN"] },
];

/** An entry of the test trainee naming the test supervisor, and a certificate claimed for the test board. */
export async function setup({ userIds, jurisdictionId }: RouteSetupContext) {
  const trainee = { id: userIds.TRAINEE, grants: [{ role: "TRAINEE" as const, jurisdictionId: null }] };
  ids.supervisorId = userIds.SUPERVISOR;
  const { entry } = await logPracticeHours(trainee, {
    kind: "SUPERVISED",
    occurredOn: daysAgo(3),
    hours: 2,
    setting: "Route table centre",
    description: "Co-facilitated a group",
    supervisorId: userIds.SUPERVISOR,
  });
  const claim = (description: string) =>
    claimExternalTraining(
      trainee,
      { occurredOn: daysAgo(10), hours: 3, courseDomain: "advocacy", provider: "Elsewhere Institute", description, jurisdictionId },
      pdf("certificate.pdf"),
    );
  const { entry: claimed } = await claim("Advocacy basics");
  ids.claimToApprove = (await claim("Advocacy, part two")).entry.id;
  const { documentId } = await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: claimed.id }, select: { documentId: true } });
  return { entryId: entry.id, documentId: documentId! };
}
