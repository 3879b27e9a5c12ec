import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ScrollingTable } from "~/components/scrolling-table";
import { CREDENTIAL_STATUS_LABELS } from "~/domain/credentials";
import { formatDay } from "~/domain/hour-entries";
import { can } from "~/domain/roles";
import { credentialsOfHolder } from "~/models/credential-holding.server";
import { requireUser } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "Your credentials · PeerPath" }];

// Any signed-in user may hold credentials they were issued; only trainees apply for new ones.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const credentials = await credentialsOfHolder(user.id);
  return json({
    canApply: can(user.grants, "apply:credentials"),
    credentials: credentials.map((credential) => ({
      number: credential.number,
      name: credential.credentialType.name,
      provisional: credential.provisional,
      jurisdictionName: credential.jurisdiction.name,
      status: credential.status,
      issuedOn: formatDay(credential.issuedOn),
      expiresOn: formatDay(credential.expiresOn),
    })),
  });
}

export default function Credentials() {
  const { credentials, canApply } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Your credentials</h1>
      <p className="lead">The credentials you hold, their status today, and where to log continuing education and renew.</p>
      {canApply ? (
        <p>
          <Link to="/applications">Apply for a credential, or follow your applications</Link>
        </p>
      ) : null}
      {credentials.length ? (
        <ScrollingTable caption="Credentials you hold" hideCaption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Credential</th>
              <th scope="col">Jurisdiction</th>
              <th scope="col">Status</th>
              <th scope="col">Issued</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {credentials.map((credential) => (
              <tr key={credential.number}>
                <th scope="row">
                  <Link to={`/credentials/${credential.number}`}>{credential.number}</Link>
                </th>
                <td>
                  {credential.name}
                  {credential.provisional ? " (provisional)" : ""}
                </td>
                <td>{credential.jurisdictionName}</td>
                <td>
                  <span className={credential.status === "active" ? "status ok" : "status"}>{CREDENTIAL_STATUS_LABELS[credential.status]}</span>
                </td>
                <td>{credential.issuedOn}</td>
                <td>{credential.expiresOn}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      ) : (
        <p>
          You do not hold a credential yet.{" "}
          {canApply ? "When you meet a credential's requirements, apply for it and the board will review your application." : null}
        </p>
      )}
    </>
  );
}
