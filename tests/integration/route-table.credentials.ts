import type { CredentialState } from "~/domain/credentials";
import { prisma } from "~/utils/db.server";
import type { ProtectedRoute, RouteSetupContext } from "./route-types";

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const daysFromToday = (days: number) => new Date(`${isoDay(new Date(Date.now() + days * 86_400_000))}T00:00:00Z`);

export const PROTECTED: ProtectedRoute[] = [
  // Every signed-in user may hold credentials, so everyone may see the (possibly empty) list.
  { file: "credentials._index.tsx", path: "/credentials", roles: ["TRAINEE", "INSTRUCTOR", "SUPERVISOR", "BOARD_MEMBER", "ADMIN"] },
  {
    // The holder's page: setup() issues the credential to the test trainee, so only TRAINEE is let in
    // (the board manages it on its own page).
    file: "credentials.$number.tsx",
    path: "/credentials/:number",
    roles: ["TRAINEE"],
    action: () => ({
      intent: "log-ce",
      occurredOn: isoDay(daysFromToday(-3)),
      hours: "1.5",
      category: "general",
      description: "Route table probe course",
      provider: "Probe Institute",
    }),
  },
  { file: "board.credentials._index.tsx", path: "/board/credentials", roles: ["BOARD_MEMBER"] },
  {
    file: "board.credentials.$number.tsx",
    path: "/board/credentials/:number",
    roles: ["BOARD_MEMBER"],
    // Reinstating an active credential is refused (409) and changes nothing, so the probe leaves the
    // credential as other areas' routes expect it; everyone else is stopped with 403 before that.
    action: () => ({ intent: "reinstate", reason: "Route table probe" }),
    actionStatus: 409,
  },
];

type TestCredential = {
  holderId: string;
  holderName: string;
  credentialTypeId: string;
  jurisdictionId: string;
  number: string;
  issuedOn: Date;
  expiresOn: Date;
  state?: CredentialState;
};

/**
 * An issued credential with the approved application it came from (Credential.applicationId is
 * required) and its "issued" event. The status-list position comes from the same counter issuing uses,
 * so credentials made here never take a position a real issue will hand out.
 */
export async function issueTestCredential(input: TestCredential) {
  const { holderId, holderName, credentialTypeId, jurisdictionId, number, issuedOn, expiresOn, state = "ACTIVE" } = input;
  const application = await prisma.credentialApplication.create({
    data: { traineeId: holderId, credentialTypeId, status: "APPROVED", submittedAt: issuedOn, decidedAt: issuedOn },
  });
  const [counter] = await prisma.$queryRaw<{ value: number }[]>`
    INSERT INTO "Counter" ("key", "value") VALUES (${`status-list:${jurisdictionId}`}, 1)
    ON CONFLICT ("key") DO UPDATE SET "value" = "Counter"."value" + 1
    RETURNING "value"`;
  return prisma.credential.create({
    data: {
      number,
      holderId,
      holderName,
      credentialTypeId,
      jurisdictionId,
      applicationId: application.id,
      issuedOn,
      expiresOn,
      state,
      stateChangedAt: state === "ACTIVE" ? null : issuedOn,
      statusListIndex: counter!.value,
      events: { create: { action: "issued" } },
    },
  });
}

/**
 * A credential of the test board member's jurisdiction, held by the test trainee. `:number` is one
 * parameter shared by every area's table: this credential suits any route that lets its holder or its
 * board in.
 */
export async function setup({ jurisdictionId, userIds }: RouteSetupContext) {
  const credentialType = await prisma.credentialType.upsert({
    where: { jurisdictionId_code: { jurisdictionId, code: "HOLD" } },
    create: { jurisdictionId, code: "HOLD", name: "Route probe held credential", authority: "test", summary: "test" },
    update: {},
  });
  const holder = await prisma.user.findUniqueOrThrow({ where: { id: userIds.TRAINEE }, select: { name: true } });
  const credential = await issueTestCredential({
    holderId: userIds.TRAINEE,
    holderName: holder.name,
    credentialTypeId: credentialType.id,
    jurisdictionId,
    number: "TESTJ-HOLD-2026-000001",
    issuedOn: daysFromToday(-100),
    expiresOn: daysFromToday(265),
  });
  return { number: credential.number };
}
