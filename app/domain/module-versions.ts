// Comparing two versions of a module, and writing a version back out in the content/ file format, so
// the files and the database can travel both ways.
import { diffLines } from "diff";
import { stringify } from "yaml";
import { COURSE_DOMAIN_LABELS, type CourseDomainKey } from "./course-domains";
import type { ModuleContent } from "./module-content";

export type LineChange = { kind: "added" | "removed" | "same"; text: string };

const describeDomains = (domains: ModuleContent["domains"]) =>
  domains.map((entry) => `${COURSE_DOMAIN_LABELS[entry.domain as CourseDomainKey]} ${entry.hours} h`).join(", ") || "none";

function lineChanges(before: string, after: string): LineChange[] {
  return diffLines(before, after).flatMap((part) =>
    part.value
      .replace(/\n$/, "")
      .split("\n")
      .map((text) => ({ kind: part.added ? "added" : part.removed ? "removed" : "same", text }) as LineChange),
  );
}

const questionsText = (questions: ModuleContent["questions"]) => stringify(questions, { lineWidth: 0 });

export function compareVersions(before: ModuleContent, after: ModuleContent) {
  const fields: string[] = [];
  const changed = (label: string, a: unknown, b: unknown, show: (value: never) => string = String) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) fields.push(`${label}: ${show(a as never)} → ${show(b as never)}`);
  };
  changed("Title", before.title, after.title);
  changed("Summary", before.summary, after.summary);
  changed("Estimated minutes", before.estimatedMinutes, after.estimatedMinutes);
  changed("Pass mark", before.passMark, after.passMark, (value: number) => `${value}%`);
  changed("Hours", before.domains, after.domains, describeDomains);
  changed("SAMHSA categories", before.competencies, after.competencies, (value: number[]) => value.join(", ") || "none");
  changed("Objectives", before.objectives, after.objectives, (value: string[]) => `${value.length} objective(s)`);
  const body = lineChanges(before.body.trim() + "\n", after.body.trim() + "\n");
  const questions = lineChanges(questionsText(before.questions), questionsText(after.questions));
  return {
    fields,
    body: body.some((line) => line.kind !== "same") ? body : [],
    questions: questions.some((line) => line.kind !== "same") ? questions : [],
  };
}

/** A value as JSON with every object's keys sorted: stored JSON columns do not keep the order written. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * A module's content field by field, in a fixed order, the body without its surrounding blank lines:
 * what two versions are compared on, and what a version's fingerprint (contentHash) is taken of.
 */
export function contentFields(content: ModuleContent) {
  return [
    content.title,
    content.summary,
    content.estimatedMinutes,
    content.passMark,
    content.domains,
    content.competencies,
    content.objectives,
    content.questions,
    content.body.trim(),
  ] as const;
}

/**
 * Whether two versions say the same thing, field for field, as compareVersions reads them (the body
 * without its surrounding blank lines): publishing one over the other would change nothing.
 */
export function sameContent(a: ModuleContent, b: ModuleContent) {
  return canonicalJson(contentFields(a)) === canonicalJson(contentFields(b));
}

/** A version as a content/modules file: YAML frontmatter, then the Markdown body. */
export function toModuleFile(id: string, version: number, content: ModuleContent) {
  // Named fields only: a database row passed in carries columns that are not part of the format.
  const frontmatter = stringify(
    {
      id,
      title: content.title,
      summary: content.summary,
      version,
      estimatedMinutes: content.estimatedMinutes,
      passMark: content.passMark,
      domains: content.domains,
      competencies: content.competencies,
      objectives: content.objectives,
      questions: content.questions,
    },
    { lineWidth: 0 },
  );
  return `---\n${frontmatter}---\n\n${content.body.trim()}\n`;
}
