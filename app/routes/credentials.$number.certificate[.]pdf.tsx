import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatePdf, certificateRefusal } from "~/models/certificate.server";
import { requireCredentialAccess } from "~/models/credential-access.server";

/** The credential's printable certificate, for its holder and its issuing board; never for one not in force. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { credential } = await requireCredentialAccess(request, params.number);
  const refusal = certificateRefusal(credential);
  if (refusal) throw new Response(refusal, { status: 409, statusText: "Conflict" });
  const pdf = await certificatePdf(credential);
  return new Response(Buffer.from(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      // The number matches CREDENTIAL_NUMBER_PATTERN (letters, digits, hyphens), so it is safe in a header.
      "Content-Disposition": `attachment; filename="certificate-${credential.number}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
