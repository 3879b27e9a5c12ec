// Renewing a credential: whether the holder's continuing education (CE) in the current period meets
// the renewal rule of the requirement in force, and in words what is still missing. Pure: the caller
// passes the rule, the ledger and the days to judge on; nothing here reads a database or the clock.
import { z } from "zod";
import { CREDENTIAL_ACTIONS, RENEWAL_WINDOW_DAYS, addMonths, utcDay, type CredentialAction, type CredentialStatus } from "./credentials";
import type { LedgerEntry } from "./eligibility";
import { formHours } from "./form-numbers";
import { pastDay } from "./hour-entries";
import type { Requirement } from "./requirements";

export type RenewalRule = NonNullable<Requirement["renewal"]>;

export type RenewalItem = {
  /** "total" for the period's total, "category:<key>" for a category minimum. */
  key: string;
  label: string;
  /** Hours to two decimals. */
  required: number;
  earned: number;
  met: boolean;
  /** What is still needed, like "4 more hours of continuing education in Ethics"; empty when met. */
  missing: string;
};

export type RenewalVerdict = {
  eligible: boolean;
  items: RenewalItem[];
  /** The missing sentences of the unmet items, in the order of the items. */
  unmet: string[];
  /** Approved CE hours in the period, all categories. */
  totalHours: number;
};

export type RenewalInput = {
  /** The requirement's renewal rule; null when the requirement says nothing about renewal. */
  renewal: RenewalRule | null;
  ledger: readonly LedgerEntry[];
  /** The first day of the current period (see currentPeriodStart). */
  periodStart: Date;
  asOf: Date;
};

export const NOT_RENEWABLE =
  "The requirements for this credential do not say how it is renewed. Ask the board how to keep it before it expires.";

// As in eligibility.ts, hours are summed as whole seconds (a second divides both a hundredth of an hour
// and a minute), and shown figures round earned hours down and missing hours up, so a verdict never
// claims a minimum is met when it is not.
const SECONDS_PER_HUNDREDTH = 36;
const toSeconds = (hours: number) => Math.round(hours * 3600);
const earnedHoursShown = (seconds: number) => Math.floor(seconds / SECONDS_PER_HUNDREDTH) / 100;
const missingHoursShown = (seconds: number) => Math.ceil(seconds / SECONDS_PER_HUNDREDTH) / 100;

/**
 * Checks the CE hours of the period against the renewal rule. Only approved continuing-education
 * entries dated from `periodStart` through `asOf` count. Category minimums lie within the total: every
 * hour counts toward the total, whatever its category, and hours beyond a minimum are electives.
 */
export function evaluateRenewal({ renewal, ledger, periodStart, asOf }: RenewalInput): RenewalVerdict {
  if (!renewal) return { eligible: false, items: [], unmet: [NOT_RENEWABLE], totalHours: 0 };
  const from = utcDay(periodStart).getTime();
  const to = utcDay(asOf).getTime();
  const counted = ledger.filter((entry) => {
    const day = utcDay(entry.occurredOn).getTime();
    return entry.kind === "continuing-education" && entry.status === "approved" && day >= from && day <= to;
  });
  const secondsIn = (entries: readonly LedgerEntry[]) => entries.reduce((sum, entry) => sum + toSeconds(entry.hours), 0);
  const totalSeconds = secondsIn(counted);

  const items: RenewalItem[] = [
    hourItem("total", "Continuing education", renewal.continuingEducation.totalHours, totalSeconds, "continuing education"),
    ...renewal.continuingEducation.categories.map((category) =>
      hourItem(
        `category:${category.key}`,
        category.label,
        category.minHours,
        secondsIn(counted.filter((entry) => entry.ceCategory === category.key)),
        `continuing education in ${category.label}`,
      ),
    ),
  ];
  const unmet = items.filter((item) => !item.met).map((item) => item.missing);
  return { eligible: unmet.length === 0, items, unmet, totalHours: earnedHoursShown(totalSeconds) };
}

