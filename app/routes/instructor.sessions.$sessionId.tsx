import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ConfirmCheckbox, CsrfInput, ErrorList, Field, FieldControl, FormError } from "~/components/forms";
import { ScrollingTable } from "~/components/scrolling-table";
import { SessionFields } from "~/components/session-fields";
import { SubmitButton } from "~/components/submit-button";
import { formatHours } from "~/domain/course-domains";
import {
  attendanceLabel,
  attendanceProblem,
  attendanceSchema,
  cancelSessionSchema,
  describeDomains,
  editProblem,
  formatSessionTime,
  scheduleSessionSchema,
  sessionCancellationProblem,
  sessionFormValues,
  type AttendanceMark,
} from "~/domain/live-sessions";
import {
  SessionRuleError,
  addTrainee,
  cancelSession,
  editSession,
  recordAttendance,
  sessionWithRegistrations,
} from "~/models/live-session.server";
import { readForm } from "~/utils/csrf.server";
import type { FieldErrors } from "~/utils/forms.server";
import { parseForm } from "~/utils/forms.server";
import { forbidden, invariantFound, requirePermission } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.session.topic ?? "Live session"} · My live sessions · PeerPath` }];

const ATTENDANCE_CHOICES = [
  { value: "PRESENT", label: "Present" },
  { value: "PARTIAL", label: "Partly present" },
  { value: "ABSENT", label: "Absent" },
] as const;

const IntentSchema = z.enum(["attendance", "add-trainee", "edit", "cancel-session"]);
const AddTraineeSchema = z.object({
  email: z.email({ error: "Enter the trainee's email address, like name@example.org" }).max(254),
});

/** The session, if it exists (404) and the signed-in instructor runs it (403). */
async function requireOwnSession(request: Request, sessionId: string | undefined) {
  const user = await requirePermission(request, "schedule:sessions");
  const session = invariantFound(await sessionWithRegistrations(sessionId ?? ""), "We could not find this session.");
  if (session.instructorId !== user.id) throw forbidden("Only the instructor who runs this session can open it.");
  return { user, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireOwnSession(request, params.sessionId);
  const now = new Date();
  return json({
    session: {
      id: session.id,
      topic: session.topic,
      description: session.description,
      startsAt: formatSessionTime(session.startsAt),
      durationMinutes: session.durationMinutes,
      location: session.location,
      onlineUrl: session.onlineUrl,
      capacity: session.capacity,
      domains: describeDomains(session.domains),
      attendanceRecordedAt: session.attendanceRecordedAt?.toISOString() ?? null,
      cancelledAt: session.cancelledAt ? formatSessionTime(session.cancelledAt) : null,
      cancellationReason: session.cancellationReason,
    },
    formValues: sessionFormValues(session),
    attendanceBlocked: attendanceProblem(session, now),
    editBlocked: editProblem(session, now),
    cancelBlocked: sessionCancellationProblem(session, now),
    registrations: session.registrations.map((registration) => ({
      id: registration.id,
      name: registration.trainee.name,
      email: registration.trainee.email,
      registeredAt: formatSessionTime(registration.registeredAt),
      attendance: registration.attendance,
      minutesAttended: registration.minutesAttended,
      outcome: attendanceLabel(registration, session.durationMinutes),
      credited: formatHours(registration.creditedMinutes),
    })),
  });
}

type ActionResult = {
  intent: string;
  errors: FieldErrors | null;
  formError: string | null;
  message: string | null;
  /** What the instructor typed into the edit form, to show again beside its errors. */
  values: Record<string, string> | null;
};
const result = (body: Partial<ActionResult> & { intent: string }, status = 200) =>
  json<ActionResult>({ errors: null, formError: null, message: null, values: null, ...body }, { status });

const NOTHING_CHANGED = "Nothing was changed. Please correct the highlighted fields.";

/** The text fields of a posted form, without the CSRF token and intent. */
const typedValues = (formData: FormData) =>
  Object.fromEntries([...formData.entries()].filter(([name, value]) => typeof value === "string" && name !== "csrf" && name !== "intent")) as Record<
    string,
    string
  >;

type OwnSession = Awaited<ReturnType<typeof requireOwnSession>>["session"];

/** Same rules as scheduling, and places no fewer than the trainees registered; says what changed. */
async function editDetails(session: OwnSession, instructorId: string, formData: FormData, now: Date) {
  const values = typedValues(formData);
  const blocked = editProblem(session, now);
  if (blocked) return result({ intent: "edit", formError: blocked, values }, 409);
  const parsed = parseForm(scheduleSessionSchema(now, { capacity: session.capacity, registered: session.registrations.length }), formData);
  if (!parsed.success) return result({ intent: "edit", errors: parsed.errors, formError: NOTHING_CHANGED, values }, 400);
  const { changes } = await editSession(session.id, instructorId, parsed.data, now);
  const message = changes.length
    ? `Session updated: ${changes.map((change) => change.label).join(", ")}.`
    : "Nothing changed: the session already had these details.";
  return result({ intent: "edit", message });
}

async function cancelTheSession(session: OwnSession, instructorId: string, formData: FormData, now: Date) {
  const blocked = sessionCancellationProblem(session, now);
  if (blocked) return result({ intent: "cancel-session", formError: blocked }, 409);
  const parsed = parseForm(cancelSessionSchema, formData);
  if (!parsed.success) {
    const formError = "The session was not cancelled. Please correct the highlighted fields.";
    return result({ intent: "cancel-session", errors: parsed.errors, formError, values: typedValues(formData) }, 400);
  }
  const { registered } = await cancelSession(session.id, instructorId, parsed.data.reason, now);
  const told = registered === 1 ? "The 1 registered trainee is emailed and sees it" : `The ${registered} registered trainees are emailed and see it`;
  const message = `Session cancelled. ${registered ? `${told} as cancelled, with your reason.` : "No one had registered."}`;
  return result({ intent: "cancel-session", message });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session } = await requireOwnSession(request, params.sessionId);
  const formData = await readForm(request);
  const intent = IntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) return result({ intent: "", formError: "This form could not be read. Reload the page and try again." }, 400);
  const now = new Date();
  try {
    if (intent.data === "edit") return await editDetails(session, user.id, formData, now);
    if (intent.data === "cancel-session") return await cancelTheSession(session, user.id, formData, now);
    if (intent.data === "add-trainee") {
      const parsed = parseForm(AddTraineeSchema, formData);
      if (!parsed.success) return result({ intent: intent.data, errors: parsed.errors }, 400);
      const { traineeName, emailed } = await addTrainee(session.id, user.id, parsed.data.email);
      return result({ intent: intent.data, message: `${traineeName} added to this session.${emailed ? " They are emailed its time and place." : ""}` });
    }
    const schema = attendanceSchema(session.durationMinutes);
    const marks: { registrationId: string; mark: AttendanceMark }[] = [];
    const errors: FieldErrors = {};
    for (const registration of session.registrations) {
      const attendance = formData.get(`attendance.${registration.id}`);
      if (attendance === null || attendance === "") continue;
      const parsed = schema.safeParse({ attendance, minutesAttended: formData.get(`minutes.${registration.id}`) ?? undefined });
      if (parsed.success) marks.push({ registrationId: registration.id, mark: parsed.data });
      else errors[parsed.error.issues[0]?.path[0] === "minutesAttended" ? `minutes.${registration.id}` : `attendance.${registration.id}`] = [
        parsed.error.issues[0]?.message ?? "Choose present, partly present or absent",
      ];
    }
    if (Object.keys(errors).length) {
      return result({ intent: intent.data, errors, formError: "Nothing was saved. Please correct the highlighted trainees." }, 400);
    }
    if (!marks.length) {
      return result({ intent: intent.data, formError: "Choose present, partly present or absent for at least one trainee." }, 400);
    }
    const outcome = await recordAttendance(session.id, user.id, marks);
    if (!outcome.recorded && !outcome.corrected) {
      return result({ intent: intent.data, message: "Nothing changed: every mark was already recorded." });
    }
    const parts = [
      outcome.recorded ? `${outcome.recorded} recorded` : null,
      outcome.corrected ? `${outcome.corrected} corrected` : null,
      outcome.unchanged ? `${outcome.unchanged} unchanged` : null,
    ].filter(Boolean);
    return result({ intent: intent.data, message: `Attendance saved: ${parts.join(", ")}. Hours are credited to each trainee's record.` });
  } catch (error) {
    if (!(error instanceof SessionRuleError)) throw error;
    // A rule about one field (places, with a registration just in) goes beside it; the form keeps what was typed.
    if (error.field) {
      const errors = { [error.field]: [error.message] };
      return result({ intent: intent.data, errors, formError: NOTHING_CHANGED, values: typedValues(formData) }, error.status);
    }
    return result({ intent: intent.data, formError: error.message, values: typedValues(formData) }, error.status);
  }
}

