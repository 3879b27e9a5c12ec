// The emails a registered trainee gets when the instructor cancels their live session or moves it.
// Pure: the model passes the session and the trainee, and sends what comes back through the outbox.
import { formatSessionTime, type SessionChange } from "./live-sessions";

type Notice = { subject: string; body: string };
type Session = { topic: string; startsAt: Date; instructorName: string };

export function cancellationNotice(traineeName: string, session: Session, reason: string): Notice {
  return {
    subject: `Cancelled: ${session.topic}, ${formatSessionTime(session.startsAt)}`,
    body: [
      `Dear ${traineeName},`,
      "",
      `${session.instructorName} has cancelled the live session "${session.topic}" you registered for, which was to start at ${formatSessionTime(session.startsAt)}.`,
      "",
      `The reason given: ${reason}`,
      "",
      "No hours are credited for a cancelled session. Other sessions you can register for are on your Live sessions page.",
    ].join("\n"),
  };
}

/** What a trainee must act on: a new time, length, place or link. Other edits (the description, say) send nothing. */
const WORTH_TELLING = new Set<SessionChange["field"]>(["startsAt", "durationMinutes", "location", "onlineUrl"]);

const shown = (change: SessionChange) => {
  if (change.field === "startsAt") return formatSessionTime(new Date(String(change.to)));
  if (change.field === "durationMinutes") return `${String(change.to)} minutes`;
  return change.to ? String(change.to) : "none";
};

/** The notice for an edit, or null when nothing in it changes where or when the trainee should be. */
export function changeNotice(traineeName: string, session: Session, changes: readonly SessionChange[]): Notice | null {
  const told = changes.filter((change) => WORTH_TELLING.has(change.field));
  if (!told.length) return null;
  return {
    subject: `Changed: ${session.topic}, now ${formatSessionTime(session.startsAt)}`,
    body: [
      `Dear ${traineeName},`,
      "",
      `${session.instructorName} has changed the live session "${session.topic}" you registered for. Your place is kept.`,
      "",
      ...told.map((change) => `${change.label[0]!.toUpperCase()}${change.label.slice(1)}: ${shown(change)}`),
      "",
      "If you can no longer come, give your place back on your Live sessions page.",
    ].join("\n"),
  };
}
