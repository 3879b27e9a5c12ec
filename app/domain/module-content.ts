// What a course module is, as instructors write it: the rules for its frontmatter, its sections and
// its knowledge check. Shared by the content files, the browser editor and delivery to trainees.
import { z } from "zod";
import { COURSE_DOMAIN_KEYS, hoursToMinutes } from "./course-domains";

export const MODULE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// Messages are phrases in authors' words that read after the field's name: the editor puts its label
// in front ("Pass mark: at most 100%"), a content file report its path ("passMark: at most 100%").
const OptionSchema = z.object({
  text: z.string({ error: "write the option's text" }).trim().min(1, "write the option's text").max(500, "keep the option's text to 500 characters"),
  correct: z.boolean({ error: "say whether the option is the right one (true or false)" }),
  feedback: z
    .string({ error: "write the feedback shown after submission" })
    .trim()
    .min(1, "write the feedback shown after submission")
    .max(1000, "keep the feedback to 1000 characters"),
});

export const QuestionSchema = z
  .object({
    prompt: z.string({ error: "write the question" }).trim().min(1, "write the question").max(1000, "keep the question to 1000 characters"),
    options: z
      .array(OptionSchema, { error: "give the options as a list" })
      .min(2, "give at least 2 options")
      .max(6, "give at most 6 options"),
  })
  .refine((question) => question.options.filter((option) => option.correct).length === 1, {
    message: "mark exactly one option as the right one",
    path: ["options"],
  });

export const DomainHoursSchema = z.object({
  domain: z.enum(COURSE_DOMAIN_KEYS, { error: `must be one of: ${COURSE_DOMAIN_KEYS.join(", ")}` }),
  hours: z
    .number({ error: "enter the hours as a number, like 1.5" })
    .positive("must be more than 0")
    .max(40, "at most 40 for one module")
    .refine((hours) => Number.isInteger(hours * 4), "use quarter hours (0.25, 0.5, 0.75, ...)"),
});

const wholeMinutes = "enter a whole number of minutes";
const wholePercent = "enter a whole percent from 1 to 100";
const category = "categories are numbers from 1 to 12";
const competencyNumber = z.number({ error: category }).int(category).min(1, category).max(12, category);
const objective = z
  .string({ error: "write each objective as text" })
  .trim()
  .min(3, "write at least 3 characters")
  .max(300, "keep it to 300 characters");

/** Everything about a module except its identity and version number. */
export const ModuleContentSchema = z.object({
  title: z.string({ error: "give the module a title" }).trim().min(3, "write at least 3 characters").max(150, "keep it to 150 characters"),
  summary: z.string({ error: "write a summary" }).trim().min(10, "write at least 10 characters").max(600, "keep it to 600 characters"),
  estimatedMinutes: z.number({ error: wholeMinutes }).int(wholeMinutes).min(5, "at least 5 minutes").max(2400, "at most 2400 minutes (40 hours)"),
  passMark: z.number({ error: wholePercent }).int(wholePercent).min(1, "at least 1%").max(100, "at most 100%"),
  domains: z
    .array(DomainHoursSchema, { error: "give the hours as a list of domains" })
    .min(1, "give hours in at least one domain")
    .refine((domains) => new Set(domains.map((d) => d.domain)).size === domains.length, "name each domain once"),
  competencies: z.array(competencyNumber, { error: "give the categories as a list" }).min(1, "choose at least one category"),
  objectives: z.array(objective, { error: "give the objectives as a list" }).min(1, "list at least one learning objective"),
  questions: z
    .array(QuestionSchema, { error: "give the questions as a list" })
    .min(5, "needs at least 5 questions")
    .max(30, "has at most 30 questions"),
  body: z.string({ error: "write the module text" }).min(1, "write the module text"),
});

export type ModuleContent = z.infer<typeof ModuleContentSchema>;

/**
 * A draft may be unfinished (no questions yet, say) but every part it has must be well formed.
 * Publishing checks the full ModuleContentSchema and bodyProblems.
 */
export const ModuleDraftSchema = ModuleContentSchema.extend({
  title: z.string({ error: "give the module a title" }).trim().min(1, "give the module a title").max(150, "keep it to 150 characters"),
  summary: z.string({ error: "write a summary" }).trim().max(600, "keep it to 600 characters"),
  domains: z.array(DomainHoursSchema),
  competencies: z.array(competencyNumber),
  objectives: z.array(objective),
  questions: z.array(QuestionSchema).max(30, "has at most 30 questions"),
  body: z.string({ error: "write the module text" }).max(200_000, "keep it to 200,000 characters"),
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

/** What the body (the module text) still needs, as phrases that read after its name, like the schema's. */
export function bodyProblems(body: string): string[] {
  const sections = splitSections(body);
  const problems: string[] = [];
  if (sections.length < 2) problems.push("needs at least 2 sections, each starting with a '## ' heading");
  if (!sections.some((section) => /^case vignette/i.test(section.title))) {
    problems.push("needs a case vignette section ('## Case vignette: ...')");
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
