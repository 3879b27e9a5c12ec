// Where keyboard focus goes when a client-side navigation ends (WCAG 2.4.3 focus order, 4.1.3 status
// messages). One rule for every page, applied in root.tsx, so no page manages focus on its own:
//
// - a new page (the pathname changed, by a link, a redirect after a form or the browser's history):
//   its h1, so the new title is read out as after a full page load;
// - a form posted to the page that stays (the server answered with errors or a notice): the error
//   summary (role=alert) if there is one, else the notice (role=status), else the button that sent the
//   form (or its like, when the form was rendered anew). While the form is sent that button keeps focus
//   (SubmitButton, submit-button.tsx, is aria-disabled rather than disabled), so a keyboard user is
//   never left on <body> meanwhile;
// - a GET form that filters the list on the same page: its button stays focused (found again when the
//   form was remounted);
// - a link to the same page with other query parameters (paging): the h1.
//
// Nothing moves on the first load, on fetcher submissions (they stay in place) or on revalidation.
import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

export type FocusTarget = "heading" | "outcome" | "control";

/** Which focus rule applies to a navigation that just ended (pure, for the unit tests). */
export function focusTargetAfter(navigation: { formMethod?: string; pathnameChanged: boolean }): FocusTarget {
  if (navigation.pathnameChanged) return "heading";
  const method = navigation.formMethod?.toUpperCase();
  if (!method) return "heading";
  return method === "GET" ? "control" : "outcome";
}

type Pending = { formMethod?: string; pathname: string; submitter: HTMLElement | null };

const hasText = (element: Element) => (element.textContent ?? "").trim().length > 0;

function focusElement(element: HTMLElement, options?: FocusOptions) {
  if (!element.hasAttribute("tabindex") && !element.matches("a[href], button, input, select, textarea")) element.setAttribute("tabindex", "-1");
  element.focus(options);
}

function focusHeading(main: HTMLElement) {
  const heading = main.querySelector<HTMLElement>("h1");
  // The scroll position is ScrollRestoration's (top of a new page, or where it was on "back").
  focusElement(heading ?? main, { preventScroll: true });
}

/** The control that sent the form, or the one that replaced it when the form was rendered anew. */
function findControl(main: HTMLElement, submitter: HTMLElement | null) {
  if (!submitter) return null;
  if (submitter.isConnected) return submitter;
  if (submitter.id) return document.getElementById(submitter.id);
  const text = (submitter.textContent ?? "").trim();
  const name = submitter.getAttribute("name");
  const same = Array.from(main.querySelectorAll<HTMLElement>(submitter.tagName)).filter(
    (element) => (element.textContent ?? "").trim() === text && element.getAttribute("name") === name,
  );
  return same.length === 1 ? same[0]! : null;
}

function moveFocus(target: FocusTarget, submitter: HTMLElement | null) {
  const main = document.getElementById("main");
  if (!main) return;
  if (target === "outcome") {
    const outcome =
      Array.from(main.querySelectorAll<HTMLElement>('[role="alert"]')).find(hasText) ??
      Array.from(main.querySelectorAll<HTMLElement>('[role="status"]')).find(hasText);
    if (outcome) return focusElement(outcome);
  }
  if (target !== "heading") {
    const control = findControl(main, submitter);
    if (control && !control.matches(":disabled")) return control.focus();
  }
  focusHeading(main);
}

/** Moves focus at the end of each client-side navigation, as described at the top of this file. */
export function useNavigationFocus() {
  const navigation = useNavigation();
  const location = useLocation();
  const pending = useRef<Pending | null>(null);
  const lastSubmitter = useRef<HTMLElement | null>(null);

  useEffect(() => {
    // The submit event names the button before the form disables it; captured before Remix handles it.
    const onSubmit = (event: SubmitEvent) => {
      lastSubmitter.current = (event.submitter as HTMLElement | null) ?? (event.target as HTMLElement);
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);

  useEffect(() => {
    if (navigation.state !== "idle") {
      // The first render of a navigation: `location` is still the page it leaves.
      pending.current ??= {
        formMethod: navigation.formMethod,
        pathname: location.pathname,
        submitter: navigation.formMethod ? lastSubmitter.current : null,
      };
      return;
    }
    if (!pending.current) return;
    const { formMethod, pathname, submitter } = pending.current;
    pending.current = null;
    lastSubmitter.current = null;
    moveFocus(focusTargetAfter({ formMethod, pathnameChanged: pathname !== location.pathname }), submitter);
  }, [navigation.state, navigation.formMethod, location]);
}
