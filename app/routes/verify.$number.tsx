import { VerificationError } from "~/components/verification-error";
import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CREDENTIAL_STATUS_LABELS, EXPIRY_HEADINGS, credentialStatus, type CredentialStatus } from "~/domain/credentials";
import { CredentialNumber } from "~/models/credential-access.server";
import { publicCredentialRecord } from "~/models/credential-badge.server";
import { notFound } from "~/utils/permissions.server";
import { longDay } from "~/utils/long-date";
import { enforceVerificationRateLimit } from "~/utils/rate-limit.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Credential ${data.number} · PeerPath` : "Credential not found · PeerPath" },
];

// A refusal over the rate limit keeps its Retry-After on the rendered page too.
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const result = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) result.set("Retry-After", retryAfter);
  return result;
};

const NOT_FOUND = "There is no credential with that number. Check the number on the certificate and try again.";


const STATUS_SENTENCES: Record<CredentialStatus, string> = {
  active: "This credential is active.",
  expired: "This credential has expired.",
  suspended: "This credential is suspended by the issuing board.",
  revoked: "This credential has been revoked by the issuing board.",
};

/** Public: anyone with a credential number sees who holds it, what it is, its status and its dates. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  enforceVerificationRateLimit(context);
  const number = CredentialNumber.safeParse(params.number ?? "");
  if (!number.success) throw notFound(NOT_FOUND);
  const record = await publicCredentialRecord(number.data);
  if (!record) throw notFound(NOT_FOUND);
  const status = credentialStatus({ state: record.state, expiresOn: new Date(`${record.expiresOn}T00:00:00Z`) }, new Date());
  return json({
    number: number.data,
    holderName: record.holderName,
    credentialName: record.credentialName,
    jurisdictionName: record.jurisdictionName,
    provisional: record.provisional,
    status,
    issuedOn: { day: record.issuedOn, label: longDay(record.issuedOn) },
    expiresOn: { day: record.expiresOn, label: longDay(record.expiresOn), heading: EXPIRY_HEADINGS[status] },
  });
}

export default function VerifyCredential() {
  const credential = useLoaderData<typeof loader>();
  const active = credential.status === "active";
  return (
    <>
      <h1>Credential {credential.number}</h1>
      <div role="status" className={active ? "notice" : "notice warn"}>
        <p>
          <strong>{STATUS_SENTENCES[credential.status]}</strong>
        </p>
      </div>
      <dl className="panel">
        <dt>Holder</dt>
        <dd>{credential.holderName}</dd>
        <dt>Credential</dt>
        <dd>{credential.credentialName}</dd>
        <dt>Issued by</dt>
        <dd>{credential.jurisdictionName}</dd>
        <dt>Status</dt>
        <dd>
          <span className={active ? "status ok" : "status"}>{CREDENTIAL_STATUS_LABELS[credential.status]}</span>
        </dd>
        <dt>Provisional</dt>
        <dd>{credential.provisional ? "Yes: a provisional credential, issued before every requirement is complete." : "No"}</dd>
        <dt>Issued on</dt>
        <dd>
          <time dateTime={credential.issuedOn.day}>{credential.issuedOn.label}</time>
        </dd>
        <dt>{credential.expiresOn.heading}</dt>
        <dd>
          <time dateTime={credential.expiresOn.day}>{credential.expiresOn.label}</time>
        </dd>
      </dl>
      <p className="hint">This page shows the issuing board&apos;s record as it is now.</p>
      <p>
        <Link to="/verify">Verify another credential</Link>
      </p>
    </>
  );
}

export { VerificationError as ErrorBoundary };
