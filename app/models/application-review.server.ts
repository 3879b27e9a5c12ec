// The board's side of applications: the queue, the full evidence behind one application, and the
// decisions. Approval issues (or renews) the credential in the same transaction as the decision, so
// an approved application always has its credential and approving twice issues nothing twice.
import type { Prisma } from "~/generated/prisma/client";
import { decisionNotice } from "~/domain/application-notices";
import { approvalProblems, reviewTransition, type ApplicationStatus, type QueueStatus, type ReviewAction } from "~/domain/applications";
import { formatCredentialNumber, issueDates, numberSequenceKey, renewedExpiry, credentialStatus } from "~/domain/credentials";
import type { Requirement } from "~/domain/requirements";
import { can, type RoleGrant } from "~/domain/roles";
import { prisma } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";
import { longDate } from "~/utils/long-date";
import { foldedSearch } from "~/utils/search-fold.server";
import { ApplicationProblem, findApplication, liveVerdict } from "./application.server";
import { recordAudit } from "./audit.server";
import { lockTraineeEvidence } from "./ledger.server";
import { sendMail, writeNotice } from "./mail.server";
import { requirementsInForce } from "./requirements-in-force.server";

type Tx = Prisma.TransactionClient;

export type QueueQuery = {
  credentialTypeIds: readonly string[];
  /** The statuses listed: drafts and withdrawn applications are never the board's business. */
  statuses: readonly QueueStatus[];
  /** Part of the trainee's name or email, as typed: any case, with or without accents, `%` and `_` literal. */
  search?: string;
};

/** One page of the queue, oldest submission first (first come, first served); drafts never show. */
export async function applicationQueue(query: QueueQuery, page: { skip: number; take: number }) {
  const where: Prisma.CredentialApplicationWhereInput = {
    credentialTypeId: { in: [...query.credentialTypeIds] },
    status: { in: [...query.statuses] },
    ...(query.search ? { trainee: { searchText: { contains: await foldedSearch(query.search) } } } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.credentialApplication.count({ where }),
    prisma.credentialApplication.findMany({
      where,
      select: {
        id: true,
        kind: true,
        status: true,
        provisional: true,
        submittedAt: true,
        trainee: { select: { name: true, email: true } },
        credentialType: { select: { name: true, jurisdiction: { select: { name: true } } } },
      },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      skip: page.skip,
      take: page.take,
    }),
  ]);
  return { total, rows };
}

/** The credential types whose applications the user may review: their own jurisdictions'. */
export async function reviewScope(grants: readonly RoleGrant[]) {
  const credentialTypes = await prisma.credentialType.findMany({
    select: { id: true, name: true, jurisdiction: { select: { id: true, name: true } } },
    orderBy: [{ jurisdiction: { name: "asc" } }, { name: "asc" }],
  });
  return credentialTypes.filter((type) => can(grants, "review:applications:own-jurisdiction", { jurisdictionId: type.jurisdiction.id }));
}

/** Everything behind an application: ledger entries with their history, documents, exam attempts. */
export async function applicationEvidence(traineeId: string) {
  const [entries, attempts] = await Promise.all([
    prisma.ledgerEntry.findMany({
      where: { traineeId },
      select: {
        id: true,
        kind: true,
        status: true,
        source: true,
        courseDomain: true,
        ceCategory: true,
        minutes: true,
        occurredOn: true,
        description: true,
        documentId: true,
        events: { select: { id: true, action: true, comment: true, createdAt: true, actor: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
      },
      orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }],
    }),
    prisma.examAttempt.findMany({
      where: { candidateId: traineeId, status: "SUBMITTED" },
      select: { id: true, submittedAt: true, submittedBy: true, rawScore: true, maxScore: true, scaledScore: true, passed: true, exam: { select: { name: true, code: true } } },
      orderBy: { submittedAt: "asc" },
    }),
  ]);
  return { entries, attempts };
}

/**
 * A named counter's next value. The upsert takes the counter's row lock until the transaction ends,
 * so concurrent approvals queue on it and no value is handed out twice.
 */
export async function nextCounterValue(tx: Tx, key: string): Promise<number> {
  const rows = await tx.$queryRaw<{ value: number }[]>`
    INSERT INTO "Counter" ("key", "value") VALUES (${key}, 1)
    ON CONFLICT ("key") DO UPDATE SET "value" = "Counter"."value" + 1
    RETURNING "value"`;
  return rows[0]!.value;
}

