// A credential's printable certificate: one landscape page with who holds what, the number and dates,
// and a QR code that opens the public verification page, so anyone handed a printout can check it is
// still valid (the paper alone cannot say so: a credential expires or is revoked after printing).
// Drawn with the embedded DejaVu Sans like the transcript, so a holder's name prints in Latin, Greek or
// Cyrillic letters as issued; every string goes through `printable` before it is measured or drawn.
import { PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";
import QRCode from "qrcode";
import type { CredentialState } from "~/domain/credentials";
import { publicUrl } from "~/utils/env.server";
import { longDate } from "~/utils/long-date";
import { embedPdfFonts } from "~/utils/pdf-fonts.server";
import { wrapText } from "~/utils/pdf-text";

export type CertificateInput = {
  number: string;
  holderName: string;
  provisional: boolean;
  issuedOn: Date;
  expiresOn: Date;
  state: CredentialState;
  credentialType: { name: string };
  jurisdiction: { name: string };
};

// US Letter, landscape: the jurisdictions PeerPath serves print on it.
const PAGE_WIDTH = 792;
const PAGE_HEIGHT = 612;
const MARGIN = 36;
const INNER = MARGIN + 10;
const TEXT = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);
const ACCENT = rgb(0.12, 0.29, 0.49);
const QR_SIZE = 124;

/** The public page a QR code and a verifier's typed address lead to. */
export const verificationUrl = (number: string) => `${publicUrl()}/verify/${encodeURIComponent(number)}`;

/** A certificate must never vouch for a credential that is not in force; the reason why, or null. */
export function certificateRefusal(credential: { state: CredentialState }): string | null {
  if (credential.state === "REVOKED") {
    return "This credential has been revoked, so no certificate can be produced for it. Its public verification page shows its status.";
  }
  if (credential.state === "SUSPENDED") {
    return "This credential is suspended, so no certificate can be produced for it until the board reinstates it.";
  }
  return null;
}

type TextStyle = { font: PDFFont; size: number; color?: RGB };

/** Centred lines across the page, the first one's top at `top`; returns the bottom of the last line. */
function centred(page: PDFPage, text: string, top: number, { font, size, color = TEXT }: TextStyle, width = PAGE_WIDTH - 2 * INNER - 40) {
  let baseline = top - size;
  for (const line of wrapText(text, font, size, width)) {
    page.drawText(line, { x: (PAGE_WIDTH - font.widthOfTextAtSize(line, size)) / 2, y: baseline, size, font, color });
    baseline -= size * 1.2;
  }
  return baseline + size * 1.2 - size * 0.3;
}

export async function certificatePdf(credential: CertificateInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const credentialName = credential.credentialType.name;
  doc.setTitle(`Certificate ${credential.number}: ${credentialName}`);
  doc.setSubject(`${credentialName} held by ${credential.holderName}, credential number ${credential.number}`);
  doc.setAuthor(credential.jurisdiction.name);
  doc.setCreator("PeerPath");
  doc.setKeywords([credential.number, "credential", "certificate"]);

  const { regular: font, bold, printable } = await embedPdfFonts(doc);
  const url = verificationUrl(credential.number);
  const qr = await doc.embedPng(await QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 360 }));

  const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  const centre = (text: string, top: number, style: TextStyle) => centred(page, printable(text), top, style);
  page.drawRectangle({ x: MARGIN, y: MARGIN, width: PAGE_WIDTH - 2 * MARGIN, height: PAGE_HEIGHT - 2 * MARGIN, borderColor: ACCENT, borderWidth: 3 });
  page.drawRectangle({ x: INNER, y: INNER, width: PAGE_WIDTH - 2 * INNER, height: PAGE_HEIGHT - 2 * INNER, borderColor: ACCENT, borderWidth: 0.75 });

  let y = PAGE_HEIGHT - INNER - 40;
  y = centre(credential.jurisdiction.name, y, { font: bold, size: 18, color: ACCENT });
  y = centre("Certificate of credential", y - 8, { font, size: 13, color: MUTED });
  y = centre("This certifies that", y - 22, { font, size: 13 });
  y = centre(credential.holderName, y - 14, { font: bold, size: 32 });
  y = centre("holds the credential", y - 14, { font, size: 13 });
  y = centre(credentialName, y - 14, { font: bold, size: 24, color: ACCENT });
  if (credential.provisional) {
    centre(
      "Provisional credential: issued for the provisional stage. The holder completes the remaining requirements during it.",
      y - 18,
      { font: bold, size: 11, color: MUTED },
    );
  }

  // The facts a verifier reads off: bottom left. The QR code and the address it encodes: bottom right.
  const facts: [string, string][] = [
    ["Credential number", credential.number],
    ["Issued", longDate(credential.issuedOn)],
    ["Valid through", longDate(credential.expiresOn)],
  ];
  let factY = INNER + 36 + (facts.length - 1) * 32;
  for (const [label, value] of facts) {
    page.drawText(printable(label), { x: INNER + 30, y: factY + 14, size: 9, font, color: MUTED });
    page.drawText(printable(value), { x: INNER + 30, y: factY, size: 13, font: bold, color: TEXT });
    factY -= 32;
  }

  const qrX = PAGE_WIDTH - INNER - 30 - QR_SIZE;
  const qrY = INNER + 58;
  page.drawImage(qr, { x: qrX, y: qrY, width: QR_SIZE, height: QR_SIZE });
  const urlWidth = 280;
  const urlRight = PAGE_WIDTH - INNER - 20;
  let urlY = qrY - 12;
  const prompt = "Check this credential is still valid at";
  page.drawText(prompt, { x: urlRight - font.widthOfTextAtSize(prompt, 8), y: urlY, size: 8, font, color: MUTED });
  for (const line of wrapText(printable(url), font, 8, urlWidth)) {
    urlY -= 10;
    page.drawText(line, { x: urlRight - font.widthOfTextAtSize(line, 8), y: urlY, size: 8, font, color: TEXT });
  }

  return doc.save();
}
