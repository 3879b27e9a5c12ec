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
  await createLedgerEntry(
    prisma,
    {
      traineeId: holderId,
      kind: "TRAINING",
      status: "APPROVED",
      source: "LOGGED",
      minutes: 30 * 60,
      occurredOn: new Date(issuedAt.getTime() - 60 * DAY),
      description: "Kentucky-approved adult peer support specialist training, 30 hours",
    },
    boardMemberId,
  );
  const application = await startApplication(holderId, credentialType.id);
  await attachDocument(application.id, holderId, EXTERNAL_EXAM_RESULT, await readCertificate(await examResultLetter()));
  await saveEvidence(application.id, holderId, { recoveryStartedOn: null, lettersOfRecommendation: 0, attest: true, provisional: false }, issuedAt);
  await submitApplication(application.id, holderId, null, issuedAt);
  await reviewApplication({ applicationId: application.id, reviewerId: boardMemberId, action: "approve", reason: null, asOf: issuedAt });
}
