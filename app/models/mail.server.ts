// Email the app sends. Every message is first written to the outbox, keyed by a dedupe key, so that
// however many instances or timer ticks try to send the same message, only the first one does; the
// outbox page shows what went out. With SMTP_URL set the message is also sent through that server;
// without it (the embedded set-up) nothing leaves the machine.
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { prisma } from "~/utils/db.server";
import { loadEnv } from "~/utils/env.server";

// A header must stay on one line: a newline in a subject or name would let text forge headers.
const OneLine = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `The ${what} is empty.`)
    .max(max, `The ${what} is longer than ${max} characters.`)
    .regex(/^[^\r\n]*$/, `The ${what} must be one line.`);

export const MailSchema = z.object({
  /** Makes sending idempotent, e.g. "renewal-reminder:<credentialId>:<expiresOn>:90". */
  dedupeKey: OneLine("dedupe key", 200),
  toEmail: z.email("The recipient's address is not a valid email address.").max(254),
  toName: OneLine("recipient's name", 200),
  subject: OneLine("subject", 200),
  body: z.string().trim().min(1, "The message is empty.").max(20_000, "The message is longer than 20,000 characters."),
});

export type Mail = z.input<typeof MailSchema>;

let smtp: Transporter | undefined;

/** One SMTP transport per process: nodemailer reuses its connection settings across messages. */
function smtpTransport(url: string): Transporter {
  return (smtp ??= nodemailer.createTransport(url));
}

/**
 * Records the message in the outbox and sends it. Returns false, doing nothing, when a message with the
 * same dedupe key was already recorded (by this or another instance); true when this call recorded it.
 * A failed SMTP send is kept on the message (the outbox page shows it) rather than thrown, so one bad
 * address does not stop a batch of reminders.
 */
export async function sendMail(input: Mail): Promise<boolean> {
  const mail = MailSchema.parse(input);
  const env = loadEnv();
  const viaSmtp = Boolean(env.SMTP_URL);
  // ON CONFLICT DO NOTHING on the unique dedupe key: concurrent callers cannot both insert.
  const [message] = await prisma.outboxMessage.createManyAndReturn({
    data: [{ ...mail, transport: viaSmtp ? "smtp" : "outbox", sentAt: viaSmtp ? null : new Date() }],
    skipDuplicates: true,
    select: { id: true },
  });
  if (!message) return false;
  if (!env.SMTP_URL) return true;

  try {
    await smtpTransport(env.SMTP_URL).sendMail({
      from: env.MAIL_FROM,
      to: { name: mail.toName, address: mail.toEmail },
      subject: mail.subject,
      text: mail.body,
    });
    await prisma.outboxMessage.update({ where: { id: message.id }, data: { sentAt: new Date(), error: null } });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await prisma.outboxMessage.update({ where: { id: message.id }, data: { error: reason.slice(0, 2000) } });
  }
  return true;
}

/**
 * Writes a notice of something already saved (a decision, a change of session): a failure is logged,
 * never thrown, so a notice can never undo or hide what it reports. Whether the notice was written.
 */
export async function writeNotice(what: string, write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    console.error(`Could not write ${what}:`, error);
    return false;
  }
}
