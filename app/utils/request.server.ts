// Small facts about an incoming request that several modules need.

/** True when the visitor reached us over HTTPS (directly or through a proxy we trust). */
export function isHttps(request: Request) {
  return new URL(request.url).protocol === "https:";
}

export type AppLoadContext = { clientAddress?: string };

/** The visitor's network address, as the Express server saw it (honours TRUST_PROXY). */
export function clientAddress(context: unknown) {
  const address = (context as AppLoadContext | undefined)?.clientAddress;
  return address && address.length <= 100 ? address : "unknown";
}

export function cookieValue(request: Request, name: string): string | null {
  return cookieFromHeader(request.headers.get("Cookie"), name);
}

/** One cookie's value from a Cookie header, or null. */
export function cookieFromHeader(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** A same-site path to go to after sign-in; anything else (other hosts, //evil) falls back to "/". */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