function hourItem(key: string, label: string, requiredHours: number, earnedSeconds: number, missingNoun: string): RenewalItem {
  const shortSeconds = toSeconds(requiredHours) - earnedSeconds;
  const met = shortSeconds <= 0;
  const short = missingHoursShown(shortSeconds);
  return {
    key,
    label,
    required: requiredHours,
    earned: earnedHoursShown(earnedSeconds),
    met,
    missing: met ? "" : `${short} more ${short === 1 ? "hour" : "hours"} of ${missingNoun}`,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The first day of the period that ends on `expiresOn`: the day after the previous period ended. For a
 * credential issued on 1 March 2026 for 12 months (expiring 28 February 2027) that is 1 March 2026;
 * after a renewal to 29 February 2028 it is 1 March 2027.
 */
export function currentPeriodStart(expiresOn: Date, periodMonths: number): Date {
  return addMonths(new Date(utcDay(expiresOn).getTime() + DAY_MS), -periodMonths);
}

/**
 * The first day from which continuing education counts toward a credential: the current period's start
 * (currentPeriodStart), never before the day of issue (a provisional credential, or a period the board
 * has since changed, can make the count reach back further); when its requirements say nothing about
 * renewal, the day of issue. After an early renewal it is the next period's start, still to come.
 */
export function ceCountsFrom(credential: { issuedOn: Date; expiresOn: Date }, renewal: RenewalRule | null): Date {
  const issued = utcDay(credential.issuedOn);
  if (!renewal) return issued;
  const periodStart = currentPeriodStart(credential.expiresOn, renewal.periodMonths);
  return periodStart.getTime() > issued.getTime() ? periodStart : issued;
}

/** The first day the holder may apply to renew (RENEWAL_WINDOW_DAYS before expiry). */
export function renewalOpensOn(expiresOn: Date): Date {
  return new Date(utcDay(expiresOn).getTime() - RENEWAL_WINDOW_DAYS * DAY_MS);
}

// ---------------------------------------------------------------------------------------------
// Logging continuing education.

/** The category for hours that fit no named category: they count toward the total only. */
export const GENERAL_CE_CATEGORY = "general";
export const GENERAL_CE_LABEL = "General (counts toward the total only)";

export type CeCategoryOption = { value: string; label: string };

/** The categories a holder may log CE hours under: the rule's named categories, then general. */
export function ceCategoryOptions(renewal: RenewalRule | null): CeCategoryOption[] {
  const named = renewal?.continuingEducation.categories.map((category) => ({ value: category.key, label: category.label })) ?? [];
  return [...named, { value: GENERAL_CE_CATEGORY, label: GENERAL_CE_LABEL }];
}

/** A logged entry's category as the holder reads it; a category the rule no longer names shows its key. */
export function ceCategoryLabel(renewal: RenewalRule | null, key: string | null): string {
  if (!key || key === GENERAL_CE_CATEGORY) return "General";
  return renewal?.continuingEducation.categories.find((category) => category.key === key)?.label ?? key;
}

export const MAX_CE_HOURS_PER_ENTRY = 24;

/**
 * CE hours the holder logs: self-reported, so the board sees them in the renewal review. They must be
 * dated from `countsFrom` (ceCountsFrom): hours from before would be stored yet count toward nothing.
 */
export const continuingEducationSchema = (today: Date, renewal: RenewalRule | null, countsFrom: Date) => {
  const categories = ceCategoryOptions(renewal).map((option) => option.value);
  const from = countsFrom.toISOString().slice(0, 10);
  const earliest = {
    day: countsFrom,
    message:
      countsFrom.getTime() > today.getTime()
        ? `This credential was renewed early: its next renewal period starts on ${from}, and continuing education counts from that day`
        : renewal
          ? `Continuing education must be dated on or after ${from}, the start of this renewal period`
          : `Continuing education must be dated on or after ${from}, the day this credential was issued`,
  };
  return z.object({
    occurredOn: pastDay(today, earliest),
    hours: formHours(
      z
        .number()
        .positive({ error: "Hours must be more than 0", abort: true })
        .max(MAX_CE_HOURS_PER_ENTRY, { error: `Enter at most ${MAX_CE_HOURS_PER_ENTRY} hours for one activity`, abort: true })
        .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, "Enter hours to at most two decimal places, like 1.25"),
    ),
    category: z
      .string({ error: "Choose a category" })
      .refine((value) => categories.includes(value), "Choose one of the categories listed"),
    description: z.string({ error: "Name the course or activity" }).trim().min(3, "Name the course or activity").max(1000, "Keep it under 1000 characters"),
    provider: z.string({ error: "Name the provider" }).trim().min(2, "Name who provided it").max(200, "Keep it under 200 characters"),
  });
};

export type ContinuingEducationInput = z.infer<ReturnType<typeof continuingEducationSchema>>;

// ---------------------------------------------------------------------------------------------
// The board's actions on a credential, as forms. (They sit here because credentials.ts is kept to the
// lifecycle rules; the page and its tests share these labels.)

export const CREDENTIAL_ACTION_LABELS: Record<CredentialAction, { button: string; done: string; reasonLabel: string }> = {
  suspend: { button: "Suspend credential", done: "suspended", reasonLabel: "Reason for suspending" },
  reinstate: { button: "Reinstate credential", done: "reinstated", reasonLabel: "Reason for reinstating" },
  revoke: { button: "Revoke credential permanently", done: "revoked", reasonLabel: "Reason for revoking" },
};

/** A board member's action: a reason is always recorded, and revoking must be confirmed as final. */
export const credentialActionSchema = z
  .object({
    intent: z.enum(CREDENTIAL_ACTIONS, { error: "Choose suspend, reinstate or revoke" }),
    reason: z
      .string({ error: "Give a reason; it is kept in the credential's history" })
      .trim()
      .min(5, "Give a reason of a few words; it is kept in the credential's history")
      .max(1000, "Keep the reason under 1000 characters"),
    confirm: z.string().optional(),
  })
  .superRefine((value, context) => {
    if (value.intent === "revoke" && value.confirm !== "yes") {
      context.addIssue({ code: "custom", path: ["confirm"], message: "Tick the box to confirm that revocation is final and cannot be undone" });
    }
  });

export const CREDENTIAL_STATUSES = ["active", "expired", "suspended", "revoked"] as const satisfies readonly CredentialStatus[];
export const CREDENTIAL_SEARCH_MAX_LENGTH = 100;

/** The board list's filters from the address (?status=&q=); an empty field means no filter. */
export const credentialFiltersSchema = z.object({
  status: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.enum(CREDENTIAL_STATUSES, { error: "Choose a status from the list" }).optional(),
  ),
  q: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
    z.string().max(CREDENTIAL_SEARCH_MAX_LENGTH, `Search for at most ${CREDENTIAL_SEARCH_MAX_LENGTH} characters`).optional(),
  ),
});

/** A credential's history (CredentialEvent.action) as its pages show it. */
export function credentialEventLabel(action: string): string {
  const labels: Record<string, string> = {
    issued: "Issued",
    renewed: "Renewed",
    suspended: "Suspended",
    reinstated: "Reinstated",
    revoked: "Revoked",
  };
  return labels[action] ?? action.charAt(0).toUpperCase() + action.slice(1).replace(/-/g, " ");
}

/** How far off expiry is, in words: "123 days left", "Expires today", "Expired 4 days ago". */
export function expiryInWords(daysUntilExpiry: number): string {
  if (daysUntilExpiry > 0) return `${daysUntilExpiry} ${daysUntilExpiry === 1 ? "day" : "days"} left`;
  if (daysUntilExpiry === 0) return "Expires today (its last valid day)";
  const ago = -daysUntilExpiry;
  return `Expired ${ago} ${ago === 1 ? "day" : "days"} ago`;
}
