// Sign-in throttling rules. Failures are counted per account and per network address within a
// sliding window; a success on the account clears its count. Pure: the caller supplies the history.

export const THROTTLE = {
  windowMinutes: 15,
  failuresPerAccount: 5,
  failuresPerAddress: 20,
} as const;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMinutes: number; reason: "account" | "address" };

/**
 * @param accountFailures times of failed sign-ins for the email since its last success, newest first
 * @param addressFailures times of failed sign-ins from the address, newest first
 */
export function throttleVerdict(
  accountFailures: readonly Date[],
  addressFailures: readonly Date[],
  now: Date,
): ThrottleVerdict {
  const windowMs = THROTTLE.windowMinutes * 60_000;
  const check = (failures: readonly Date[], limit: number) => {
    const recent = failures.filter((time) => now.getTime() - time.getTime() < windowMs);
    if (recent.length < limit) return null;
    // Locked until the limit-th most recent failure leaves the window.
    const unlockAt = recent[limit - 1]!.getTime() + windowMs;
    return Math.max(1, Math.ceil((unlockAt - now.getTime()) / 60_000));
  };
  const account = check(accountFailures, THROTTLE.failuresPerAccount);
  if (account !== null) return { allowed: false, retryAfterMinutes: account, reason: "account" };
  const address = check(addressFailures, THROTTLE.failuresPerAddress);
  if (address !== null) return { allowed: false, retryAfterMinutes: address, reason: "address" };
  return { allowed: true };
}