/** The credential's validity: a provisional stage lasts its own months; otherwise the renewal period. */
function validityMonths(requirement: Requirement, provisional: boolean): number {
  if (provisional && requirement.provisional) return requirement.provisional.durationMonths;
  if (!requirement.renewal) {
    throw new ApplicationProblem("This credential has no renewal period in its requirements, so no expiry date can be set. Add one on the requirements page, then approve.");
  }
  return requirement.renewal.periodMonths;
}

export const OWN_APPLICATION = "This is your own application: another board member of the jurisdiction must decide it.";

/**
 * A board member's decision. The status moves only from where the rule allows (a conditional update:
 * two reviewers approving at once issue one credential), and every step goes to the audit trail.
 */
export async function reviewApplication(input: {
  applicationId: string;
  reviewerId: string;
  action: ReviewAction;
  reason: string | null;
  asOf?: Date;
}) {
  const asOf = input.asOf ?? new Date();
  const application = await findApplication(input.applicationId);
  if (!application || application.status === "DRAFT") throw new ApplicationProblem("There is no such application.", 404);
  // A board member who is also a trainee never decides their own case, whatever their grants.
  if (application.traineeId === input.reviewerId) throw new ApplicationProblem(OWN_APPLICATION, 403);
  const transition = reviewTransition(application.status as ApplicationStatus, input.action);
  if (!transition.ok) throw new ApplicationProblem(transition.message);
  if ((input.action === "deny" || input.action === "request-info") && !input.reason) {
    throw new ApplicationProblem("Give a reason the trainee can act on.", 400);
  }
  const requirement = (await requirementsInForce([application.credentialTypeId])).get(application.credentialTypeId)?.requirement;
  if (!requirement) throw new ApplicationProblem("This credential has no requirements in force.");

  return prisma.$transaction(async (tx) => {
    // The requirement the credential is issued under: on approval, the very version the evidence was checked against.
    let issuedUnder = requirement;
    if (input.action === "approve") {
      // Checked with the trainee's evidence held still (voids wait), so what is checked is what is issued on.
      await lockTraineeEvidence(tx, application.traineeId);
      const live = await liveVerdict(application, asOf, tx);
      const unmet = approvalProblems(live.kind === "RENEWAL" ? { kind: "RENEWAL", unmet: live.renewal.unmet } : { kind: "INITIAL", provisional: application.provisional, verdict: live.verdict });
      if (unmet.length) {
        throw new ApplicationProblem(
          `Not approved: today the ${application.kind === "RENEWAL" ? "renewal" : "application"} does not meet every requirement in force. Missing: ${unmet.join("; ")}. Ask for more information or deny it.`,
          409,
          unmet,
        );
      }
      issuedUnder = live.requirement;
    }
    const moved = await tx.credentialApplication.updateMany({
      where: { id: application.id, status: application.status },
      data: {
        status: transition.to,
        ...(input.action === "approve" || input.action === "deny"
          ? { decidedAt: asOf, decidedById: input.reviewerId, decisionReason: input.reason }
          : {}),
      },
    });
    if (!moved.count) throw new ApplicationProblem("Someone else decided this application a moment ago. Reload the page to see the decision.");
    if (input.reason) {
      await tx.applicationMessage.create({
        data: { applicationId: application.id, authorId: input.reviewerId, kind: input.action === "request-info" ? "request" : "note", body: input.reason },
      });
    }
    await recordAudit(tx, {
      actorId: input.reviewerId,
      action: `application.${input.action}`,
      subjectType: "CredentialApplication",
      subjectId: application.id,
      details: { from: application.status, to: transition.to, reason: input.reason },
    });
    if (input.action !== "approve") return { credentialNumber: null };
    if (application.kind === "RENEWAL") return renew(tx, application.renewsCredentialId, issuedUnder, input.reviewerId, application.id, asOf);
    return issue(tx, application, issuedUnder, input.reviewerId, asOf);
  });
}

