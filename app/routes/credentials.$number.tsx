import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { CredentialFacts } from "~/components/credential-facts";
import { CredentialFiles } from "~/components/credential-files";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput, FieldControl, FormError } from "~/components/forms";
import { ScrollingTable } from "~/components/scrolling-table";
import { formatHours, minutesToHours } from "~/domain/course-domains";
import { RENEWAL_WINDOW_DAYS, continuingEducationClosed } from "~/domain/credentials";
import { formatDay } from "~/domain/hour-entries";
import {
  MAX_CE_HOURS_PER_ENTRY,
  ceCategoryLabel,
  ceCategoryOptions,
  continuingEducationSchema,
  credentialEventLabel,
  expiryInWords,
  renewalOpensOn,
} from "~/domain/renewal";
import { certificateRefusal } from "~/models/certificate.server";
import { CredentialProblem, ceContext, heldCredential, logContinuingEducation } from "~/models/credential-holding.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm, type FieldErrors } from "~/utils/forms.server";
import { requireUser } from "~/utils/permissions.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.credential.number ?? "Credential"} · PeerPath` }];

// The holder's own page. The issuing board manages the credential at /board/credentials/:number, and
// anyone can check it at /verify/:number; here only the holder is let in.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const asOf = new Date();
  const held = await heldCredential(user.id, params.number, asOf);
  const { credential, renewal, verdict } = held;
  return json({
    credential: {
      number: credential.number,
      name: credential.credentialType.name,
      authority: credential.credentialType.authority,
      jurisdictionName: credential.jurisdiction.name,
      holderName: credential.holderName,
      provisional: credential.provisional,
      issuedOn: formatDay(credential.issuedOn),
      expiresOn: formatDay(credential.expiresOn),
      stateReason: credential.stateReason,
    },
    certificateRefusal: certificateRefusal(credential),
    status: held.status,
    continuingEducationClosed: continuingEducationClosed(credential, asOf),
    expiry: expiryInWords(held.daysUntilExpiry),
    renewalOpen: held.renewalOpen,
    renewalOpensOn: formatDay(renewalOpensOn(credential.expiresOn)),
    renewable: renewal !== null,
    periodMonths: renewal?.periodMonths ?? null,
    periodStart: formatDay(held.periodStart),
    events: held.events.map((event) => ({
      id: event.id,
      action: credentialEventLabel(event.action),
      reason: event.reason,
      on: formatDay(event.createdAt),
      by: event.actor?.name ?? null,
    })),
    ceEntries: held.ceEntries.map((entry) => ({
      id: entry.id,
      occurredOn: formatDay(entry.occurredOn),
      hours: minutesToHours(entry.minutes),
      category: ceCategoryLabel(renewal, entry.ceCategory),
      description: entry.description,
      provider: entry.provider,
      voided: entry.status === "VOIDED",
      voidedReason: entry.voidedReason,
    })),
    verdict,
    categories: ceCategoryOptions(renewal),
    today: formatDay(asOf),
  });
}

type Reply = { errors: FieldErrors | null; formError: string | null; notice: string | null; entryId: string | null };

const reply = (data: Partial<Reply>, status = 200) => json<Reply>({ errors: null, formError: null, notice: null, entryId: null, ...data }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { credential, renewal, countsFrom } = await ceContext(user.id, params.number);
  const formData = await readForm(request);
  if (formData.get("intent") !== "log-ce") return reply({ formError: "This form could not be read. Reload the page and submit it again." }, 400);
  const parsed = parseForm(continuingEducationSchema(new Date(), renewal, countsFrom), formData);
  if (!parsed.success) return reply({ errors: parsed.errors, formError: "The hours were not logged. Correct the fields marked below." }, 400);
  try {
    const entry = await logContinuingEducation(user.id, credential.id, parsed.data);
    const logged = `Logged ${formatHours(entry.minutes)} of continuing education on ${formatDay(entry.occurredOn)}.`;
    return reply({
      entryId: entry.id,
      notice: renewal
        ? `${logged} They count toward your renewal now; the board reviews them when you apply to renew.`
        : `${logged} They are in your record; ask the board how this credential is renewed.`,
    });
  } catch (error) {
    if (error instanceof CredentialProblem) return reply({ formError: error.message }, error.status);
    throw error;
  }
}

function RenewalNotOpen({ status, expiresOn, opensOn }: { status: string; expiresOn: string; opensOn: string }) {
  if (status === "expired") return <p>This credential expired on {expiresOn} and can no longer be renewed. To hold it again, apply for it anew.</p>;
  if (status === "suspended") return <p>A suspended credential cannot be renewed. Renewal is possible again if the board reinstates it.</p>;
  if (status === "revoked") return <p>A revoked credential cannot be renewed.</p>;
  return (
    <p>
      Renewal opens on {opensOn}, {RENEWAL_WINDOW_DAYS} days before your credential expires. Until then, keep logging your continuing
      education below.
    </p>
  );
}

