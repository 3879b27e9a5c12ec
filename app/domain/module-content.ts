// What a course module is, as instructors write it: the rules for its frontmatter, its sections and
// its knowledge check. Shared by the content files, the browser editor and delivery to trainees.
import { z } from "zod";
import { COURSE_DOMAIN_KEYS, hoursToMinutes } from "./course-domains";

export const MODULE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const OptionSchema = z.object({
  text: z.string().trim().min(1, "every option needs text").max(500),
  correct: z.boolean(),
  feedback: z.string().trim().min(1, "every option needs feedback shown after submission").max(1000),
});

export const QuestionSchema = z
  .object({
    prompt: z.string().trim().min(1, "every question needs a prompt").max(1000),
    options: z.array(OptionSchema).min(2, "a question needs at least 2 options").max(6, "a question has at most 6 options"),
  })
  .refine((question) => question.options.filter((option) => option.correct).length === 1, {
    message: "each question needs exactly one correct option",
    path: ["options"],
  });

export const DomainHoursSchema = z.object({
  domain: z.enum(COURSE_DOMAIN_KEYS, { error: `domain must be one of: ${COURSE_DOMAIN_KEYS.join(", ")}` }),
  hours: z
    .number({ error: "hours must be a number" })
    .positive("hours must be more than 0")
    .max(40, "hours must be at most 40 for one module")
    .refine((hours) => Number.isInteger(hours * 4), "hours must be in quarter hours (0.25, 0.5, ...)"),
});

/** Everything about a module except its identity and version number. */
export const ModuleContentSchema = z.object({
  title: z.string().trim().min(3, "title must be at least 3 characters").max(150),
  summary: z.string().trim().min(10, "summary must be at least 10 characters").max(600),
  estimatedMinutes: z.number().int("estimatedMinutes must be a whole number").min(5).max(2400),
  passMark: z.number().int().min(1, "passMark must be at least 1 (percent)").max(100, "passMark is a percent, at most 100"),
  domains: z
    .array(DomainHoursSchema)
    .min(1, "a module credits hours to at least one domain")
    .refine((domains) => new Set(domains.map((d) => d.domain)).size === domains.length, "each domain may appear once"),
  competencies: z
    .array(z.number().int().min(1).max(12, "SAMHSA competency categories run from 1 to 12"))
    .min(1, "name at least one SAMHSA competency category"),
  objectives: z.array(z.string().trim().min(3).max(300)).min(1, "list at least one learning objective"),
  questions: z.array(QuestionSchema).min(5, "the knowledge check needs at least 5 questions").max(30),
  body: z.string().min(1),
});

export type ModuleContent = z.infer<typeof ModuleContentSchema>;

/**
 * A draft may be unfinished (no questions yet, say) but every part it has must be well formed.
 * Publishing checks the full ModuleContentSchema and bodyProblems.
 */
export const ModuleDraftSchema = ModuleContentSchema.extend({
  title: z.string().trim().min(1, "give the module a title").max(150),
  summary: z.string().trim().max(600),
  domains: z.array(DomainHoursSchema),
  competencies: z.array(z.number().int().min(1).max(12)),
  objectives: z.array(z.string().trim().min(3, "each objective needs at least 3 characters").max(300)),
  questions: z.array(QuestionSchema).max(30),
  body: z.string().max(200_000),
});
export type Question = z.infer<typeof QuestionSchema>;

/** A module file in content/modules: frontmatter plus the Markdown body. */
export const ModuleFileSchema = ModuleContentSchema.extend({
  id: z.string().regex(MODULE_SLUG, "id must be lower-case words joined by hyphens, like ethics-boundaries"),
  version: z.number().int().min(1, "version must be 1 or more"),
});

export type ModuleFile = z.infer<typeof ModuleFileSchema>;

export type Section = { title: string; markdown: string };

/**
 * Splits a body into sections at each level-2 heading ("## "). Text before the first heading, if
 * any, becomes an "Introduction" section. Headings inside fenced code are not section breaks.
 */
export function splitSections(body: string): Section[] {
  const sections: Section[] = [];
  let current: Section | null = null;
  let inFence = false;
  const intro: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (/^(```|~~~)/.test(line.trim())) inFence = !inFence;
    const heading = !inFence ? /^##\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading) {
      if (current) sections.push(current);
      current = { title: heading[1]!, markdown: "" };
    } else if (current) {
      current.markdown += `${line}\n`;
    } else {
      intro.push(line);
    }
  }
  if (current) sections.push(current);
  const introText = intro.join("\n").trim();
  if (introText) sections.unshift({ title: "Introduction", markdown: `${introText}\n` });
  return sections.map((section) => ({ ...section, markdown: section.markdown.trim() }));
}

export function bodyProblems(body: string): string[] {
  const sections = splitSections(body);
  const problems: string[] = [];
  if (sections.length < 2) problems.push("the body needs at least 2 sections, each starting with a '## ' heading");
  if (!sections.some((section) => /^case vignette/i.test(section.title))) {
    problems.push("the body needs a case vignette section ('## Case vignette: ...')");
  }
  const empty = sections.find((section) => !section.markdown);
  if (empty) problems.push(`the section "${empty.title}" has no text`);
  return problems;
}

export type CheckResult = {
  correct: number;
  total: number;
  percent: number;
  passed: boolean;
  /** Per question: the option chosen (null when unanswered), whether it was right, and the right one. */
  answers: { chosen: number | null; right: boolean; correctOption: number }[];
};

/** Scores a knowledge check. `chosen[i]` is the option picked for question i, or null. */
export function scoreKnowledgeCheck(questions: readonly Question[], chosen: readonly (number | null)[], passMark: number): CheckResult {
  const answers = questions.map((question, index) => {
    const correctOption = question.options.findIndex((option) => option.correct);
    const pick = chosen[index] ?? null;
    return { chosen: pick, right: pick === correctOption, correctOption };
  });
  const correct = answers.filter((answer) => answer.right).length;
  const percent = questions.length ? Math.round((correct / questions.length) * 1000) / 10 : 0;
  return { correct, total: questions.length, percent, passed: percent >= passMark, answers };
}

/** A module is complete when every section has been seen and the knowledge check passed. */
export function isModuleComplete(sectionCount: number, seenSections: readonly number[], checkPassed: boolean) {
  const seen = new Set(seenSections);
  for (let index = 0; index < sectionCount; index++) if (!seen.has(index)) return false;
  return checkPassed;
}

/** The first section not yet seen: where a returning trainee resumes. */
export function resumeSection(sectionCount: number, seenSections: readonly number[]) {
  const seen = new Set(seenSections);
  for (let index = 0; index < sectionCount; index++) if (!seen.has(index)) return index;
  return null;
}

export const creditedMinutes = (domains: ModuleContent["domains"]) =>
  domains.map((entry) => ({ domain: entry.domain, minutes: hoursToMinutes(entry.hours) }));

export const totalHours = (domains: ModuleContent["domains"]) => domains.reduce((sum, entry) => sum + entry.hours, 0);
