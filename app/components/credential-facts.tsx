import { CREDENTIAL_STATUS_LABELS, EXPIRY_HEADINGS, type CredentialStatus } from "~/domain/credentials";

/** A credential's status and dates at a glance, for its holder's page and its board's page. */
export function CredentialFacts({ status, issuedOn, expiresOn, expiry }: { status: CredentialStatus; issuedOn: string; expiresOn: string; expiry: string }) {
  return (
    <dl className="stats">
      <div>
        <dt>Status</dt>
        <dd>
          <span className={status === "active" ? "status ok" : "status"}>{CREDENTIAL_STATUS_LABELS[status]}</span>
        </dd>
      </div>
      <div>
        <dt>Issued</dt>
        <dd>{issuedOn}</dd>
      </div>
      <div>
        <dt>{EXPIRY_HEADINGS[status]}</dt>
        <dd>{expiresOn}</dd>
      </div>
      <div>
        <dt>Time to expiry</dt>
        <dd>{status === "suspended" || status === "revoked" ? "Not valid now" : expiry}</dd>
      </div>
    </dl>
  );
}
