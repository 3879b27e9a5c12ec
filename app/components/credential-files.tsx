// The credential's files and public page, as its holder and its issuing board both see them. The
// certificate is not offered for a credential not in force: the refusal says why instead.
export function CredentialFiles({ number, certificateRefusal, verifyNote }: { number: string; certificateRefusal: string | null; verifyNote: string }) {
  const files = `/credentials/${number}`;
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">Share and download</h2>
      <ul>
        <li>{certificateRefusal ? <>Certificate (PDF): {certificateRefusal}</> : <a href={`${files}/certificate.pdf`}>Certificate (PDF)</a>}</li>
        <li>
          <a href={`${files}/badge.json`}>Digital badge (Open Badges JSON)</a>
        </li>
        <li>
          <a href={`${files}/badge.jwt`}>Signed digital badge (JWT)</a>
        </li>
        <li>
          <a href={`/verify/${number}`}>Public verification page</a>, {verifyNote}
        </li>
      </ul>
    </section>
  );
}
