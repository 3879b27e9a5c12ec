import { VerificationError } from "~/components/verification-error";
import { json, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, FieldControl, FormError } from "~/components/forms";
import type { VerificationCheck } from "~/domain/open-badges";
import { verifyPresentedCredential, type PresentedVerification } from "~/models/credential-badge.server";
import { CredentialNumber } from "~/models/credential-access.server";
import { UnreadableUploadError, UploadTooLargeError, readFormWithFile } from "~/utils/multipart.server";
import { enforceVerificationRateLimit } from "~/utils/rate-limit.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Verify a credential · PeerPath" }];

// A refusal over the rate limit keeps its Retry-After on the rendered page too.
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const result = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) result.set("Retry-After", retryAfter);
  return result;
};

const MAX_BADGE_KB = 100;
const MAX_BADGE_BYTES = MAX_BADGE_KB * 1024;
const TOO_LARGE = `The file is larger than ${MAX_BADGE_KB} KB. A badge file is much smaller: choose the .json or .jwt file you were given.`;
const NOTHING_CHOSEN = "Choose a badge file (.json or .jwt), or paste the badge's text.";

/** The number form (GET ?number=): a valid number goes to its page, anything else is explained here. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const raw = new URL(request.url).searchParams.get("number");
  if (raw === null) return json({ number: "", error: null });
  enforceVerificationRateLimit(context);
  const number = CredentialNumber.safeParse(raw);
  if (number.success) throw redirect(`/verify/${number.data}`);
  return json({ number: raw.slice(0, 100), error: number.error.issues[0]?.message ?? "Enter a credential number." }, { status: 400 });
}

const BadgeUpload = z.object({
  badge: z
    .instanceof(File, { error: "Upload the badge as a file, or paste its text in the box." })
    .optional()
    .transform((file) => (file && file.size > 0 ? file : undefined))
    .refine((file) => !file || file.size <= MAX_BADGE_BYTES, TOO_LARGE),
  pasted: z
    .string({ error: "Paste the badge's text in the box, or upload it as a file." })
    .max(MAX_BADGE_BYTES, TOO_LARGE)
    .optional()
    .transform((text) => (text?.trim() ? text : undefined)),
});

type Reply = { result: PresentedVerification | null; error: string | null };

/** The badge check: an uploaded (or pasted) Open Badges JSON or JWT, judged on signature, dates and status. */
export async function action({ request, context }: ActionFunctionArgs) {
  enforceVerificationRateLimit(context);
  let formData: FormData;
  try {
    formData = await readFormWithFile(request, { fileField: "badge", maxBytes: MAX_BADGE_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return json<Reply>({ result: null, error: TOO_LARGE }, { status: 400 });
    if (error instanceof UnreadableUploadError) return json<Reply>({ result: null, error: "The form arrived incomplete. Choose the file again and check it." }, { status: 400 });
    throw error;
  }
  const parsed = BadgeUpload.safeParse({ badge: formData.get("badge") ?? undefined, pasted: formData.get("pasted") ?? undefined });
  if (!parsed.success) return json<Reply>({ result: null, error: parsed.error.issues[0]?.message ?? NOTHING_CHOSEN }, { status: 400 });
  const text = parsed.data.badge ? await parsed.data.badge.text() : parsed.data.pasted;
  if (!text) return json<Reply>({ result: null, error: NOTHING_CHOSEN }, { status: 400 });
  const result = await verifyPresentedCredential(text);
  return json<Reply>({ result, error: null }, { status: result.problem === "malformed" ? 400 : 200 });
}

export default function Verify() {
  const lookup = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <>
      <h1>Verify a credential</h1>
      <p className="lead">Check a peer recovery specialist&apos;s credential: no account needed.</p>

      <section aria-labelledby="number-heading" className="panel">
        <h2 id="number-heading">Look up a credential number</h2>
        <Form method="get" noValidate>
          <FieldControl
            id="field-number"
            label="Credential number"
            hint="Printed on the certificate and carried by its QR code, like KY-APSS-2026-000001."
            errors={lookup.error ? [lookup.error] : null}
          >
            {(aria) => <input {...aria} name="number" defaultValue={lookup.number} autoComplete="off" spellCheck={false} required />}
          </FieldControl>
          <button type="submit">Look up</button>
        </Form>
      </section>

      <section aria-labelledby="badge-heading" className="panel">
        <h2 id="badge-heading">Check a digital badge</h2>
        <p>
          A holder can share their credential as an Open Badges 3.0 file. Upload it to check that its signature, its dates and its status
          all hold.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <CsrfInput />
          {outcome?.error ? <FormError message={outcome.error} /> : null}
          <FieldControl id="field-badge" label="Badge file" hint={`An Open Badges JSON file or a JWT file, at most ${MAX_BADGE_KB} KB.`}>
            {(aria) => <input {...aria} name="badge" type="file" accept=".json,.jwt,application/json,application/jwt,text/plain" />}
          </FieldControl>
          <FieldControl id="field-pasted" label="Or paste the badge's text" hint="The JWT, or the whole JSON.">
            {(aria) => <textarea {...aria} name="pasted" rows={4} className="code" spellCheck={false} />}
          </FieldControl>
          <SubmitButton busyLabel="Checking…">
            Check the badge
          </SubmitButton>
        </Form>
        <div aria-live="polite">{outcome?.result ? <VerificationResult result={outcome.result} /> : null}</div>
      </section>
    </>
  );
}

const CHECK_LABELS: Record<VerificationCheck["check"], string> = { signature: "Signature", dates: "Dates", status: "Status" };

function VerificationResult({ result }: { result: PresentedVerification }) {
  return (
    <div className={result.valid ? "notice" : "notice warn"}>
      <h3>{result.valid ? "Valid credential" : "Not a valid credential"}</h3>
      <p>
        <strong>{result.summary}</strong>
      </p>
      {result.credential ? (
        <p>
          {result.credential.name}, held by {result.credential.holderName}, issued by {result.credential.issuerName}
          {result.credential.number ? ` (number ${result.credential.number})` : ""}.
        </p>
      ) : null}
      {result.checks.length ? (
        <ul>
          {result.checks.map((check) => (
            <li key={check.check}>
              <strong>
                {CHECK_LABELS[check.check]}: {check.holds ? "holds" : "does not hold"}.
              </strong>{" "}
              {check.sentence}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export { VerificationError as ErrorBoundary };
