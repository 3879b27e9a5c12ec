// Rate limits for public pages, per client address: a sliding window approximated from two fixed
// windows (the last window's count, weighted by how much of it still overlaps, plus this window's),
// so each check costs the same and each address two numbers, however high the limit is set.
// Kept in memory, so each server instance limits on its own: with N instances behind a load balancer a
// visitor may make up to N times the limit. That is enough to stop one address from scraping the
// verification page; it is not a global quota.
import { loadEnv } from "./env.server";
import { clientAddress } from "./request.server";

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = { check: (key: string, now?: number) => RateDecision; clear: () => void };

type Window = { start: number; current: number; previous: number };

/** About `limit` requests per key in any `windowMs`; refused requests are not counted. */
export function createRateLimiter({ limit, windowMs, maxKeys = 50_000 }: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, Window>();

  function windowAt(key: string, now: number): Window {
    const start = now - (now % windowMs);
    const known = windows.get(key);
    if (!known) return { start, current: 0, previous: 0 };
    if (known.start === start) return known;
    // One window on: this window's count becomes the previous one. Further on: both are empty.
    return { start, current: 0, previous: known.start === start - windowMs ? known.current : 0 };
  }

  function sweep(now: number) {
    for (const [key, window] of windows) if (window.start < now - 2 * windowMs) windows.delete(key);
  }

  return {
    check(key, now = Date.now()) {
      const window = windowAt(key, now);
      const elapsed = now - window.start;
      const estimate = window.previous * (1 - elapsed / windowMs) + window.current;
      windows.set(key, window);
      if (estimate + 1 > limit) {
        // The wait until the estimate falls below the limit again: the rest of this window when this
        // window alone is full, otherwise until enough of the previous window has slid out.
        const wait =
          window.current + 1 > limit || window.previous === 0
            ? windowMs - elapsed
            : windowMs * (1 - (limit - 1 - window.current) / window.previous) - elapsed;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000 - 1e-9)) };
      }
      window.current += 1;
      // Forget idle addresses now and then so the map cannot grow without bound.
      if (windows.size > maxKeys) sweep(now);
      return { allowed: true };
    },
    clear() {
      windows.clear();
    },
  };
}

let verifyLimiter: RateLimiter | undefined;

/** The limiter for public verification, VERIFY_RATE_LIMIT requests per address per minute. */
export function verificationLimiter(): RateLimiter {
  return (verifyLimiter ??= createRateLimiter({ limit: loadEnv().VERIFY_RATE_LIMIT, windowMs: 60_000 }));
}

/**
 * Counts one public verification request from the visitor's address; over the limit throws a 429
 * response with Retry-After and a sentence saying when to try again.
 */
export function enforceVerificationRateLimit(context: unknown): void {
  const decision = verificationLimiter().check(clientAddress(context));
  if (decision.allowed) return;
  const wait = decision.retryAfterSeconds;
  throw new Response(
    `Too many verification requests from your network. Try again in ${wait} second${wait === 1 ? "" : "s"}.`,
    { status: 429, statusText: "Too Many Requests", headers: { "Retry-After": String(wait), "Content-Type": "text/plain; charset=utf-8" } },
  );
}
