import type { LoaderFunctionArgs } from "@remix-run/node";
import { JurisdictionCode } from "~/domain/open-badges";
import { jwksFor } from "~/models/signing-keys.server";
import { notFound } from "~/utils/permissions.server";

/** The jurisdiction's public signing keys (a JWK set): what a verifier checks badge signatures with. */
export async function loader({ params }: LoaderFunctionArgs) {
  const code = JurisdictionCode.safeParse(params.code);
  if (!code.success) throw notFound("There is no jurisdiction with that code.");
  const jwks = await jwksFor(code.data);
  if (!jwks) throw notFound("There is no jurisdiction with that code.");
  return new Response(JSON.stringify(jwks), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // Short: a key appears the first time a jurisdiction signs, and verifiers should see it soon.
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
