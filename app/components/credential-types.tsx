/** The credentials jurisdictions offer, as cards: shown to visitors and trainees alike. */
export function CredentialTypeCards({
  credentialTypes,
}: {
  credentialTypes: { id: string; name: string; summary: string; jurisdiction: { name: string } }[];
}) {
  if (!credentialTypes.length) return <p>No jurisdictions are set up yet. An administrator adds them.</p>;
  return (
    <ul className="cards">
      {credentialTypes.map((credentialType) => (
        <li key={credentialType.id} className="card">
          <h3>
            {credentialType.jurisdiction.name}: {credentialType.name}
          </h3>
          <p>{credentialType.summary}</p>
        </li>
      ))}
    </ul>
  );
}
