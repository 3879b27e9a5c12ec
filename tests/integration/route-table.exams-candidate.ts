import { COURSE_DOMAIN_KEYS, type CourseDomainKey } from "~/domain/course-domains";
import { syncContent } from "~/models/content.server";
import { attemptForCandidate, startAttempt } from "~/models/exam-attempt.server";
import { prisma } from "~/utils/db.server";
import type { ProtectedRoute, RouteSetupContext } from "./route-types";

// Filled by setup(); the action builders below run after it.
const ids = { itemVersionId: "", optionId: "" };

export const EXAM_CODE = "icrc-pr";

/** IC&RC PR's training minimums by course domain: 46 hours in all. */
export const PR_TRAINING_HOURS: Record<CourseDomainKey, number> = {
  advocacy: 10,
  "mentoring-education": 10,
  "recovery-wellness-support": 10,
  "ethical-responsibility": 16,
};

/** Approved training hours in the trainee's ledger, one entry per domain, dated a year before `asOf`. */
export async function grantTrainingHours(traineeId: string, hours: Partial<Record<CourseDomainKey, number>> = PR_TRAINING_HOURS, asOf = new Date()) {
  const occurredOn = new Date(asOf.getTime() - 365 * 24 * 60 * 60 * 1000);
  for (const domain of COURSE_DOMAIN_KEYS) {
    const domainHours = hours[domain];
    if (!domainHours) continue;
    await prisma.ledgerEntry.create({
      data: {
        traineeId,
        kind: "TRAINING",
        status: "APPROVED",
        source: "LOGGED",
        courseDomain: domain,
        minutes: domainHours * 60,
        occurredOn,
        description: `Test training in ${domain}`,
      },
    });
  }
}

export const PROTECTED: ProtectedRoute[] = [
  { file: "exams._index.tsx", path: "/exams", roles: ["TRAINEE"] },
  // Posting resumes the trainee's attempt in progress and opens its first question.
  { file: "exams.$code.tsx", path: "/exams/:code", roles: ["TRAINEE"], action: () => ({}), actionStatus: 302 },
  {
    file: "attempts.$attemptId.$position.tsx",
    path: "/attempts/:attemptId/:position",
    roles: ["TRAINEE"],
    action: () => ({ itemVersionId: ids.itemVersionId, selected: ids.optionId, intent: "next" }),
    actionStatus: 302,
  },
  {
    file: "attempts.$attemptId.all.tsx",
    path: "/attempts/:attemptId/all",
    roles: ["TRAINEE"],
    action: () => ({ [`selected.${ids.itemVersionId}`]: ids.optionId }),
    actionStatus: 302,
  },
  {
    file: "attempts.$attemptId.answer.tsx",
    path: "/attempts/:attemptId/answer",
    roles: ["TRAINEE"],
    loaderOpen: true,
    action: () => ({ itemVersionId: ids.itemVersionId, selected: ids.optionId, intent: "answer" }),
  },
  // The submit action is left out here on purpose: run for the trainee it would submit the one attempt
  // the other rows need in progress. Its 403 for other roles, 404 for another trainee and redirect
  // for a signed-out visitor are checked in exam-attempts.test.ts.
  { file: "attempts.$attemptId.submit.tsx", path: "/attempts/:attemptId/submit", roles: ["TRAINEE"] },
  // An attempt in progress has no result yet: its candidate is sent back to the questions.
  { file: "attempts.$attemptId.result.tsx", path: "/attempts/:attemptId/result", roles: ["TRAINEE"], allowedStatus: 302 },
];

/** The real exam, and an attempt in progress for the test trainee, who has completed the training it needs. */
export async function setup({ userIds }: RouteSetupContext) {
  await syncContent();
  await grantTrainingHours(userIds.TRAINEE);
  const { attemptId } = await startAttempt(userIds.TRAINEE, EXAM_CODE);
  const first = (await attemptForCandidate(attemptId, userIds.TRAINEE)).form[0]!;
  ids.itemVersionId = first.itemVersionId;
  ids.optionId = first.optionOrder[0]!;
  return { attemptId, code: EXAM_CODE, position: "1" };
}
