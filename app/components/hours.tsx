import { COURSE_DOMAIN_LABELS, type CourseDomainKey } from "~/domain/course-domains";
import { progressPercent } from "./progress-percent";

/** "Ethical responsibility 5 h, Advocacy 1 h" */
export function DomainHours({ domains }: { domains: { domain: string; hours: number }[] }) {
  return (
    <>
      {domains
        .map((entry) => `${COURSE_DOMAIN_LABELS[entry.domain as CourseDomainKey] ?? entry.domain} ${entry.hours} h`)
        .join(", ")}
    </>
  );
}

export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const percent = progressPercent(value, max);
  return (
    <div className="progress">
      <progress value={Math.min(value, max)} max={max} aria-label={label}>
        {percent}%
      </progress>
      <span aria-hidden="true">{percent}%</span>
    </div>
  );
}
