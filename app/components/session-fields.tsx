import { ErrorList, Field } from "~/components/forms";
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS } from "~/domain/course-domains";
import { LATE_ENTRY_DAYS, MAX_DURATION_MINUTES, MIN_DURATION_MINUTES, hoursField } from "~/domain/live-sessions";

/**
 * The fields of a live session, for scheduling one and for editing it: the same names, rules and hints.
 * `values` fills them in (the session as stored, or what the instructor typed before an error).
 */
export function SessionFields({ errors, values }: { errors?: Record<string, string[]> | null; values?: Record<string, string> | null }) {
  return (
    <>
      <Field label="Topic" name="topic" defaultValue={values?.topic} errors={errors?.topic} />
      <div className="field">
        <label htmlFor="field-description">Description (optional)</label>
        <textarea
          id="field-description"
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={values?.description}
          aria-invalid={errors?.description ? true : undefined}
          aria-describedby={errors?.description ? "field-description-errors" : undefined}
        />
        <ErrorList id="field-description-errors" errors={errors?.description} />
      </div>
      <div className="field-row">
        <Field
          label="Date (UTC)"
          name="date"
          type="date"
          defaultValue={values?.date}
          errors={errors?.date}
          hint={`Up to ${LATE_ENTRY_DAYS} days ago, to enter a session after it took place.`}
        />
        <Field label="Start time (UTC)" name="time" type="time" defaultValue={values?.time} errors={errors?.time} />
        <Field
          label="Length in minutes"
          name="durationMinutes"
          type="number"
          defaultValue={values?.durationMinutes}
          errors={errors?.durationMinutes}
          hint={`${MIN_DURATION_MINUTES} to ${MAX_DURATION_MINUTES}.`}
        />
      </div>
      <fieldset className="panel" aria-describedby={`hours-hint${errors?.hours ? " hours-errors" : ""}`}>
        <legend>Training hours credited for full attendance</legend>
        <p id="hours-hint" className="hint">
          In quarter hours, per domain; together at most the session's length. Partial attendance earns its share.
        </p>
        <ErrorList id="hours-errors" errors={errors?.hours} />
        <div className="field-row">
          {COURSE_DOMAIN_KEYS.map((domain) => {
            const name = hoursField(domain);
            const fieldErrors = errors?.[name];
            return (
              <div className="field" key={domain}>
                <label htmlFor={`field-${domain}`}>{COURSE_DOMAIN_LABELS[domain]} (hours)</label>
                <input
                  id={`field-${domain}`}
                  name={name}
                  type="number"
                  min={0}
                  step={0.25}
                  inputMode="decimal"
                  defaultValue={values?.[name]}
                  aria-invalid={fieldErrors || errors?.hours ? true : undefined}
                  aria-describedby={fieldErrors ? `field-${domain}-errors` : undefined}
                />
                <ErrorList id={`field-${domain}-errors`} errors={fieldErrors} />
              </div>
            );
          })}
        </div>
      </fieldset>
      <Field
        label="Location"
        name="location"
        required={false}
        defaultValue={values?.location}
        errors={errors?.location}
        hint="A room and address; or leave empty for an online-only session."
      />
      <Field
        label="Online link"
        name="onlineUrl"
        type="url"
        required={false}
        defaultValue={values?.onlineUrl}
        errors={errors?.onlineUrl}
        hint="Starts with https://. Only registered trainees see it."
      />
      <Field
        label="Places"
        name="capacity"
        type="number"
        required={false}
        defaultValue={values?.capacity}
        errors={errors?.capacity}
        hint="Leave empty for no limit."
      />
    </>
  );
}
