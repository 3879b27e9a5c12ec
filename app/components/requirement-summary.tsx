import type { Requirement } from "~/domain/requirements";
import { COURSE_DOMAIN_LABELS, evidenceLabel } from "~/domain/requirements";
import { ScrollingTable } from "./scrolling-table";

/** A credential's requirement version in plain words, for boards and trainees. */
export function RequirementSummary({ requirement }: { requirement: Requirement }) {
  const { training, experience, exam, renewal, provisional } = requirement;
  const domainLabel = new Map(training.domains.map((domain) => [domain.key, domain.label]));
  return (
    <div className="requirement">
      <p>
        <strong>Training:</strong> {training.totalHours} hours in all.
        {experience.hours || experience.supervisedHours ? (
          <>
            {" "}
            <strong>Experience:</strong> {experience.hours} hours, {experience.supervisedHours} of them supervised.
          </>
        ) : null}{" "}
        <strong>Exam:</strong> {exam.required ? exam.name : "none"}.
      </p>
      {training.domains.length ? (
        <ScrollingTable caption="Training hours by domain">
          <thead>
            <tr>
              <th scope="col">Domain</th>
              <th scope="col">At least</th>
              <th scope="col">At most (more does not count)</th>
            </tr>
          </thead>
          <tbody>
            {training.domains.map((domain) => (
              <tr key={domain.key}>
                <td>{domain.label}</td>
                <td>{domain.minHours} h</td>
                <td>{domain.maxHours === null ? "no limit" : `${domain.maxHours} h`}</td>
              </tr>
            ))}
          </tbody>
        </ScrollingTable>
      ) : null}
      <p>
        <strong>Course hours count toward:</strong>{" "}
        {Object.entries(requirement.crosswalk)
          .map(([courseDomain, target]) => `${COURSE_DOMAIN_LABELS[courseDomain as keyof typeof COURSE_DOMAIN_LABELS]} → ${target ? domainLabel.get(target) ?? target : "the total only"}`)
          .join("; ")}
        .
      </p>
      {requirement.evidence.length ? (
        <p>
          <strong>Other evidence:</strong> {requirement.evidence.map(evidenceLabel).join("; ")}.
        </p>
      ) : null}
      {renewal ? (
        <p>
          <strong>Renewal:</strong> every {renewal.periodMonths} months with {renewal.continuingEducation.totalHours} continuing-education hours
          {renewal.continuingEducation.categories.length
            ? ` (${renewal.continuingEducation.categories.map((c) => `${c.label} at least ${c.minHours}`).join(", ")})`
            : ""}
          .
        </p>
      ) : null}
      {provisional ? (
        <p>
          <strong>Provisional stage:</strong> {provisional.name} for {provisional.durationMonths} months, completing {provisional.deferred.join(", ")} during it.
        </p>
      ) : null}
      {requirement.reviewerChecks.length ? (
        <p>
          <strong>Checked by a reviewer:</strong> {requirement.reviewerChecks.join("; ")}.
        </p>
      ) : null}
      <p className="hint">Source: {requirement.source}</p>
    </div>
  );
}
