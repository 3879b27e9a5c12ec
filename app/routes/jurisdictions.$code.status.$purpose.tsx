import type { LoaderFunctionArgs } from "@remix-run/node";
import { JurisdictionCode, StatusPurposeParam } from "~/domain/open-badges";
import { STATUS_LIST_TTL_SECONDS, signedStatusList } from "~/models/status-list.server";
import { notFound } from "~/utils/permissions.server";

/** The jurisdiction's revocation or suspension list: a signed BitstringStatusListCredential (VC-JWT). */
export async function loader({ params }: LoaderFunctionArgs) {
  const code = JurisdictionCode.safeParse(params.code);
  const purpose = StatusPurposeParam.safeParse(params.purpose);
  if (!purpose.success) throw notFound("A status list is either revocation or suspension.");
  if (!code.success) throw notFound("There is no jurisdiction with that code.");
  const jwt = await signedStatusList(code.data, purpose.data);
  if (!jwt) throw notFound("There is no jurisdiction with that code.");
  return new Response(jwt, {
    headers: {
      "Content-Type": "application/jwt",
      "Cache-Control": `public, max-age=${STATUS_LIST_TTL_SECONDS}`,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
