import { useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { loader as rootLoader } from "~/root";

/** The hidden CSRF field every form posts (see utils/csrf.server.ts). */
export function CsrfInput() {
  const data = useRouteLoaderData<typeof rootLoader>("root");
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ""} />;
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

export type ControlAria = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/**
 * A label, an optional hint and errors around any control (input, select, textarea): the render
 * function receives the id and aria attributes that link the control to its hint and errors.
 */
export function FieldControl({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[] | null;
  children: (aria: ControlAria) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-errors` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": errors?.length ? true : undefined })}
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

/** A labelled input with its errors announced and linked through aria-describedby. */
export function Field({
  label,
  name,
  type = "text",
  defaultValue,
  errors,
  autoComplete,
  hint,
  required = true,
}: {
  label: string;
  name: string;
  type?: string;
  defaultValue?: string;
  errors?: string[] | null;
  autoComplete?: string;
  hint?: ReactNode;
  required?: boolean;
}) {
  return (
    <FieldControl id={`field-${name}`} label={label} hint={hint} errors={errors}>
      {(aria) => <input {...aria} name={name} type={type} defaultValue={defaultValue} autoComplete={autoComplete} required={required} />}
    </FieldControl>
  );
}

/** The tick that confirms a step cannot be undone (revoking a credential, cancelling a session): posts confirm=yes. */
export function ConfirmCheckbox({ id, label, errors }: { id: string; label: string; errors?: string[] | null }) {
  return (
    <div className="field">
      <div className="option">
        <input
          type="checkbox"
          id={id}
          name="confirm"
          value="yes"
          required
          aria-describedby={errors ? `${id}-errors` : undefined}
          aria-invalid={errors ? true : undefined}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <ErrorList id={`${id}-errors`} errors={errors} />
    </div>
  );
}

/** A form's problems as one announced list, with an optional lead sentence; nothing when there are none. */
export function ProblemList({ problems, heading }: { problems?: string[] | null; heading?: string }) {
  if (!problems?.length) return null;
  return (
    <div role="alert" className="form-error">
      {heading ? <p>{heading}</p> : null}
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="form-error">
      {message}
    </p>
  );
}
