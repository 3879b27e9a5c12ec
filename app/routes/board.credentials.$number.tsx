import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { CredentialFacts } from "~/components/credential-facts";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmCheckbox, CsrfInput, FieldControl, FormError } from "~/components/forms";
import { CREDENTIAL_ACTIONS, applyCredentialAction, type CredentialAction, type CredentialState } from "~/domain/credentials";
import { formatDay } from "~/domain/hour-entries";
import { CREDENTIAL_ACTION_LABELS, credentialActionSchema, credentialEventLabel, expiryInWords } from "~/domain/renewal";
import { CredentialFiles } from "~/components/credential-files";
import { certificateRefusal } from "~/models/certificate.server";
import { CredentialProblem, OWN_CREDENTIAL, boardCredential, changeCredentialState, sendCredentialActionNotice } from "~/models/credential-holding.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm, type FieldErrors } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.credential.number ?? "Credential"} · Board · PeerPath` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:credentials:own-jurisdiction");
  const now = new Date();
  const { credential, status, daysUntilExpiry } = await boardCredential(user, params.number, now);
  const own = credential.holderId === user.id;
  return json({
    credential: {
      number: credential.number,
      holderName: credential.holderName,
      holderAccountName: credential.holder.name,
      holderEmail: credential.holder.email,
      credentialName: credential.credentialType.name,
      jurisdictionName: credential.jurisdiction.name,
      provisional: credential.provisional,
      issuedOn: formatDay(credential.issuedOn),
      expiresOn: formatDay(credential.expiresOn),
      state: credential.state as CredentialState,
      stateReason: credential.stateReason,
      stateChangedOn: credential.stateChangedAt ? formatDay(credential.stateChangedAt) : null,
      applicationId: credential.applicationId,
    },
    status,
    certificateRefusal: certificateRefusal(credential),
    own,
    allowed: own ? [] : CREDENTIAL_ACTIONS.filter((action) => applyCredentialAction(credential, action, now).ok),
    expiry: expiryInWords(daysUntilExpiry),
    events: credential.events.map((event) => ({
      id: event.id,
      action: credentialEventLabel(event.action),
      reason: event.reason,
      on: formatDay(event.createdAt),
      by: event.actor?.name ?? null,
    })),
  });
}

type Reply = { intent: CredentialAction | null; errors: FieldErrors | null; formError: string | null; notice: string | null };

const reply = (data: Partial<Reply>, status = 200) => json<Reply>({ intent: null, errors: null, formError: null, notice: null, ...data }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:credentials:own-jurisdiction");
  const { credential } = await boardCredential(user, params.number);
  const formData = await readForm(request);
  const parsed = parseForm(credentialActionSchema, formData);
  if (!parsed.success) {
    const intent = credentialActionSchema.shape.intent.safeParse(formData.get("intent"));
    return reply({ intent: intent.success ? intent.data : null, errors: parsed.errors, formError: "Nothing was changed. Correct the fields marked below." }, 400);
  }
  const { intent, reason } = parsed.data;
  try {
    const changed = await changeCredentialState(credential.number, user, intent, reason);
    await sendCredentialActionNotice(changed.eventId, intent);
    return reply({ intent, notice: `Credential ${credential.number} ${CREDENTIAL_ACTION_LABELS[intent].done}. The public verification page shows this now.` });
  } catch (error) {
    if (error instanceof CredentialProblem) return reply({ intent, formError: error.message }, error.status);
    throw error;
  }
}

const ACTION_HELP: Record<CredentialAction, string> = {
  suspend: "The credential stops being valid until the board reinstates it. The public verification page shows it as suspended.",
  reinstate: "The credential is valid again (unless it has expired meanwhile). The public verification page shows it as active.",
  revoke:
    "Revocation is final: the credential can never be reinstated or renewed, and the public verification page shows it as revoked for good. To stop it for a while, suspend it instead.",
};

function ActionForm({ action, outcome }: { action: CredentialAction; outcome: Reply | null }) {
  const mine = outcome?.intent === action ? outcome : null;
  const labels = CREDENTIAL_ACTION_LABELS[action];
  const headingId = `${action}-heading`;
  return (
    <section aria-labelledby={headingId} className="panel">
      <h3 id={headingId}>{labels.button}</h3>
      <p>{ACTION_HELP[action]}</p>
      <Form method="post" noValidate aria-labelledby={headingId}>
        <CsrfInput />
        <input type="hidden" name="intent" value={action} />
        {mine?.errors ? <FormError message={mine.formError} /> : null}
        <FieldControl id={`${action}-reason`} label={labels.reasonLabel} hint="Kept in the credential's history and emailed to the holder, never shown on the public verification page." errors={mine?.errors?.reason}>
          {(aria) => <textarea {...aria} name="reason" rows={3} maxLength={1000} required />}
        </FieldControl>
        {action === "revoke" ? (
          <ConfirmCheckbox id="revoke-confirm" label="I understand that revocation is final and cannot be undone." errors={mine?.errors?.confirm} />
        ) : null}
        <SubmitButton>
          {labels.button}
        </SubmitButton>
      </Form>
    </section>
  );
}

export default function BoardCredential() {
  const { credential, status, own, allowed, expiry, events, certificateRefusal: certificateRefusalText } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>() ?? null;
  return (
    <>
      <p>
        <Link to="/board/credentials">Credentials issued</Link>
      </p>
      <h1>
        {credential.credentialName}
        {credential.provisional ? " (provisional)" : ""}: {credential.holderName}
      </h1>
      <p className="lead">
        {credential.jurisdictionName}, credential number <span className="code">{credential.number}</span>
      </p>
      {outcome?.notice ? (
        <div role="status" className="notice">
          <p>{outcome.notice}</p>
        </div>
      ) : null}
      {outcome && !outcome.errors ? <FormError message={outcome.formError} /> : null}

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <CredentialFacts status={status} issuedOn={credential.issuedOn} expiresOn={credential.expiresOn} expiry={expiry} />
        <ul>
          <li>
            Holder: {credential.holderAccountName} (<a href={`mailto:${credential.holderEmail}`}>{credential.holderEmail}</a>)
            {credential.holderAccountName !== credential.holderName ? `, issued in the name ${credential.holderName}` : ""}
          </li>
          {credential.stateReason ? (
            <li>
              Last status change{credential.stateChangedOn ? ` on ${credential.stateChangedOn}` : ""}: {credential.stateReason}
            </li>
          ) : null}
          <li>
            <Link to={`/board/applications/${credential.applicationId}`}>The application this credential was issued on</Link>
          </li>
          <li>
            <a href={`/verify/${credential.number}`}>Public verification page</a>
          </li>
        </ul>
      </section>

      <CredentialFiles number={credential.number} certificateRefusal={certificateRefusalText} verifyNote="as anyone with the number sees it" />

      <section aria-labelledby="manage-heading">
        <h2 id="manage-heading">Change status</h2>
        {own ? (
          <p className="notice">{OWN_CREDENTIAL}</p>
        ) : allowed.length ? (
          allowed.map((action) => <ActionForm key={`${action}-${credential.state}`} action={action} outcome={outcome} />)
        ) : (
          <p>This credential is revoked. A revocation is final, so its status cannot change.</p>
        )}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {events.length ? (
          <ol>
            {events.map((event) => (
              <li key={event.id}>
                {event.on}: {event.action}
                {event.by ? ` by ${event.by}` : ""}
                {event.reason ? `. Reason: ${event.reason}` : ""}
              </li>
            ))}
          </ol>
        ) : (
          <p>No events recorded yet.</p>
        )}
      </section>
    </>
  );
}
