import { useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ButtonHTMLAttributes } from "react";

type SubmitButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "disabled" | "onClick"> & {
  /** Shown beside the button that sent the form, and read out, until the answer arrives. */
  busyLabel?: string;
};

/**
 * Whether a form that changes something is on its way: sent (submitting), or answered and the page
 * it leads to still loading. A second press in either would send it again, since the browser only
 * cancels the first navigation while the server carries out both. GET forms (filters) change nothing.
 */
export function formBeingSent(navigation: { state: string; formMethod?: string }): boolean {
  if (navigation.state === "idle" || !navigation.formMethod) return false;
  return navigation.formMethod.toUpperCase() !== "GET";
}

/**
 * A form's submit button that refuses a second submission while a form is being sent, yet keeps the
 * keyboard focus (WCAG 2.4.3): a `disabled` button drops focus to <body>, so a keyboard or screen
 * reader user who pressed Enter would be left nowhere until the answer. It is `aria-disabled` instead,
 * and a click (Enter, Space, or Enter in one of the form's fields) does nothing until the answer; then
 * navigation-focus.ts moves focus to the answer as usual. The button that sent the form says so
 * politely beside it ("Sending…").
 */
export function SubmitButton({ busyLabel = "Sending…", children, ...props }: SubmitButtonProps) {
  // Any form of the page being sent, as before: a second one would cancel the first in the browser
  // while the server still carries it out. It reads the page's navigation, which does not show a
  // fetcher's state: a fetcher.Form would need its own (none uses this button yet).
  const busy = formBeingSent(useNavigation());
  const button = useRef<HTMLButtonElement>(null);
  const [sentThis, setSentThis] = useState(false);

  useEffect(() => {
    const form = button.current?.form;
    if (!form) return;
    // Native, so it runs before Remix's own submit handler and knows which button sent the form.
    const onSubmit = (event: SubmitEvent) => setSentThis(event.submitter === button.current);
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, []);

  useEffect(() => {
    if (!busy) setSentThis(false);
  }, [busy]);

  return (
    <span className="submit-button">
      <button
        {...props}
        ref={button}
        type="submit"
        aria-disabled={busy ? true : undefined}
        onClick={busy ? (event) => event.preventDefault() : undefined}
      >
        {children}
      </button>
      {/* Always rendered, so screen readers notice the text that appears in it. */}
      <span className="busy-note" aria-live="polite">
        {busy && sentThis ? busyLabel : ""}
      </span>
    </span>
  );
}