function LogContinuingEducation({
  categories,
  from,
  today,
  outcome,
}: {
  categories: { value: string; label: string }[];
  /** The first day CE counts from: earlier dates are refused. */
  from: string;
  today: string;
  outcome: Reply | null;
}) {
  const errors = outcome?.errors ?? null;
  return (
    <>
      <h3 id="log-ce-heading">Log continuing education</h3>
      <p>
        Your hours count as soon as you log them. Keep your certificates: the board reviews these entries when you apply to renew and may
        void any it does not accept.
      </p>
      {/* Remounted after each entry logged, so the fields empty; kept as typed after a refusal. */}
      <Form method="post" noValidate aria-labelledby="log-ce-heading" key={outcome?.entryId ?? "log-ce"}>
        <CsrfInput />
        <input type="hidden" name="intent" value="log-ce" />
        {outcome && !outcome.notice ? <FormError message={outcome.formError} /> : null}
        <FieldControl id="ce-occurredOn" label="Date completed" hint={`On or after ${from}.`} errors={errors?.occurredOn}>
          {(aria) => <input {...aria} name="occurredOn" type="date" min={from} max={today} required />}
        </FieldControl>
        <FieldControl
          id="ce-hours"
          label="Hours"
          hint={`As on your certificate, for example 1.5. At most ${MAX_CE_HOURS_PER_ENTRY} for one activity.`}
          errors={errors?.hours}
        >
          {(aria) => <input {...aria} name="hours" type="number" min="0.01" max={MAX_CE_HOURS_PER_ENTRY} step="0.01" inputMode="decimal" required />}
        </FieldControl>
        <FieldControl id="ce-category" label="Category" hint="Hours in a category also count toward the total." errors={errors?.category}>
          {(aria) => (
            <select {...aria} name="category" defaultValue={categories[0]?.value} required>
              {categories.map((category) => (
                <option key={category.value} value={category.value}>
                  {category.label}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <FieldControl id="ce-description" label="Course or activity" errors={errors?.description}>
          {(aria) => <input {...aria} name="description" type="text" maxLength={1000} required />}
        </FieldControl>
        <FieldControl id="ce-provider" label="Provider" hint="Who gave the training, as on the certificate." errors={errors?.provider}>
          {(aria) => <input {...aria} name="provider" type="text" maxLength={200} required />}
        </FieldControl>
        <SubmitButton>
          Log hours
        </SubmitButton>
      </Form>
    </>
  );
}

export default function HeldCredential() {
  const data = useLoaderData<typeof loader>();
  const { credential, status, verdict } = data;
  const outcome = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/credentials">Your credentials</Link>
      </p>
      <h1>
        {credential.name}
        {credential.provisional ? " (provisional)" : ""}
      </h1>
      <p className="lead">
        {credential.jurisdictionName}, credential number <span className="code">{credential.number}</span>
      </p>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <CredentialFacts status={status} issuedOn={credential.issuedOn} expiresOn={credential.expiresOn} expiry={data.expiry} />
        {credential.stateReason && (status === "suspended" || status === "revoked") ? (
          <p>The board gave this reason: {credential.stateReason}</p>
        ) : null}
        <p>Issued to {credential.holderName} under {credential.authority}.</p>
      </section>

      <CredentialFiles number={credential.number} certificateRefusal={data.certificateRefusal} verifyNote="which anyone you give the number to can check" />

      <section aria-labelledby="renewal-heading">
        <h2 id="renewal-heading">Renewal</h2>
        {data.renewable ? (
          <>
            <p>
              This credential is renewed every {data.periodMonths} months. Continuing education dated from {data.periodStart} counts toward
              the next renewal.
            </p>
            <ul aria-label="Continuing education toward renewal">
              {verdict.items.map((item) => (
                <li key={item.key} className="progress">
                  <span>{item.label}:</span>
                  <progress max={item.required || 1} value={Math.min(item.earned, item.required || 1)} aria-label={`${item.label} progress`} />
                  <span>
                    {item.earned} of {item.required} hours{item.met ? " (met)" : ""}
                  </span>
                </li>
              ))}
            </ul>
            {verdict.eligible ? (
              <p className="tag">Your continuing education meets the renewal requirement.</p>
            ) : (
              <>
                <p>Still needed before you renew:</p>
                <ul>
                  {verdict.unmet.map((sentence) => (
                    <li key={sentence}>{sentence}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        ) : (
          <p>{verdict.unmet[0]}</p>
        )}
        {!data.renewable ? null : data.renewalOpen ? (
          <Form method="post" action="/applications">
            <CsrfInput />
            <input type="hidden" name="intent" value="renew" />
            <input type="hidden" name="credentialNumber" value={credential.number} />
            <p>Renewal is open: your credential expires on {credential.expiresOn}.</p>
            <SubmitButton>Apply to renew</SubmitButton>
          </Form>
        ) : (
          <RenewalNotOpen status={status} expiresOn={credential.expiresOn} opensOn={data.renewalOpensOn} />
        )}
      </section>

      <section aria-labelledby="ce-heading">
        <h2 id="ce-heading">Continuing education this period</h2>
        {outcome?.notice ? (
          <div role="status" className="notice">
            <p>{outcome.notice}</p>
          </div>
        ) : null}
        {data.ceEntries.length ? (
          <ScrollingTable caption={<>Continuing education logged since {data.periodStart}</>} hideCaption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Hours</th>
                <th scope="col">Category</th>
                <th scope="col">Course or activity</th>
                <th scope="col">Provider</th>
                <th scope="col">Counts</th>
              </tr>
            </thead>
            <tbody>
              {data.ceEntries.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.occurredOn}</td>
                  <td>{entry.hours}</td>
                  <td>{entry.category}</td>
                  <td>{entry.description}</td>
                  <td>{entry.provider}</td>
                  <td>{entry.voided ? `No: voided by the board${entry.voidedReason ? ` (${entry.voidedReason})` : ""}` : "Yes"}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        ) : (
          <p>No continuing education logged since {data.periodStart} yet.</p>
        )}

        {data.continuingEducationClosed ? (
          <p>{data.continuingEducationClosed}</p>
        ) : (
          <>
            {status === "suspended" ? (
              <p>The credential is suspended. Hours you log still count toward its renewal if the board reinstates it within this period.</p>
            ) : null}
            <LogContinuingEducation categories={data.categories} from={data.periodStart} today={data.today} outcome={outcome ?? null} />
          </>
        )}
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {data.events.length ? (
          <ol>
            {data.events.map((event) => (
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
