// Pieces the trainee's and the board's application pages share.
import type { ReactNode } from "react";
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from "~/domain/applications";
import { formatDay } from "~/domain/hour-entries";
import { VerdictTable, type VerdictRow } from "./verdict-table";

/** A decision as the page shows it: its day and who made it, in the reader's words. */
export type DecisionLine = { on: string; by: string };

export function ApplicationStatusLine({ status, submittedAt, decision }: { status: string; submittedAt: string | null; decision: DecisionLine | null }) {
  return (
    <p className="status">
      Status: {APPLICATION_STATUS_LABELS[status as ApplicationStatus]}
      {decision ? ` on ${formatDay(decision.on)} by ${decision.by}` : null}
      {submittedAt ? <span className="hint"> (submitted {formatDay(submittedAt)})</span> : null}
    </p>
  );
}

export function Notice({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="status" className="notice">
      {message}
    </p>
  );
}

type Message = { id: string; kind: string; body: string; createdAt: string; author: { name: string } };

/** The conversation on an application; `who` names each message's author from the reader's side. */
export function ApplicationMessages({ messages, who }: { messages: Message[]; who: (message: Message) => string }) {
  if (!messages.length) return null;
  return (
    <section aria-labelledby="messages-heading">
      <h2 id="messages-heading">Messages</h2>
      <ol className="messages">
        {messages.map((message) => (
          <li key={message.id}>
            <p>
              <strong>{who(message)}</strong> <span className="hint">{formatDay(message.createdAt)}</span>
            </p>
            <p>{message.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

type Verdict =
  | {
      kind: "INITIAL";
      requirementVersion: number;
      verdict: { eligible: boolean; provisionalEligible: boolean; unmet: string[]; items: VerdictRow[]; reviewerChecks: string[] };
    }
  | { kind: "RENEWAL"; requirementVersion: number; renewal: { eligible: boolean; items: VerdictRow[] } };

/** The live verdict: each requirement with its progress, in words for the reader (`you` or the trainee). */
export function VerdictPanel({ verdict, heading, words, children }: { verdict: Verdict; heading: string; words: { met: string; provisional: string; ceMet: string; ceUnmet: string }; children?: ReactNode }) {
  return (
    <section aria-labelledby="verdict-heading" className="panel">
      <h2 id="verdict-heading">{heading}</h2>
      {verdict.kind === "INITIAL" ? (
        <>
          <p className={verdict.verdict.eligible ? "status ok" : "status"}>
            {verdict.verdict.eligible
              ? words.met
              : verdict.verdict.provisionalEligible
                ? words.provisional
                : `${verdict.verdict.unmet.length} requirement${verdict.verdict.unmet.length === 1 ? "" : "s"} still to meet.`}{" "}
            <span className="hint">(requirements version {verdict.requirementVersion})</span>
          </p>
          <VerdictTable rows={verdict.verdict.items} caption="Training, experience, exam and evidence" />
          {verdict.verdict.reviewerChecks.length ? <p className="hint">The board also confirms by hand: {verdict.verdict.reviewerChecks.join("; ")}.</p> : null}
        </>
      ) : (
        <>
          <p className={verdict.renewal.eligible ? "status ok" : "status"}>{verdict.renewal.eligible ? words.ceMet : words.ceUnmet}</p>
          <VerdictTable rows={verdict.renewal.items} caption="Continuing education this period" />
        </>
      )}
      {children}
    </section>
  );
}

type AttachedDocument = { kind: string; document: { id: string; filename: string } };

/** Links to the attached documents, each with what it shows; `action` adds a control per document. */
export function DocumentLinks({ documents, action }: { documents: AttachedDocument[]; action?: (document: AttachedDocument["document"]) => ReactNode }) {
  if (!documents.length) return <p>No documents attached.</p>;
  return (
    <ul>
      {documents.map(({ kind, document }) => (
        <li key={document.id}>
          <a href={`/documents/${document.id}`}>{document.filename}</a> <span className="hint">({kind.replace(/-/g, " ")})</span>
          {action?.(document)}
        </li>
      ))}
    </ul>
  );
}
