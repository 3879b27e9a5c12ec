import { prisma } from "~/utils/db.server";
import type { ProtectedRoute, RouteSetupContext } from "./route-types";

// Filled by setup(); the action builders below run after it.
const ids = { upcomingSessionId: "", registrationId: "" };

const tomorrow = () => new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

export const PROTECTED: ProtectedRoute[] = [
  {
    file: "instructor.sessions._index.tsx",
    path: "/instructor/sessions",
    roles: ["INSTRUCTOR"],
    action: () => ({
      topic: "Route table probe",
      date: tomorrow(),
      time: "10:00",
      durationMinutes: "60",
      "hours.advocacy": "1",
      location: "Room 1",
    }),
    actionStatus: 302,
  },
  {
    // Only the instructor who runs the session: another instructor's 403 is in live-sessions.test.ts.
    file: "instructor.sessions.$sessionId.tsx",
    path: "/instructor/sessions/:sessionId",
    roles: ["INSTRUCTOR"],
    action: () => ({ intent: "attendance", [`attendance.${ids.registrationId}`]: "PRESENT" }),
  },
  {
    file: "sessions._index.tsx",
    path: "/sessions",
    roles: ["TRAINEE"],
    action: () => ({ intent: "register", sessionId: ids.upcomingSessionId }),
  },
];

/** A session the instructor ran an hour ago with the trainee on it, and one tomorrow to register for. */
export async function setup({ userIds }: RouteSetupContext) {
  const base = { instructorId: userIds.INSTRUCTOR, durationMinutes: 60, domains: [{ domain: "advocacy", hours: 1 }], location: "Room 1" };
  const started = await prisma.liveSession.create({
    data: { ...base, topic: "Route table session", startsAt: new Date(Date.now() - 60 * 60 * 1000) },
  });
  const upcoming = await prisma.liveSession.create({
    data: { ...base, topic: "Route table upcoming session", startsAt: new Date(Date.now() + 24 * 60 * 60 * 1000) },
  });
  const registration = await prisma.sessionRegistration.create({ data: { sessionId: started.id, traineeId: userIds.TRAINEE } });
  ids.upcomingSessionId = upcoming.id;
  ids.registrationId = registration.id;
  return { sessionId: started.id };
}
