// The heading (and page title) of an error page, in the visitor's words: what happened, not the HTTP
// name; the page's text says why. A refusal (4xx) never reads as a fault on our side.
const ERROR_TITLES: Record<number, string> = {
  400: "Bad request",
  403: "Not allowed",
  404: "Not found",
  405: "Not available this way",
  409: "Cannot be done right now",
  410: "This link is no longer valid",
  413: "Too large",
  429: "Too many requests",
};

export function errorTitle(status: number): string {
  return ERROR_TITLES[status] ?? (status >= 400 && status < 500 ? "This cannot be done" : "Something went wrong");
}
