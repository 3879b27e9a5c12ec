// Credential applications: the trainee's side (start, give evidence, submit, answer a request) and
// the live eligibility verdict both sides see. The board's decisions are in application-review.server.ts.
import type { Prisma } from "~/generated/prisma/client";
import { EDITABLE_STATUSES, OPEN_STATUSES, decidedByLine, submissionCheck, type ApplicationStatus } from "~/domain/applications";
import { renewalOpen } from "~/domain/credentials";
import { evaluateEligibility, type EligibilityVerdict } from "~/domain/eligibility";
import type { Requirement } from "~/domain/requirements";
import { currentPeriodStart, evaluateRenewal, type RenewalVerdict } from "~/domain/renewal";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { storeDocument, type Certificate } from "./documents.server";
import { evidenceOf, examResultsFor } from "./evidence.server";
import { ledgerForEligibility } from "./ledger.server";
import { requirementsInForce } from "./requirements-in-force.server";

/** A refusal the trainee or reviewer can act on: shown on the page with a 4xx status, nothing changed. */
export class ApplicationProblem extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 = 409,
    readonly reasons: string[] = [],
  ) {
    super(message);
  }
}

const applicationInclude = {
  credentialType: { select: { id: true, code: true, name: true, jurisdiction: { select: { id: true, code: true, name: true } } } },
  renewsCredential: { select: { id: true, number: true, issuedOn: true, expiresOn: true, state: true } },
  issuedCredential: { select: { number: true } },
  documents: { select: { kind: true, createdAt: true, document: { select: { id: true, filename: true, mimeType: true, sizeBytes: true } } }, orderBy: { createdAt: "asc" } },
  messages: { select: { id: true, kind: true, body: true, createdAt: true, author: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
  trainee: { select: { id: true, name: true, email: true } },
  decidedBy: { select: { name: true } },
} satisfies Prisma.CredentialApplicationInclude;

export type ApplicationWithContext = Prisma.CredentialApplicationGetPayload<{ include: typeof applicationInclude }>;

/** The board's decision on an application, for the status line: none until approved or denied. */
export function decisionOf(application: ApplicationWithContext, reader: "board" | "trainee") {
  if (!application.decidedAt || (application.status !== "APPROVED" && application.status !== "DENIED")) return null;
  return { on: application.decidedAt.toISOString(), by: decidedByLine(application.decidedBy, application.credentialType.jurisdiction.name, reader) };
}

export function findApplication(id: string) {
  return prisma.credentialApplication.findUnique({ where: { id }, include: applicationInclude });
}

export function applicationsOfTrainee(traineeId: string) {
  return prisma.credentialApplication.findMany({
    where: { traineeId },
    select: {
      id: true,
      kind: true,
      status: true,
      submittedAt: true,
      updatedAt: true,
      credentialType: { select: { name: true, jurisdiction: { select: { name: true } } } },
      issuedCredential: { select: { number: true } },
      renewsCredential: { select: { number: true } },
    },
    orderBy: { createdAt: "desc" },
  });
}

/** Credentials a trainee may apply for: every credential type with a requirement in force, their goals first. */
export async function credentialTypesOpenForApplication(traineeId: string) {
  const requirements = await requirementsInForce();
  const [types, goals] = await Promise.all([
    prisma.credentialType.findMany({
      where: { id: { in: [...requirements.keys()] } },
      select: { id: true, name: true, jurisdiction: { select: { name: true } } },
      orderBy: [{ jurisdiction: { name: "asc" } }, { name: "asc" }],
    }),
    prisma.traineeGoal.findMany({ where: { traineeId }, select: { credentialTypeId: true } }),
  ]);
  const goalIds = new Set(goals.map((goal) => goal.credentialTypeId));
  return [...types.filter((type) => goalIds.has(type.id)), ...types.filter((type) => !goalIds.has(type.id))];
}

/** Starts an application, or returns the trainee's open one for the same credential. */
export async function startApplication(traineeId: string, credentialTypeId: string) {
  const requirements = await requirementsInForce([credentialTypeId]);
  if (!requirements.has(credentialTypeId)) throw new ApplicationProblem("Choose a credential from the list.", 400);
  const open = await prisma.credentialApplication.findFirst({
    where: { traineeId, credentialTypeId, kind: "INITIAL", status: { in: [...OPEN_STATUSES] } },
    select: { id: true },
  });
  if (open) return open;
  const held = await prisma.credential.findFirst({ where: { holderId: traineeId, credentialTypeId, state: { not: "REVOKED" }, expiresOn: { gte: new Date() } }, select: { number: true } });
  if (held) throw new ApplicationProblem(`You already hold this credential (${held.number}). Renew it from its page instead.`);
  return prisma.$transaction(async (tx) => {
    const application = await tx.credentialApplication.create({ data: { traineeId, credentialTypeId }, select: { id: true } });
    await recordAudit(tx, { actorId: traineeId, action: "application.started", subjectType: "CredentialApplication", subjectId: application.id });
    return application;
  });
}

/** Starts the renewal of a credential the trainee holds, or returns the open renewal. */
export async function startRenewal(holderId: string, credentialNumber: string, asOf = new Date()) {
  const credential = await prisma.credential.findUnique({ where: { number: credentialNumber }, select: { id: true, holderId: true, credentialTypeId: true, state: true, expiresOn: true } });
  if (!credential || credential.holderId !== holderId) throw new ApplicationProblem("You hold no credential with that number.", 404);
  const open = await prisma.credentialApplication.findFirst({
    where: { renewsCredentialId: credential.id, status: { in: [...OPEN_STATUSES] } },
    select: { id: true },
  });
  if (open) return open;
  if (!renewalOpen(credential, asOf)) throw new ApplicationProblem("Renewal is open only for an active credential in the 90 days before it expires.");
  return prisma.$transaction(async (tx) => {
    const application = await tx.credentialApplication.create({
      data: { traineeId: holderId, credentialTypeId: credential.credentialTypeId, kind: "RENEWAL", renewsCredentialId: credential.id },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: holderId, action: "application.renewal-started", subjectType: "CredentialApplication", subjectId: application.id });
    return application;
  });
}

// ---------------------------------------------------------------------------------------------
// The verdict: what the application proves, judged by the requirement in force.

export type ApplicationVerdict =
  | { kind: "INITIAL"; requirement: Requirement; requirementVersion: number; verdict: EligibilityVerdict }
  | { kind: "RENEWAL"; requirement: Requirement; requirementVersion: number; renewal: RenewalVerdict };

/** The requirement in force for the application's credential; 409 while the board has published none. */
export async function requirementInForce(credentialTypeId: string, tx?: Prisma.TransactionClient) {
  const inForce = (await requirementsInForce([credentialTypeId], tx)).get(credentialTypeId);
  // Thrown as a response: loaders and actions alike answer it with the sentence.
  if (!inForce) throw new Response("This credential has no requirements in force; the board must publish them first.", { status: 409 });
  return inForce;
}

/** The verdict as of now, against the requirement version in force (read inside `tx` when given). */
export async function liveVerdict(application: ApplicationWithContext, asOf = new Date(), tx?: Prisma.TransactionClient): Promise<ApplicationVerdict> {
  const inForce = await requirementInForce(application.credentialTypeId, tx);
  const ledger = await ledgerForEligibility(application.traineeId, tx);
  if (application.kind === "RENEWAL" && application.renewsCredential) {
    const renewal = inForce.requirement.renewal;
    const periodStart = renewal ? currentPeriodStart(application.renewsCredential.expiresOn, renewal.periodMonths) : application.renewsCredential.issuedOn;
    return {
      kind: "RENEWAL",
      requirement: inForce.requirement,
      requirementVersion: inForce.version,
      renewal: evaluateRenewal({ renewal, ledger, periodStart, asOf }),
    };
  }
  const evidence = evidenceOf(application, asOf);
  const exam = (await examResultsFor([application.traineeId], tx))(application.traineeId, inForce.requirement, evidence.documentKinds);
  return {
    kind: "INITIAL",
    requirement: inForce.requirement,
    requirementVersion: inForce.version,
    verdict: evaluateEligibility({ requirement: inForce.requirement, ledger, evidence, exam, asOf }),
  };
}

/** Why the application cannot be submitted now, or ok. */
export function checkSubmission(application: ApplicationWithContext, verdict: ApplicationVerdict) {
  const status = application.status as ApplicationStatus;
  if (verdict.kind === "RENEWAL") {
    const reasons: string[] = [];
    if (!EDITABLE_STATUSES.includes(status)) return { ok: false as const, reasons: ["This application has already been submitted."] };
    if (!application.attestedCodeOfEthicsAt) reasons.push("Sign the code-of-ethics attestation.");
    reasons.push(...verdict.renewal.unmet);
    return reasons.length ? { ok: false as const, reasons } : { ok: true as const };
  }
  return submissionCheck({
    status,
    attested: application.attestedCodeOfEthicsAt !== null,
    provisional: application.provisional,
    verdict: verdict.verdict,
    requirement: verdict.requirement,
  });
}

// ---------------------------------------------------------------------------------------------
// The trainee's changes. Each is refused unless the application is theirs and still editable.

async function editable(applicationId: string, traineeId: string) {
  const application = await findApplication(applicationId);
  if (!application || application.traineeId !== traineeId) throw new ApplicationProblem("There is no such application of yours.", 404);
  if (!EDITABLE_STATUSES.includes(application.status as ApplicationStatus)) {
    throw new ApplicationProblem("This application has been submitted; you can change it only if the board asks for more information.");
  }
  return application;
}

export async function saveEvidence(
  applicationId: string,
  traineeId: string,
  evidence: { recoveryStartedOn: string | null; lettersOfRecommendation: number; attest: boolean; provisional: boolean },
  asOf = new Date(),
) {
  const application = await editable(applicationId, traineeId);
  if (evidence.recoveryStartedOn && new Date(evidence.recoveryStartedOn).getTime() > asOf.getTime()) {
    throw new ApplicationProblem("The date your recovery began cannot be in the future.", 400);
  }
  await prisma.$transaction(async (tx) => {
    await tx.credentialApplication.update({
      where: { id: application.id },
      data: {
        recoveryStartedOn: evidence.recoveryStartedOn ? new Date(evidence.recoveryStartedOn) : null,
        lettersOfRecommendation: evidence.lettersOfRecommendation,
        // Keep the first signature's time while it stays signed.
        attestedCodeOfEthicsAt: evidence.attest ? (application.attestedCodeOfEthicsAt ?? asOf) : null,
        provisional: evidence.provisional,
      },
    });
    await recordAudit(tx, {
      actorId: traineeId,
      action: "application.evidence-saved",
      subjectType: "CredentialApplication",
      subjectId: application.id,
      details: { ...evidence },
    });
  });
}

export async function attachDocument(applicationId: string, traineeId: string, kind: string, certificate: Certificate) {
  const application = await editable(applicationId, traineeId);
  await prisma.$transaction(async (tx) => {
    const document = await storeDocument(tx, traineeId, kind, certificate);
    await tx.applicationDocument.create({ data: { applicationId: application.id, documentId: document.id, kind } });
    await recordAudit(tx, {
      actorId: traineeId,
      action: "application.document-attached",
      subjectType: "CredentialApplication",
      subjectId: application.id,
      details: { documentId: document.id, kind, filename: certificate.filename },
    });
  });
}

export async function detachDocument(applicationId: string, traineeId: string, documentId: string) {
  const application = await editable(applicationId, traineeId);
  const removed = await prisma.applicationDocument.deleteMany({ where: { applicationId: application.id, documentId } });
  if (!removed.count) throw new ApplicationProblem("That document is not attached to this application.", 404);
  await recordAudit(prisma, { actorId: traineeId, action: "application.document-detached", subjectType: "CredentialApplication", subjectId: application.id, details: { documentId } });
}

/**
 * Submits (or, after a request for more information, resubmits with the trainee's answer). The
 * verdict is checked again here, never trusted from the page, and kept as a snapshot.
 */
export async function submitApplication(applicationId: string, traineeId: string, answer: string | null, asOf = new Date()) {
  const application = await editable(applicationId, traineeId);
  const verdict = await liveVerdict(application, asOf);
  const check = checkSubmission(application, verdict);
  if (!check.ok) throw new ApplicationProblem("This application cannot be submitted yet.", 400, check.reasons);
  const answering = application.status === "MORE_INFO_REQUESTED";
  if (answering && !answer) throw new ApplicationProblem("Answer the board's request before you resubmit.", 400);
  await prisma.$transaction(async (tx) => {
    const moved = await tx.credentialApplication.updateMany({
      where: { id: application.id, status: application.status },
      data: {
        status: "SUBMITTED",
        submittedAt: asOf,
        requirementVersion: verdict.requirementVersion,
        verdictAtSubmission: JSON.parse(JSON.stringify(verdict.kind === "INITIAL" ? verdict.verdict : verdict.renewal)),
      },
    });
    if (!moved.count) throw new ApplicationProblem("This application changed while you were editing it. Reload the page.");
    if (answering) await tx.applicationMessage.create({ data: { applicationId: application.id, authorId: traineeId, kind: "response", body: answer! } });
    await recordAudit(tx, {
      actorId: traineeId,
      action: answering ? "application.resubmitted" : "application.submitted",
      subjectType: "CredentialApplication",
      subjectId: application.id,
      details: { requirementVersion: verdict.requirementVersion },
    });
  });
}

export async function withdrawApplication(applicationId: string, traineeId: string) {
  const application = await findApplication(applicationId);
  if (!application || application.traineeId !== traineeId) throw new ApplicationProblem("There is no such application of yours.", 404);
  const moved = await prisma.credentialApplication.updateMany({
    where: { id: application.id, status: { in: [...OPEN_STATUSES] } },
    data: { status: "WITHDRAWN" },
  });
  if (!moved.count) throw new ApplicationProblem("Only an open application can be withdrawn.");
  await recordAudit(prisma, { actorId: traineeId, action: "application.withdrawn", subjectType: "CredentialApplication", subjectId: application.id });
}
