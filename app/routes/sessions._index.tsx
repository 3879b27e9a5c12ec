import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, FormError } from "~/components/forms";
import { EmptyListText, Pager } from "~/components/pager";
import { ScrollingTable } from "~/components/scrolling-table";
import { formatHours } from "~/domain/course-domains";
import { attendanceLabel, cancelledLabel, describeDomains, formatSessionTime, hasStarted, placesLeft, totalSessionHours } from "~/domain/live-sessions";
import { SessionRuleError, cancelRegistration, register, traineeRegistrations, upcomingSessions } from "~/models/live-session.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms.server";
import { pageCount, pageFrom } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";
import { SubmitButton } from "~/components/submit-button";

export const meta: MetaFunction = () => [{ title: "Live sessions · PeerPath" }];

const RegistrationSchema = z.object({
  intent: z.enum(["register", "cancel"]),
  sessionId: z.string().min(1).max(40),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "register:sessions");
  const { page, skip, take } = pageFrom(request);
  const now = new Date();
  const [upcoming, registrations] = await Promise.all([upcomingSessions(user.id, { skip, take }, now), traineeRegistrations(user.id)]);
  return json({
    page,
    pages: pageCount(upcoming.total),
    total: upcoming.total,
    upcoming: upcoming.sessions.map((session) => ({
      id: session.id,
      topic: session.topic,
      description: session.description,
      instructor: session.instructor.name,
      startsAt: formatSessionTime(session.startsAt),
      durationMinutes: session.durationMinutes,
      location: session.location,
      online: session.onlineUrl !== null,
      // The meeting link is for the people taking part.
      onlineUrl: session.registered ? session.onlineUrl : null,
      domains: describeDomains(session.domains),
      totalHours: totalSessionHours(session.domains),
      placesLeft: placesLeft(session.capacity, session.registeredCount),
      registered: session.registered,
    })),
    mine: registrations.map((registration) => ({
      id: registration.id,
      topic: registration.session.topic,
      startsAt: formatSessionTime(registration.session.startsAt),
      outcome: registration.session.cancelledAt
        ? cancelledLabel(registration.session.cancellationReason)
        : registration.attendance === null
          ? hasStarted(registration.session, now)
            ? "Waiting for the instructor to record attendance"
            : "Registered"
          : attendanceLabel(registration, registration.session.durationMinutes),
      credited: registration.session.cancelledAt
        ? "None"
        : registration.attendance === null
          ? "None yet"
          : formatHours(registration.creditedMinutes),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "register:sessions");
  const parsed = parseForm(RegistrationSchema, await readForm(request));
  if (!parsed.success) return json({ message: null, formError: "This form could not be read. Reload the page and try again." }, { status: 400 });
  const { intent, sessionId } = parsed.data;
  try {
    if (intent === "register") {
      const { topic } = await register(sessionId, user.id);
      return json({ message: `You are registered for "${topic}".`, formError: null });
    }
    const { topic } = await cancelRegistration(sessionId, user.id);
    return json({ message: `Your registration for "${topic}" is cancelled.`, formError: null });
  } catch (error) {
    if (error instanceof SessionRuleError) return json({ message: null, formError: error.message }, { status: error.status });
    throw error;
  }
}

function Where({ session }: { session: { location: string | null; online: boolean; onlineUrl: string | null } }) {
  return (
    <>
      {session.location ? <span>{session.location}</span> : null}
      {session.location && session.online ? <br /> : null}
      {session.onlineUrl ? (
        <a href={session.onlineUrl}>Join online</a>
      ) : session.online ? (
        <span>Online (the link shows once you register)</span>
      ) : null}
    </>
  );
}

export default function LiveSessions() {
  const { upcoming, mine, page, pages, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Live sessions</h1>
      <p className="lead">
        Instructor-led training in a room or online. Register before a session starts; once the instructor records your attendance,
        its hours go into your record.
      </p>
      <div role="status">{actionData?.message ? <p className="notice">{actionData.message}</p> : null}</div>
      <FormError message={actionData?.formError} />
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming sessions</h2>
        {upcoming.length ? (
          <ScrollingTable caption="Sessions open for registration" hideCaption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Starts</th>
                <th scope="col">Where</th>
                <th scope="col">Training hours</th>
                <th scope="col">Places left</th>
                <th scope="col">Your place</th>
              </tr>
            </thead>
            <tbody>
              {upcoming.map((session) => (
                <tr key={session.id}>
                  <th scope="row">
                    {session.topic}
                    <br />
                    <span className="hint">
                      With {session.instructor}
                      {session.description ? `. ${session.description}` : ""}
                    </span>
                  </th>
                  <td>
                    {session.startsAt}
                    <br />
                    {session.durationMinutes} minutes
                  </td>
                  <td>
                    <Where session={session} />
                  </td>
                  <td>
                    {session.totalHours} ({session.domains})
                  </td>
                  <td>{session.placesLeft === null ? "No limit" : session.placesLeft}</td>
                  <td>
                    {!session.registered && session.placesLeft === 0 ? (
                      <p>Full</p>
                    ) : (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="sessionId" value={session.id} />
                        {session.registered ? (
                          <>
                            <p className="tag">You are registered</p>
                            <SubmitButton name="intent" value="cancel" className="link-button">
                              Cancel registration<span className="visually-hidden"> for {session.topic}</span>
                            </SubmitButton>
                          </>
                        ) : (
                          <SubmitButton name="intent" value="register">
                            Register<span className="visually-hidden"> for {session.topic}</span>
                          </SubmitButton>
                        )}
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        ) : (
          <p>
            <EmptyListText page={page} total={total}>
              No sessions are scheduled at the moment. Check back soon.
            </EmptyListText>
          </p>
        )}
        <Pager page={page} pages={pages} label="Upcoming session pages" />
      </section>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">My sessions</h2>
        {mine.length ? (
          <ScrollingTable caption="Sessions you registered for" hideCaption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Starts</th>
                <th scope="col">Attendance</th>
                <th scope="col">Hours credited</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((registration) => (
                <tr key={registration.id}>
                  <th scope="row">{registration.topic}</th>
                  <td>{registration.startsAt}</td>
                  <td>{registration.outcome}</td>
                  <td>{registration.credited}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        ) : (
          <p>You have not registered for any sessions yet.</p>
        )}
      </section>
    </>
  );
}
