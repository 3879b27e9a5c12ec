import type { LoaderFunctionArgs } from "@remix-run/node";
import { signedBadge } from "~/models/credential-badge.server";
import { requireCredentialAccess } from "~/models/credential-access.server";

/** The credential's Open Badges 3.0 JSON with its JWT proof, for its holder and its board. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { credential } = await requireCredentialAccess(request, params.number);
  const { json } = await signedBadge(credential.number);
  return new Response(JSON.stringify(json, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${credential.number}-badge.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
