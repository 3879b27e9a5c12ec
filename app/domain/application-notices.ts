// The email a trainee gets when the board decides on their application: approved (with the credential's
// number and dates), denied (with the board's reason) or sent back with a request for more information.
// Pure: the model passes the application as decided and the addresses, and sends what comes back.
import type { ReviewAction } from "./applications";

type Notice = { subject: string; body: string };

export type DecidedApplication = {
  traineeName: string;
  credentialName: string;
  jurisdictionName: string;
  kind: "INITIAL" | "RENEWAL";
  /** The board's message: the reason for a denial, or what it asks for. */
  reason: string | null;
  /** The credential issued or renewed, with its last valid day written out ("November 26, 2027"). */
  credential: { number: string; validThrough: string } | null;
  /** Where the trainee reads the application, and where the credential's own page is. */
  applicationUrl: string;
  credentialUrl: string | null;
};

/** The notice for a decision the trainee must know of; null for one that changes nothing for them (a review started). */
export function decisionNotice(action: ReviewAction, application: DecidedApplication): Notice | null {
  const { traineeName, credentialName, jurisdictionName } = application;
  const what = application.kind === "RENEWAL" ? `the renewal of your ${credentialName} credential` : `your application for the ${credentialName} credential`;
  const greeting = [`Dear ${traineeName},`, ""];
  const sign = ["", "PeerPath"];
  switch (action) {
    case "approve": {
      const credential = application.credential;
      if (!credential) return null;
      const renewal = application.kind === "RENEWAL";
      return {
        subject: renewal
          ? `Renewed: your ${credentialName} credential ${credential.number} is valid through ${credential.validThrough}`
          : `Approved: your ${credentialName} credential, number ${credential.number}`,
        body: [
          ...greeting,
          renewal
            ? `${jurisdictionName} has approved ${what}. Credential ${credential.number} is now valid through ${credential.validThrough}.`
            : `${jurisdictionName} has approved ${what} and issued the credential. Your credential number is ${credential.number}, valid through ${credential.validThrough}.`,
          "",
          "Your credential's page has the certificate to download, the digital badge and the public verification page to give an employer:",
          application.credentialUrl ?? application.applicationUrl,
          ...sign,
        ].join("\n"),
      };
    }
    case "deny":
      return {
        subject: `Not approved: ${what}`,
        body: [
          ...greeting,
          `${jurisdictionName} has denied ${what}.`,
          "",
          `The board's reason: ${application.reason ?? "none given"}`,
          "",
          "Your application, with the reason, is here:",
          application.applicationUrl,
          "",
          "If you want to apply again once you can meet what the board asks, start a new application.",
          ...sign,
        ].join("\n"),
      };
    case "request-info":
      return {
        subject: `More information needed: ${what}`,
        body: [
          ...greeting,
          `${jurisdictionName} needs more information before it can decide on ${what}.`,
          "",
          `The board asks: ${application.reason ?? ""}`,
          "",
          "Open your application, add what was asked for, write your answer and press Send answer and resubmit:",
          application.applicationUrl,
          ...sign,
        ].join("\n"),
      };
    case "start-review":
      return null;
  }
}