export default function InstructorSession() {
  const { session, registrations, attendanceBlocked, editBlocked, cancelBlocked, formValues } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const attendanceResult = actionData?.intent === "attendance" ? actionData : null;
  const addResult = actionData?.intent === "add-trainee" ? actionData : null;
  const editResult = actionData?.intent === "edit" ? actionData : null;
  const cancelResult = actionData?.intent === "cancel-session" ? actionData : null;
  const status = actionData?.message ?? (searchParams.get("scheduled") ? "Session scheduled." : null);
  return (
    <>
      <p>
        <Link to="/instructor/sessions">All my sessions</Link>
      </p>
      <h1>{session.topic}</h1>
      <div role="status">{status ? <p className="notice">{status}</p> : null}</div>
      {actionData && !actionData.intent ? <FormError message={actionData.formError} /> : null}
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        {session.description ? <p>{session.description}</p> : null}
        <dl className="stats">
          <div>
            <dt>Starts</dt>
            <dd>{session.startsAt}</dd>
          </div>
          <div>
            <dt>Length</dt>
            <dd>{session.durationMinutes} minutes</dd>
          </div>
          <div>
            <dt>Places</dt>
            <dd>{session.capacity === null ? "No limit" : `${registrations.length} of ${session.capacity} taken`}</dd>
          </div>
        </dl>
        <p>
          <strong>Where:</strong> {session.location ?? "Online only"}
          {session.onlineUrl ? (
            <>
              {" "}
              · <a href={session.onlineUrl}>Online link</a>
            </>
          ) : null}
        </p>
        <p>
          <strong>Training hours for full attendance:</strong> {session.domains}
        </p>
        {session.cancelledAt ? (
          <div className="panel">
            <p>
              <strong>Cancelled</strong> on {session.cancelledAt}. Reason: {session.cancellationReason}
            </p>
            <p>
              Registered trainees see it as cancelled, with this reason. It takes no registrations, and no attendance or hours can be
              recorded for it.
            </p>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="trainees-heading">
        <h2 id="trainees-heading">Registered trainees</h2>
        {registrations.length ? (
          <ScrollingTable caption="Registered trainees" hideCaption>
            <thead>
              <tr>
                <th scope="col">Trainee</th>
                <th scope="col">Email</th>
                <th scope="col">Registered</th>
                <th scope="col">Attendance</th>
                <th scope="col">Hours credited</th>
              </tr>
            </thead>
            <tbody>
              {registrations.map((registration) => (
                <tr key={registration.id}>
                  <th scope="row">{registration.name}</th>
                  <td>{registration.email}</td>
                  <td>{registration.registeredAt}</td>
                  <td>{registration.outcome}</td>
                  <td>{registration.credited}</td>
                </tr>
              ))}
            </tbody>
          </ScrollingTable>
        ) : (
          <p>No one has registered yet.</p>
        )}
      </section>

      <section aria-labelledby="attendance-heading">
        <h2 id="attendance-heading">Record attendance</h2>
        {attendanceBlocked ? (
          <p>{attendanceBlocked}</p>
        ) : registrations.length ? (
          <Form method="post" noValidate key={session.attendanceRecordedAt ?? "not-recorded"}>
            <CsrfInput />
            <input type="hidden" name="intent" value="attendance" />
            <FormError message={attendanceResult?.formError} />
            <p className="hint">Choosing again corrects a mark: the hours it credited are voided and the new ones credited.</p>
            {registrations.map((registration) => {
              const attendanceErrors = attendanceResult?.errors?.[`attendance.${registration.id}`];
              const minutesErrors = attendanceResult?.errors?.[`minutes.${registration.id}`];
              const minutesId = `minutes-${registration.id}`;
              return (
                <fieldset key={registration.id} className="question" aria-describedby={attendanceErrors ? `attendance-${registration.id}-errors` : undefined}>
                  {/* The email too: two trainees may share a name. */}
                  <legend>
                    {registration.name} <span className="hint">({registration.email})</span>
                  </legend>
                  {ATTENDANCE_CHOICES.map((choice) => (
                    <div className="option" key={choice.value}>
                      <input
                        type="radio"
                        id={`attendance-${registration.id}-${choice.value}`}
                        name={`attendance.${registration.id}`}
                        value={choice.value}
                        defaultChecked={registration.attendance === choice.value}
                      />
                      <label htmlFor={`attendance-${registration.id}-${choice.value}`}>{choice.label}</label>
                    </div>
                  ))}
                  <ErrorList id={`attendance-${registration.id}-errors`} errors={attendanceErrors} />
                  <div className="field">
                    <label htmlFor={minutesId}>Minutes attended, if partly present</label>
                    <input
                      id={minutesId}
                      name={`minutes.${registration.id}`}
                      type="number"
                      min={1}
                      max={session.durationMinutes - 1}
                      step={1}
                      defaultValue={registration.minutesAttended ?? ""}
                      aria-invalid={minutesErrors ? true : undefined}
                      aria-describedby={minutesErrors ? `${minutesId}-errors` : undefined}
                    />
                    <ErrorList id={`${minutesId}-errors`} errors={minutesErrors} />
                  </div>
                </fieldset>
              );
            })}
            <SubmitButton>Save attendance</SubmitButton>
          </Form>
        ) : (
          <p>Add the trainees who attended below, then record their attendance here.</p>
        )}
      </section>

      {session.cancelledAt ? null : (
        <>
          <section aria-labelledby="add-heading">
            <h2 id="add-heading">Add a trainee</h2>
            <p>For someone who came without registering, or a session entered after it took place. Places do not limit this.</p>
            <Form method="post" noValidate key={registrations.length}>
              <CsrfInput />
              <input type="hidden" name="intent" value="add-trainee" />
              <FormError message={addResult?.formError} />
              <Field label="Trainee's email" name="email" type="email" errors={addResult?.errors?.email} />
              <SubmitButton>Add trainee</SubmitButton>
            </Form>
          </section>

          <section aria-labelledby="edit-heading">
            <h2 id="edit-heading">Change the details</h2>
            {editBlocked ? (
              <p>{editBlocked}</p>
            ) : (
              // Remounted once saved, so the fields show the session as it now is.
              <Form method="post" noValidate key={JSON.stringify(formValues)} aria-labelledby="edit-heading">
                <CsrfInput />
                <input type="hidden" name="intent" value="edit" />
                <p className="hint">
                  Until the session starts. Registered trainees keep their places and see the new details; places cannot go below the number
                  registered.
                </p>
                <FormError message={editResult?.formError} />
                <SessionFields errors={editResult?.errors} values={editResult?.values ?? formValues} />
                <SubmitButton>Save changes</SubmitButton>
              </Form>
            )}
          </section>

          <section aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">Cancel the session</h2>
            {cancelBlocked ? (
              <p>{cancelBlocked}</p>
            ) : (
              <Form method="post" noValidate aria-labelledby="cancel-heading">
                <CsrfInput />
                <input type="hidden" name="intent" value="cancel-session" />
                <p>
                  Cancelling is final: the session cannot be reopened or changed. Registered trainees see it as cancelled, with your reason; no
                  one else can register, and no attendance or hours can be recorded for it.
                </p>
                <FormError message={cancelResult?.formError} />
                <FieldControl
                  id="cancel-reason"
                  label="Reason for cancelling"
                  hint="Registered trainees see it on their Live sessions page."
                  errors={cancelResult?.errors?.reason}
                >
                  {(aria) => <textarea {...aria} name="reason" rows={3} maxLength={500} required defaultValue={cancelResult?.values?.reason} />}
                </FieldControl>
                <ConfirmCheckbox
                  id="cancel-confirm"
                  label="I understand that cancelling is final and cannot be undone."
                  errors={cancelResult?.errors?.confirm}
                />
                <SubmitButton>Cancel the session</SubmitButton>
              </Form>
            )}
          </section>
        </>
      )}
    </>
  );
}
