// Uploaded documents (certificates of training taken elsewhere). Kept in the database so every app
// instance serves them. The type is sniffed from the bytes, never taken from the browser's claim.
import crypto from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import type { Prisma } from "~/generated/prisma/client";
import { CERTIFICATE_UPLOAD, MAX_CERTIFICATE_BYTES, certificateProblem, type UploadSubject } from "~/domain/hour-entries";
import { prisma } from "~/utils/db.server";

type Db = Prisma.TransactionClient | typeof prisma;

export class CertificateRejectedError extends Error {}

export type Certificate = { filename: string; mimeType: string; sizeBytes: number; sha256: string; content: Uint8Array<ArrayBuffer> };

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
function cleanFilename(name: string) {
  const base = name.split(/[/\\]/).pop() ?? "";
  return base.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(0, 200);
}

/**
 * Reads an uploaded certificate, or another document as `subject` names it, and checks it
 * (domain/hour-entries.ts certificateProblem): a PDF, PNG or JPEG of at most 5 MB whose name agrees
 * with its bytes. Throws CertificateRejectedError with a sentence the trainee can act on.
 */
export async function readCertificate(upload: FormDataEntryValue | null, subject: UploadSubject = CERTIFICATE_UPLOAD): Promise<Certificate> {
  if (!(upload instanceof Blob)) throw new CertificateRejectedError(certificateProblem({ filename: "", sizeBytes: 0, sniffedMimeType: null }, subject)!);
  const filename = cleanFilename(upload instanceof File ? upload.name : "");
  // Too large: refuse before reading the bytes.
  const early = upload.size === 0 || upload.size > MAX_CERTIFICATE_BYTES;
  const content = early ? new Uint8Array(0) : new Uint8Array(await upload.arrayBuffer());
  const sniffed = content.length ? await fileTypeFromBuffer(content) : undefined;
  const problem = certificateProblem({ filename, sizeBytes: upload.size, sniffedMimeType: sniffed?.mime ?? null }, subject);
  if (problem || !sniffed) throw new CertificateRejectedError(problem ?? `The ${subject.noun} could not be read. Upload it again.`);
  return {
    filename,
    mimeType: sniffed.mime,
    sizeBytes: content.length,
    sha256: crypto.createHash("sha256").update(content).digest("hex"),
    content,
  };
}

export function storeDocument(db: Db, ownerId: string, kind: string, certificate: Certificate) {
  return db.uploadedDocument.create({
    data: { ownerId, kind, ...certificate },
    select: { id: true, filename: true, mimeType: true, sizeBytes: true, sha256: true },
  });
}

/**
 * Who may see a document: its owner, and the jurisdictions reviewing the entries or credential
 * applications that use it (canViewDocument).
 */
export async function documentAccess(documentId: string) {
  const document = await prisma.uploadedDocument.findUnique({
    where: { id: documentId },
    select: {
      ownerId: true,
      ledgerEntries: { select: { reviewJurisdictionId: true } },
      applications: { select: { application: { select: { credentialType: { select: { jurisdictionId: true } } } } } },
    },
  });
  if (!document) return null;
  return {
    ownerId: document.ownerId,
    reviewJurisdictionIds: [
      ...document.ledgerEntries.map((entry) => entry.reviewJurisdictionId),
      ...document.applications.map((link) => link.application.credentialType.jurisdictionId),
    ],
  };
}

export function documentContent(documentId: string) {
  return prisma.uploadedDocument.findUniqueOrThrow({
    where: { id: documentId },
    select: { filename: true, mimeType: true, sizeBytes: true, content: true },
  });
}