async function issue(
  tx: Tx,
  application: NonNullable<Awaited<ReturnType<typeof findApplication>>>,
  requirement: Requirement,
  reviewerId: string,
  asOf: Date,
) {
  const jurisdiction = application.credentialType.jurisdiction;
  const year = asOf.getUTCFullYear();
  const numberParts = { jurisdictionCode: jurisdiction.code, credentialCode: application.credentialType.code, year };
  const sequence = await nextCounterValue(tx, numberSequenceKey(numberParts));
  const statusListIndex = await nextCounterValue(tx, `status-list:${jurisdiction.id}`);
  const { issuedOn, expiresOn } = issueDates(asOf, validityMonths(requirement, application.provisional));
  const credential = await tx.credential.create({
    data: {
      number: formatCredentialNumber({ ...numberParts, sequence }),
      holderId: application.traineeId,
      holderName: application.trainee.name,
      credentialTypeId: application.credentialTypeId,
      jurisdictionId: jurisdiction.id,
      applicationId: application.id,
      provisional: application.provisional,
      issuedOn,
      expiresOn,
      statusListIndex,
    },
    select: { id: true, number: true },
  });
  await tx.credentialEvent.create({
    data: { credentialId: credential.id, action: "issued", actorId: reviewerId, details: { applicationId: application.id, expiresOn: expiresOn.toISOString().slice(0, 10) } },
  });
  await recordAudit(tx, { actorId: reviewerId, action: "credential.issued", subjectType: "Credential", subjectId: credential.id, details: { number: credential.number } });
  return { credentialNumber: credential.number };
}

async function renew(tx: Tx, credentialId: string | null, requirement: Requirement, reviewerId: string, applicationId: string, asOf: Date) {
  const credential = credentialId ? await tx.credential.findUnique({ where: { id: credentialId } }) : null;
  if (!credential) throw new ApplicationProblem("The credential this renewal is for no longer exists.");
  if (credentialStatus(credential, asOf) !== "active") {
    throw new ApplicationProblem(`The credential is ${credentialStatus(credential, asOf)}; only an active credential can be renewed.`);
  }
  const expiresOn = renewedExpiry(credential.expiresOn, validityMonths(requirement, false));
  const moved = await tx.credential.updateMany({ where: { id: credential.id, expiresOn: credential.expiresOn, state: "ACTIVE" }, data: { expiresOn, provisional: false } });
  if (!moved.count) throw new ApplicationProblem("The credential changed a moment ago. Reload the page.");
  const day = (date: Date) => date.toISOString().slice(0, 10);
  await tx.credentialEvent.create({
    data: { credentialId: credential.id, action: "renewed", actorId: reviewerId, details: { applicationId, from: day(credential.expiresOn), to: day(expiresOn) } },
  });
  await recordAudit(tx, { actorId: reviewerId, action: "credential.renewed", subjectType: "Credential", subjectId: credential.id, details: { expiresOn: day(expiresOn) } });
  return { credentialNumber: credential.number };
}

/**
 * Emails the trainee the board's decision, once it is committed: approved (with the credential), denied
 * or sent back for more information. Each decision is one message (a request for information is keyed
 * by its message, since an application may be sent back more than once). Writing the email never undoes
 * the decision: a failure is logged, and the trainee still sees the decision on the application.
 */
export async function sendDecisionNotice(applicationId: string, action: ReviewAction) {
  await writeNotice(`the decision notice for application ${applicationId}`, async () => {
    const application = await prisma.credentialApplication.findUniqueOrThrow({
      where: { id: applicationId },
      select: {
        kind: true,
        trainee: { select: { name: true, email: true } },
        credentialType: { select: { name: true, jurisdiction: { select: { name: true } } } },
        issuedCredential: { select: { number: true, expiresOn: true } },
        renewsCredential: { select: { number: true, expiresOn: true } },
        messages: { where: { kind: { in: ["request", "note"] } }, select: { id: true, body: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 },
      },
    });
    const credential = application.kind === "RENEWAL" ? application.renewsCredential : application.issuedCredential;
    const message = application.messages[0] ?? null;
    const notice = decisionNotice(action, {
      traineeName: application.trainee.name,
      credentialName: application.credentialType.name,
      jurisdictionName: application.credentialType.jurisdiction.name,
      kind: application.kind,
      reason: action === "approve" ? null : (message?.body ?? null),
      credential: credential ? { number: credential.number, validThrough: longDate(credential.expiresOn) } : null,
      applicationUrl: `${publicUrl()}/applications/${applicationId}`,
      credentialUrl: credential ? `${publicUrl()}/credentials/${credential.number}` : null,
    });
    if (!notice) return;
    const once = action === "request-info" ? `${action}:${message?.id ?? "none"}` : action;
    await sendMail({ dedupeKey: `application-decision:${applicationId}:${once}`, toEmail: application.trainee.email, toName: application.trainee.name, ...notice });
  });
}
