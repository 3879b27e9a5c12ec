import { Form } from "@remix-run/react";
import type { Decision } from "~/domain/hour-entries";
import { CsrfInput, ErrorList, FieldControl, FormError } from "./forms";
import { SubmitButton } from "./submit-button";

const BUTTONS: Record<Decision, string> = { approve: "Approve", "request-changes": "Request changes", reject: "Reject" };

/** A reviewer's decision on one ledger entry: a comment and one button per decision the entry allows. */
export function DecisionForm({
  entryId,
  commentId,
  commentHint,
  decisions,
  formError,
  errors,
}: {
  entryId: string;
  commentId: string;
  commentHint: string;
  decisions: readonly Decision[];
  formError?: string | null;
  errors?: Record<string, string[]> | null;
}) {
  return (
    <Form method="post" noValidate>
      <CsrfInput />
      <input type="hidden" name="entryId" value={entryId} />
      <FormError message={formError} />
      <fieldset className="question">
        <legend>Your decision</legend>
        <FieldControl id={commentId} label="Comment" hint={commentHint} errors={errors?.comment}>
          {(aria) => <textarea {...aria} name="comment" rows={2} maxLength={1000} />}
        </FieldControl>
        <ErrorList errors={errors?.decision} />
        <div className="actions">
          {decisions.map((decision) => (
            <SubmitButton key={decision} name="decision" value={decision}>
              {BUTTONS[decision]}
            </SubmitButton>
          ))}
        </div>
      </fieldset>
    </Form>
  );
}
