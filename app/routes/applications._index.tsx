import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, FieldControl, FormError } from "~/components/forms";
import { ScrollingTable } from "~/components/scrolling-table";
import { SubmitButton } from "~/components/submit-button";
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from "~/domain/applications";
import { formatDay } from "~/domain/hour-entries";
import { ApplicationProblem, applicationsOfTrainee, credentialTypesOpenForApplication, startApplication, startRenewal } from "~/models/application.server";
import { CredentialNumber } from "~/models/credential-access.server";
import { readForm } from "~/utils/csrf.server";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "My credential applications · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const trainee = await requirePermission(request, "apply:credentials");
  const [applications, credentialTypes] = await Promise.all([applicationsOfTrainee(trainee.id), credentialTypesOpenForApplication(trainee.id)]);
  return json({ applications, credentialTypes });
}

const StartSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), credentialTypeId: z.string({ error: "Choose a credential" }).min(1, "Choose a credential").max(40) }),
  z.object({ intent: z.literal("renew"), credentialNumber: CredentialNumber }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const trainee = await requirePermission(request, "apply:credentials");
  const form = await readForm(request);
  const parsed = StartSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ formError: parsed.error.issues[0]?.message ?? "Choose a credential." }, { status: 400 });
  try {
    const application =
      parsed.data.intent === "start" ? await startApplication(trainee.id, parsed.data.credentialTypeId) : await startRenewal(trainee.id, parsed.data.credentialNumber);
    return redirect(`/applications/${application.id}`);
  } catch (error) {
    if (error instanceof ApplicationProblem) return json({ formError: error.message }, { status: error.status });
    throw error;
  }
}

export default function Applications() {
  const { applications, credentialTypes } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <>
      <h1>Credential applications</h1>
      <p className="lead">Apply for a credential when your progress shows you meet its requirements. The board reviews each application and issues the credential.</p>
      <FormError message={outcome?.formError} />
      <section aria-labelledby="start-heading" className="panel">
        <h2 id="start-heading">Start an application</h2>
        <Form method="post" className="field-row">
          <CsrfInput />
          <input type="hidden" name="intent" value="start" />
          <FieldControl id="credentialTypeId" label="Credential">
            {(aria) => (
              <select {...aria} name="credentialTypeId" required>
                {credentialTypes.map((type) => (
                  <option key={type.id} value={type.id}>
                    {type.jurisdiction.name}: {type.name}
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
          <div className="field">
            <SubmitButton>Start application</SubmitButton>
          </div>
        </Form>
      </section>
      <h2>Your applications</h2>
      {applications.length ? (
        <ScrollingTable caption="Your applications" hideCaption>
          <thead>
            <tr>
              <th scope="col">Credential</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Submitted</th>
              <th scope="col">Credential number</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((application) => (
              <tr key={application.id}>
                <td>
                  <Link to={`/applications/${application.id}`}>
                    {application.credentialType.jurisdiction.name}: {application.credentialType.name}
                  </Link>
                </td>
                <td>{application.kind === "RENEWAL" ? `Renewal of ${application.renewsCredential?.number ?? "a credential"}` : "First credential"}</td>
                <td>{APPLICATION_STATUS_LABELS[application.status as ApplicationStatus]}</td>
                <td>{application.submittedAt ? formatDay(application.submittedAt) : "Not yet"}</td>
                <td>
                  {application.issuedCredential ? <Link to={`/credentials/${application.issuedCredential.number}`}>{application.issuedCredential.number}</Link> : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      ) : (
        <p>You have not applied for a credential yet.</p>
      )}
    </>
  );
}
