// A credential's life: its number, its dates and its status. Pure: the caller passes the day to judge
// on. Expiry is never stored: a credential past its expiry date reads as expired wherever it is read,
// so nothing depends on a scheduled job having run (the commonest failure of today's LMS certificates).

export const CREDENTIAL_STATES = ["ACTIVE", "SUSPENDED", "REVOKED"] as const;
export type CredentialState = (typeof CREDENTIAL_STATES)[number];

/** What a verifier sees: the stored state, with expiry computed from the dates. */
export type CredentialStatus = "active" | "expired" | "suspended" | "revoked";

export const CREDENTIAL_STATUS_LABELS: Record<CredentialStatus, string> = {
  active: "Active",
  expired: "Expired",
  suspended: "Suspended",
  revoked: "Revoked",
};

/**
 * The heading beside the expiry date. "Valid through" only while the credential is valid: beside a
 * suspended or revoked credential it would tell an employer the opposite of the status above it.
 */
export const EXPIRY_HEADINGS: Record<CredentialStatus, string> = {
  active: "Valid through",
  expired: "Expired after",
  suspended: "Expiry date (not valid while suspended)",
  revoked: "Expiry date (revoked, so not valid)",
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC calendar day of an instant, as a Date at midnight UTC (how `@db.Date` columns read back). */
export function utcDay(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

/**
 * The status on `asOf`. Revocation and suspension outrank expiry (a revoked credential stays revoked
 * after its date). A credential is valid through its expiry date and expired from the next day.
 */
export function credentialStatus(credential: { state: CredentialState; expiresOn: Date }, asOf: Date): CredentialStatus {
  if (credential.state === "REVOKED") return "revoked";
  if (credential.state === "SUSPENDED") return "suspended";
  return utcDay(asOf).getTime() > utcDay(credential.expiresOn).getTime() ? "expired" : "active";
}

/**
 * The date `months` calendar months after `from`, clamped to the month's last day (31 January plus one
 * month is 28 or 29 February, not 3 March).
 */
export function addMonths(from: Date, months: number): Date {
  const day = utcDay(from);
  const target = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day.getUTCDate(), lastDay));
  return target;
}

/** A new credential's dates: from the day of issue to the day before the renewal period has run. */
export function issueDates(issuedAt: Date, renewalPeriodMonths: number) {
  const issuedOn = utcDay(issuedAt);
  return { issuedOn, expiresOn: new Date(addMonths(issuedOn, renewalPeriodMonths).getTime() - DAY_MS) };
}

/** A renewal moves expiry on by one period from the old expiry, so renewing early loses no time. */
export function renewedExpiry(expiresOn: Date, renewalPeriodMonths: number): Date {
  return new Date(addMonths(new Date(utcDay(expiresOn).getTime() + DAY_MS), renewalPeriodMonths).getTime() - DAY_MS);
}

/** Days from `asOf` to the expiry date: 0 on the last valid day, negative once expired. */
export function daysUntilExpiry(expiresOn: Date, asOf: Date): number {
  return Math.round((utcDay(expiresOn).getTime() - utcDay(asOf).getTime()) / DAY_MS);
}

/** How long before expiry a holder may apply to renew. */
export const RENEWAL_WINDOW_DAYS = 90;

/**
 * Whether the holder may apply to renew on `asOf`: an active credential within the window before
 * expiry. An expired, suspended or revoked credential cannot be renewed; its holder applies anew.
 */
export function renewalOpen(credential: { state: CredentialState; expiresOn: Date }, asOf: Date) {
  if (credentialStatus(credential, asOf) !== "active") return false;
  return daysUntilExpiry(credential.expiresOn, asOf) <= RENEWAL_WINDOW_DAYS;
}

/**
 * Why continuing education cannot be logged toward a credential on `asOf`, or null. It counts toward
 * renewal, so it stops with a credential that can never be renewed again (expired or revoked); a
 * suspended one keeps it, since the board may reinstate it within the same period.
 */
export function continuingEducationClosed(credential: { state: CredentialState; expiresOn: Date }, asOf: Date): string | null {
  const status = credentialStatus(credential, asOf);
  if (status === "revoked") return "This credential is revoked, so continuing education no longer counts toward it.";
  if (status === "expired") return "This credential has expired, so continuing education no longer counts toward it. To hold it again, apply for it anew.";
  return null;
}

/** Reminders go out this many days before expiry (one message each, however often the check runs). */
export const REMINDER_DAYS = [90, 30, 7] as const;

/** The reminder due on `asOf`, the nearest threshold already reached; null when none is due. */
export function reminderDue(credential: { state: CredentialState; expiresOn: Date }, asOf: Date): number | null {
  if (credentialStatus(credential, asOf) !== "active") return null;
  const days = daysUntilExpiry(credential.expiresOn, asOf);
  const reached = REMINDER_DAYS.filter((threshold) => days <= threshold);
  return reached.length ? Math.min(...reached) : null;
}

/**
 * The human-readable number: jurisdiction code, credential code, year of issue and a six-digit
 * sequence that restarts each year, like KY-APSS-2026-000042.
 */
export function formatCredentialNumber(parts: { jurisdictionCode: string; credentialCode: string; year: number; sequence: number }) {
  return `${parts.jurisdictionCode}-${parts.credentialCode}-${parts.year}-${String(parts.sequence).padStart(6, "0")}`;
}

/** The shape of a credential number, for validating what a visitor types or a QR code carries. */
export const CREDENTIAL_NUMBER_PATTERN = /^[A-Z]{2,10}-[A-Z]{2,10}-\d{4}-\d{6,}$/;

/** The counter key a number's sequence is drawn from. */
export function numberSequenceKey(parts: { jurisdictionCode: string; credentialCode: string; year: number }) {
  return `number:${parts.jurisdictionCode}:${parts.credentialCode}:${parts.year}`;
}

export const CREDENTIAL_ACTIONS = ["suspend", "reinstate", "revoke"] as const;
export type CredentialAction = (typeof CREDENTIAL_ACTIONS)[number];

/**
 * Where a board action takes the stored state on `asOf`, or why it cannot. Revocation is final;
 * reinstating undoes a suspension only. An expired credential is no longer valid, so there is nothing
 * to suspend (the public page would show "Suspended" instead of the truth, "Expired"); the board may
 * still revoke it, so that it is on record as withdrawn.
 */
export function applyCredentialAction(
  credential: { state: CredentialState; expiresOn: Date },
  action: CredentialAction,
  asOf: Date,
): { ok: true; state: CredentialState } | { ok: false; message: string } {
  const { state } = credential;
  if (state === "REVOKED") return { ok: false, message: "This credential is revoked; a revocation is final." };
  if (action === "suspend") {
    if (state === "SUSPENDED") return { ok: false, message: "This credential is already suspended." };
    if (credentialStatus(credential, asOf) === "expired") {
      return { ok: false, message: "This credential has expired, so there is nothing to suspend. To withdraw it for good, revoke it." };
    }
    return { ok: true, state: "SUSPENDED" };
  }
  if (action === "reinstate") {
    return state === "SUSPENDED" ? { ok: true, state: "ACTIVE" } : { ok: false, message: "Only a suspended credential can be reinstated." };
  }
  return { ok: true, state: "REVOKED" };
}
