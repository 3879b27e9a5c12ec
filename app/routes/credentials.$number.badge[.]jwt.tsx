import type { LoaderFunctionArgs } from "@remix-run/node";
import { signedBadge } from "~/models/credential-badge.server";
import { requireCredentialAccess } from "~/models/credential-access.server";

/** The credential's signed Open Badges 3.0 badge as a compact VC-JWT, for its holder and its board. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { credential } = await requireCredentialAccess(request, params.number);
  const { jwt } = await signedBadge(credential.number);
  return new Response(jwt, {
    headers: {
      "Content-Type": "application/jwt",
      "Content-Disposition": `attachment; filename="${credential.number}-badge.jwt"`,
      "Cache-Control": "private, no-store",
    },
  });
}
