import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { errorTitle } from "~/utils/error-titles";

const HEADINGS: Record<number, string> = { 403: "Form expired", 404: "Credential not found", 429: "Too many requests" };

/** The public verification pages' error page: the server's sentence, and the way back to the form. */
export function VerificationError() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    isRouteErrorResponse(error) && typeof error.data === "string" && error.data ? error.data : "Something went wrong on our side. Try again in a moment.";
  return (
    <>
      <h1>{HEADINGS[status] ?? errorTitle(status)}</h1>
      <p role="alert">{message}</p>
      <p>
        <Link to="/verify" reloadDocument>
          Verify a credential
        </Link>
      </p>
    </>
  );
}
