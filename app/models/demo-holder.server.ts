// The demo holder's record: a Kentucky Adult Peer Support Specialist credential issued through the
// real application and review, eleven months ago, so a new installation shows a credential to verify,
// a renewal window that is open and a renewal reminder in the outbox.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { EXTERNAL_EXAM_RESULT } from "~/domain/applications";
import { prisma } from "~/utils/db.server";
import { reviewApplication } from "./application-review.server";
import { attachDocument, saveEvidence, startApplication, submitApplication } from "./application.server";
import { readCertificate } from "./documents.server";
import { createLedgerEntry } from "./ledger.server";

const DAY = 24 * 60 * 60 * 1000;

/** A one-page letter standing in for the state's exam result, so the document is a real PDF. */
async function examResultLetter() {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  page.drawText("Kentucky Adult Peer Support Specialist examination: result", { x: 72, y: 700, size: 14, font });
  page.drawText("Candidate: Hana Holder. Written and oral exam: passed. (Demo document.)", { x: 72, y: 670, size: 11, font });
  return new File([new Uint8Array(await pdf.save())], "ky-exam-result.pdf", { type: "application/pdf" });
}

export async function seedDemoHolderRecord(holderId: string, boardMemberId: string, now = new Date()) {
  if (await prisma.credential.count({ where: { holderId } })) return;
  const credentialType = await prisma.credentialType.findFirst({ where: { code: "APSS", jurisdiction: { code: "KY" } }, select: { id: true } });
  if (!credentialType) return;
  const issuedAt = new Date(now.getTime() - 335 * DAY);
  const trainedAt = new Date(issuedAt.getTime() - 60 * DAY);
  const training = await createLedgerEntry(
    prisma,
    {
      traineeId: holderId,
      kind: "TRAINING",
      status: "APPROVED",
      source: "LOGGED",
      minutes: 30 * 60,
      occurredOn: trainedAt,
      description: "Kentucky-approved adult peer support specialist training, 30 hours",
    },
    boardMemberId,
  );
  const application = await startApplication(holderId, credentialType.id);
  await attachDocument(application.id, holderId, EXTERNAL_EXAM_RESULT, await readCertificate(await examResultLetter()));
  await saveEvidence(application.id, holderId, { recoveryStartedOn: null, lettersOfRecommendation: 0, attest: true, provisional: false }, issuedAt);
  await submitApplication(application.id, holderId, null, issuedAt);
  await reviewApplication({ applicationId: application.id, reviewerId: boardMemberId, action: "approve", reason: null, asOf: issuedAt });
  await backdateHistory({ holderId, boardMemberId, credentialTypeId: credentialType.id, applicationId: application.id, trainingId: training.id, trainedAt, issuedAt });
}

/**
 * The models stamp rows with the time they run, so a record built today for a credential issued
 * eleven months ago would have a history that contradicts it: "Issued" dated today, the training
 * recorded after the application it supported, the requirements it was submitted under dated after the
 * submission. Moves those stamps to the record's own days: the training on the day it was taken, the
 * application and the credential on the day of issue. Demo data only; nothing else calls this.
 */
async function backdateHistory(record: {
  holderId: string;
  boardMemberId: string;
  credentialTypeId: string;
  applicationId: string;
  trainingId: string;
  trainedAt: Date;
  issuedAt: Date;
}) {
  const { trainedAt, issuedAt } = record;
  await prisma.$transaction(async (tx) => {
    await tx.ledgerEntry.update({ where: { id: record.trainingId }, data: { createdAt: trainedAt, updatedAt: trainedAt } });
    await tx.ledgerEntryEvent.updateMany({ where: { entryId: record.trainingId }, data: { createdAt: trainedAt } });
    const application = await tx.credentialApplication.update({
      where: { id: record.applicationId },
      data: { createdAt: issuedAt, updatedAt: issuedAt },
      select: { requirementVersion: true, documents: { select: { documentId: true } }, issuedCredential: { select: { id: true } } },
    });
    const documentIds = application.documents.map((link) => link.documentId);
    await tx.applicationDocument.updateMany({ where: { applicationId: record.applicationId }, data: { createdAt: issuedAt } });
    await tx.uploadedDocument.updateMany({ where: { id: { in: documentIds } }, data: { createdAt: issuedAt } });
    const credentialId = application.issuedCredential!.id;
    await tx.credential.update({ where: { id: credentialId }, data: { createdAt: issuedAt, updatedAt: issuedAt } });
    await tx.credentialEvent.updateMany({ where: { credentialId }, data: { createdAt: issuedAt } });
    await tx.auditEvent.updateMany({ where: { subjectId: record.trainingId }, data: { createdAt: trainedAt } });
    await tx.auditEvent.updateMany({ where: { subjectId: { in: [record.applicationId, credentialId, ...documentIds] } }, data: { createdAt: issuedAt } });
    // The requirements it was submitted under, and any earlier versions, were in force before the
    // training; they keep their order, a day apart.
    const submittedUnder = application.requirementVersion ?? 0;
    const versions = await tx.requirementVersion.findMany({
      where: { credentialTypeId: record.credentialTypeId, version: { lte: submittedUnder }, createdAt: { gt: trainedAt } },
      select: { id: true, version: true },
    });
    for (const version of versions) {
      await tx.requirementVersion.update({ where: { id: version.id }, data: { createdAt: new Date(trainedAt.getTime() - (submittedUnder - version.version + 1) * DAY) } });
    }
    // Both people had accounts before they took part.
    await tx.user.updateMany({ where: { id: { in: [record.holderId, record.boardMemberId] }, createdAt: { gt: trainedAt } }, data: { createdAt: trainedAt } });
  });
}
