// The email a holder gets when the board suspends, reinstates or revokes their credential: what the
// board did, its reason, and what it means for the credential's validity and its public verification
// page. Pure: the model passes the credential as it now stands and sends what comes back.
import type { CredentialAction, CredentialStatus } from "./credentials";

type Notice = { subject: string; body: string };

export type ChangedCredential = {
  holderName: string;
  credentialName: string;
  jurisdictionName: string;
  number: string;
  /** The status after the board's action: a reinstated credential whose date passed meanwhile is expired. */
  status: CredentialStatus;
  /** The last valid day written out ("November 26, 2027"). */
  validThrough: string;
  /** The board's reason, as recorded in the credential's history. */
  reason: string;
  /** The holder's own page for the credential, and the public verification page. */
  credentialUrl: string;
  verifyUrl: string;
};

/** The notice for the board's action on a credential. */
export function credentialActionNotice(action: CredentialAction, credential: ChangedCredential): Notice {
  const { holderName, credentialName, jurisdictionName, number } = credential;
  const yours = `your ${credentialName} credential ${number}`;
  const reason = ["", `The board's reason: ${credential.reason}`];
  const links = ["", "Your credential's page, with its history and the board's reason:", credential.credentialUrl, "", "Its public verification page, as an employer sees it:", credential.verifyUrl];
  const letter = (subject: string, lines: string[]) => ({
    subject,
    body: [`Dear ${holderName},`, "", ...lines, ...reason, ...links, "", "PeerPath"].join("\n"),
  });
  switch (action) {
    case "suspend":
      return letter(`Suspended: ${yours}`, [
        `${jurisdictionName} has suspended ${yours}.`,
        "",
        `While it is suspended the credential is not valid: do not practise under it, and its public verification page shows "Suspended". The board may reinstate it; you will be told if it does. Continuing education you log meanwhile still counts toward its renewal if it is reinstated within the period.`,
      ]);
    case "reinstate":
      return letter(
        `Reinstated: ${yours}`,
        credential.status === "expired"
          ? [
              `${jurisdictionName} has lifted the suspension of ${yours}, but its expiry date, ${credential.validThrough}, has passed: the credential is expired and its public verification page shows "Expired". To hold it again, apply for it anew.`,
            ]
          : [
              `${jurisdictionName} has reinstated ${yours}. It is valid again through ${credential.validThrough}, and its public verification page shows "Active".`,
            ],
      );
    case "revoke":
      return letter(`Revoked: ${yours}`, [
        `${jurisdictionName} has revoked ${yours}.`,
        "",
        `A revocation is final: the credential is no longer valid and can never be reinstated or renewed, and its public verification page shows "Revoked".`,
      ]);
  }
}
