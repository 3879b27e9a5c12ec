import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CsrfInput, FormError } from "~/components/forms";
import { EmptyListText, Pager } from "~/components/pager";
import { ScrollingTable } from "~/components/scrolling-table";
import { SessionFields } from "~/components/session-fields";
import { SubmitButton } from "~/components/submit-button";
import { formatSessionTime, scheduleSessionSchema } from "~/domain/live-sessions";
import { instructorSessions, scheduleSession } from "~/models/live-session.server";
import { readForm } from "~/utils/csrf.server";
import { parseForm } from "~/utils/forms.server";
import { pageCount, pageFrom } from "~/utils/pagination";
import { requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "My live sessions · PeerPath" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "schedule:sessions");
  const { page, skip, take } = pageFrom(request);
  const now = new Date();
  const { sessions, total } = await instructorSessions(user.id, { skip, take }, now);
  return json({
    page,
    pages: pageCount(total),
    total,
    sessions: sessions.map((session) => ({
      id: session.id,
      topic: session.topic,
      startsAt: formatSessionTime(session.startsAt),
      started: session.startsAt <= now,
      durationMinutes: session.durationMinutes,
      registered: session._count.registrations,
      capacity: session.capacity,
      attendance: session.cancelledAt
        ? "Cancelled"
        : attendanceStatus({ started: session.startsAt <= now, marked: session.marked, registered: session._count.registrations }),
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "schedule:sessions");
  const parsed = parseForm(scheduleSessionSchema(new Date()), await readForm(request));
  if (!parsed.success) return json({ errors: parsed.errors }, { status: 400 });
  const session = await scheduleSession(user.id, parsed.data);
  return redirect(`/instructor/sessions/${session.id}?scheduled=1`);
}

/** Recorded only when every registered trainee has a mark: a partly recorded session still needs the instructor. */
function attendanceStatus(session: { started: boolean; marked: number; registered: number }) {
  if (!session.started) return "Not started";
  if (!session.registered) return "No one registered";
  if (session.marked >= session.registered) return "Recorded";
  return session.marked ? `${session.registered - session.marked} of ${session.registered} to record` : "To record";
}

export default function InstructorSessions() {
  const { sessions, page, pages, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  return (
    <>
      <h1>My live sessions</h1>
      <p className="lead">Schedule live training, see who registered, and record attendance to credit trainees' hours.</p>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Your sessions</h2>
        {sessions.length ? (
          <ScrollingTable caption="Your sessions" hideCaption>
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Starts</th>
                <th scope="col">Length</th>
                <th scope="col">Registered</th>
                <th scope="col">Attendance</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.id}>
                  <th scope="row">
                    <Link to={`/instructor/sessions/${session.id}`}>{session.topic}</Link>
                  </th>
                  <td>{session.startsAt}</td>
                  <td>{session.durationMinutes} minutes</td>
                  <td>{session.capacity === null ? session.registered : `${session.registered} of ${session.capacity}`}</td>
                  <td>{session.attendance}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        ) : (
          <p>
            <EmptyListText page={page} total={total}>
              You have not scheduled any sessions yet.
            </EmptyListText>
          </p>
        )}
        <Pager page={page} pages={pages} label="Session pages" />
      </section>
      <section aria-labelledby="schedule-heading">
        <h2 id="schedule-heading">Schedule a session</h2>
        <Form method="post" noValidate>
          <CsrfInput />
          <FormError message={errors ? "Please correct the highlighted fields." : null} />
          <SessionFields errors={errors} />
          <SubmitButton>Schedule the session</SubmitButton>
        </Form>
      </section>
    </>
  );
}
