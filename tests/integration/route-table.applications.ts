import { prisma } from "~/utils/db.server";
import type { ProtectedRoute, RouteSetupContext } from "./route-types";

const ids = { credentialTypeId: "" };

export const PROTECTED: ProtectedRoute[] = [
  {
    file: "applications._index.tsx",
    path: "/applications",
    roles: ["TRAINEE"],
    // Starting returns the trainee's open application for the credential, so repeating it is harmless.
    action: () => ({ intent: "start", credentialTypeId: ids.credentialTypeId }),
    actionStatus: 302,
  },
  {
    file: "applications.$applicationId.tsx",
    path: "/applications/:applicationId",
    roles: ["TRAINEE"],
    // The one application is with the board, so its trainee's change is refused (409) and nothing moves.
    action: () => ({ intent: "save-evidence", recoveryStartedOn: "", lettersOfRecommendation: "0", attest: "on" }),
    actionStatus: 409,
  },
  { file: "board.applications._index.tsx", path: "/board/applications", roles: ["BOARD_MEMBER"] },
  {
    file: "board.applications.$applicationId.tsx",
    path: "/board/applications/:applicationId",
    roles: ["BOARD_MEMBER"],
    action: () => ({ intent: "start-review" }),
  },
];

/** A credential of the test board's jurisdiction with a requirement in force, and the trainee's submitted application. */
export async function setup({ jurisdictionId, userIds }: RouteSetupContext) {
  const credentialType = await prisma.credentialType.upsert({
    where: { jurisdictionId_code: { jurisdictionId, code: "APPL" } },
    create: { jurisdictionId, code: "APPL", name: "Route probe credential", authority: "test", summary: "test" },
    update: {},
  });
  ids.credentialTypeId = credentialType.id;
  await prisma.requirementVersion.upsert({
    where: { credentialTypeId_version: { credentialTypeId: credentialType.id, version: 1 } },
    create: {
      credentialTypeId: credentialType.id,
      version: 1,
      requirement: {
        jurisdictionCode: "TESTJ",
        credentialCode: "APPL",
        version: 1,
        source: "route table",
        training: { totalHours: 10, domains: [] },
        crosswalk: { advocacy: null, "mentoring-education": null, "recovery-wellness-support": null, "ethical-responsibility": null },
        experience: { hours: 0, supervisedHours: 0 },
        exam: { required: false, name: "none", examId: null },
        evidence: [],
        renewal: { periodMonths: 24, continuingEducation: { totalHours: 10, categories: [] } },
        provisional: null,
        reviewerChecks: [],
      },
    },
    update: {},
  });
  const submitted = await prisma.credentialApplication.create({
    data: { traineeId: userIds.TRAINEE, credentialTypeId: credentialType.id, status: "SUBMITTED", submittedAt: new Date(), attestedCodeOfEthicsAt: new Date() },
  });
  return { applicationId: submitted.id };
}
