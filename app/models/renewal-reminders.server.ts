// Renewal reminders: 90, 30 and 7 days before a credential expires, its holder gets one email saying
// when, how many continuing-education hours renewal takes, and where to log them and apply. Safe to run
// as often as a timer likes and on every instance at once: each message has a dedupe key, and the key
// includes the expiry date, so a renewal (which moves the date) starts the reminders again.
import { REMINDER_DAYS, RENEWAL_WINDOW_DAYS, daysUntilExpiry, reminderDue, utcDay } from "~/domain/credentials";
import type { Requirement } from "~/domain/requirements";
import { isoDay } from "~/domain/transcript";
import { prisma } from "~/utils/db.server";
import { publicUrl } from "~/utils/env.server";
import { sendMail } from "./mail.server";
import { requirementsInForce } from "./requirements-in-force.server";
import { longDate } from "~/utils/long-date";

/** Credentials read per query: bounded, so a large jurisdiction never loads into memory at once. */
const BATCH_SIZE = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

export const reminderDedupeKey = (credentialId: string, expiresOn: Date, threshold: number) =>
  `renewal-reminder:${credentialId}:${isoDay(expiresOn)}:${threshold}`;

const reminderSelect = {
  id: true,
  number: true,
  state: true,
  expiresOn: true,
  credentialTypeId: true,
  holder: { select: { email: true, name: true } },
  credentialType: { select: { name: true } },
  jurisdiction: { select: { name: true } },
} as const;

type ReminderCredential = {
  number: string;
  expiresOn: Date;
  holder: { name: string };
  credentialType: { name: string };
  jurisdiction: { name: string };
};

const hours = (count: number) => `${count} ${count === 1 ? "hour" : "hours"}`;

/** What renewal takes, in a sentence; the board's own words when the requirement has no renewal rule. */
export function continuingEducationSentence(requirement: Requirement | null | undefined, jurisdictionName: string): string {
  const renewal = requirement?.renewal;
  if (!renewal) return `Ask ${jurisdictionName} what renewing this credential requires.`;
  const { totalHours, categories } = renewal.continuingEducation;
  const minimums = categories.filter((category) => category.minHours > 0).map((category) => `${hours(category.minHours)} in ${category.label}`);
  const including = minimums.length ? `, including at least ${minimums.join(", ")}` : "";
  return `To renew it you need ${hours(totalHours)} of continuing education (CE)${including}.`;
}

/** The reminder's subject and body. */
export function reminderMessage(credential: ReminderCredential, requirement: Requirement | null | undefined, asOf: Date) {
  const days = daysUntilExpiry(credential.expiresOn, asOf);
  const when = days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
  const expiry = longDate(credential.expiresOn);
  const link = `${publicUrl()}/credentials/${credential.number}`;
  const subject = `Renewal reminder: your ${credential.credentialType.name} credential expires on ${expiry}`;
  const body = [
    `Dear ${credential.holder.name},`,
    "",
    `Your ${credential.credentialType.name} credential from ${credential.jurisdiction.name}, number ${credential.number}, is valid through ${expiry}: it expires ${when}.`,
    "",
    continuingEducationSentence(requirement, credential.jurisdiction.name),
    "",
    "Log your CE hours and apply to renew here:",
    link,
    "",
    `You can apply to renew from ${RENEWAL_WINDOW_DAYS} days before the expiry date until the expiry date. Once it has passed, the credential cannot be renewed and you would apply for it anew.`,
    "",
    "PeerPath",
  ].join("\n");
  return { subject, body };
}

/**
 * Sends the reminders due on `asOf` and returns how many this call sent (a message another run already
 * sent is not counted). Reads only active credentials expiring within the largest reminder window,
 * through the index on expiresOn, a batch at a time.
 */
export async function sendDueRenewalReminders(asOf = new Date()): Promise<number> {
  const today = utcDay(asOf);
  const horizon = new Date(today.getTime() + Math.max(...REMINDER_DAYS) * DAY_MS);
  const requirements = new Map<string, Requirement | null>();
  let sent = 0;
  let cursor: string | undefined;

  for (;;) {
    const credentials = await prisma.credential.findMany({
      where: { state: "ACTIVE", expiresOn: { gte: today, lte: horizon } },
      orderBy: [{ expiresOn: "asc" }, { id: "asc" }],
      take: BATCH_SIZE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: reminderSelect,
    });
    if (!credentials.length) break;
    cursor = credentials.at(-1)!.id;

    const due = credentials.flatMap((credential) => {
      const threshold = reminderDue(credential, asOf);
      return threshold === null ? [] : [{ credential, dedupeKey: reminderDedupeKey(credential.id, credential.expiresOn, threshold) }];
    });
    // Skip what was already sent in one query, rather than one refused insert per credential per run.
    const already = new Set(
      (await prisma.outboxMessage.findMany({ where: { dedupeKey: { in: due.map((item) => item.dedupeKey) } }, select: { dedupeKey: true } })).map(
        (message) => message.dedupeKey,
      ),
    );
    const toSend = due.filter((item) => !already.has(item.dedupeKey));

    const missingTypes = [...new Set(toSend.map((item) => item.credential.credentialTypeId))].filter((id) => !requirements.has(id));
    if (missingTypes.length) {
      const current = await requirementsInForce(missingTypes);
      for (const id of missingTypes) requirements.set(id, current.get(id)?.requirement ?? null);
    }

    for (const { credential, dedupeKey } of toSend) {
      const { subject, body } = reminderMessage(credential, requirements.get(credential.credentialTypeId), asOf);
      try {
        if (await sendMail({ dedupeKey, toEmail: credential.holder.email, toName: credential.holder.name, subject, body })) sent++;
      } catch (error) {
        // One unusable row (an address the mail schema refuses) must not hold back everyone else's reminder.
        console.warn(`Renewal reminder for credential ${credential.number} not sent: ${(error as Error).message}`);
      }
    }
    if (credentials.length < BATCH_SIZE) break;
  }
  return sent;
}
