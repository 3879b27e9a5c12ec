// The emails a trainee gets when the instructor adds them to a live session, cancels it or moves it.
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

/**
 * The notice for a trainee the instructor put on a session still to come: when and where, since they
 * never saw the session's page. Null for a session already started (entered afterwards for its hours).
 */
export function addedNotice(
  traineeName: string,
  session: Session & { durationMinutes: number; location: string | null; onlineUrl: string | null },
  now: Date,
): Notice | null {
  if (session.startsAt <= now) return null;
  return {
    subject: `Added: ${session.topic}, ${formatSessionTime(session.startsAt)}`,
    body: [
      `Dear ${traineeName},`,
      "",
      `${session.instructorName} has added you to the live session "${session.topic}".`,
      "",
      `When: ${formatSessionTime(session.startsAt)}, for ${session.durationMinutes} minutes`,
      ...(session.location ? [`Where: ${session.location}`] : []),
      ...(session.onlineUrl ? [`Online: ${session.onlineUrl}`] : []),
      "",
      "If you cannot come, give your place back on your Live sessions page.",
    ].join("\n"),
  };
}
