// The module editor's form: field names and how they turn into module content. Questions are
// fieldsets q0, q1, ... with up to OPTION_SLOTS options each. Only an option or question left entirely
// empty is left out; one with some parts typed is kept whole, so the schema names what is missing.
import { COURSE_DOMAIN_KEYS, COURSE_DOMAIN_LABELS, type CourseDomainKey } from "~/domain/course-domains";
import { parsePlainDecimal, parseWholeNumber } from "~/domain/form-numbers";
import type { ModuleContent } from "~/domain/module-content";

export const OPTION_SLOTS = 5;

/** The editor's fields by the names the page gives them; its problems name the fields the same way. */
export const EDITOR_FIELDS = {
  title: "Title",
  summary: "Summary",
  estimatedMinutes: "Estimated minutes of study",
  passMark: "Pass mark",
  domains: "Hours credited per domain",
  competencies: "SAMHSA core-competency categories",
  objectives: "Learning objectives",
  questions: "Knowledge check",
  body: "Module text",
} as const satisfies Record<keyof ModuleContent, string>;

/** Options are lettered A, B, C, ... on the page. */
export const optionLetter = (slot: number) => String.fromCharCode(65 + slot);

/**
 * One problem with a module's content (a zod issue's path and message, a phrase in authors' words) as
 * the editor says it, naming the field as labelled: "Pass mark: at most 100%", "Question 3, option B:
 * write the option's text", "Hours for Advocacy: must be more than 0". Saving and publishing both use
 * it, so they name a field alike. `content` is what was checked, to name a domain by its label.
 */
export function describeModuleProblem(path: readonly PropertyKey[], message: string, content: { domains?: unknown }): string {
  const [field, index, part, partIndex] = path;
  if (field === "questions" && typeof index === "number") {
    const option = part === "options" && typeof partIndex === "number" ? `, option ${optionLetter(partIndex)}` : "";
    return `Question ${index + 1}${option}: ${message}`;
  }
  if (field === "domains" && typeof index === "number") {
    const domain = Array.isArray(content.domains) ? (content.domains[index] as { domain?: unknown } | undefined)?.domain : undefined;
    const label = COURSE_DOMAIN_LABELS[domain as CourseDomainKey] as string | undefined;
    return `${label ? `Hours for ${label}` : EDITOR_FIELDS.domains}: ${message}`;
  }
  if (field === "objectives" && typeof index === "number") return `Learning objective ${index + 1}: ${message}`;
  const name = (EDITOR_FIELDS as Record<PropertyKey, string>)[field ?? ""];
  return name ? `${name}: ${message}` : `${message.charAt(0).toUpperCase()}${message.slice(1)}`;
}

/** What the module text still needs before publishing, named like the other fields. */
export const describeBodyProblem = (message: string) => `${EDITOR_FIELDS.body}: ${message}`;

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "").trim();


/** Reads the editor form into the shape ModuleDraftSchema checks; describeModuleProblem words its problems. */
export function readModuleForm(formData: FormData): Record<string, unknown> {
  const domains = COURSE_DOMAIN_KEYS.flatMap((domain) => {
    const hours = text(formData, `hours.${domain}`);
    // NaN for blank and for what only Number() reads as a number ("1e1", "0x2"), so the schema names the field.
    return hours === "" || parsePlainDecimal(hours) === 0 ? [] : [{ domain, hours: parsePlainDecimal(hours) }];
  });
  const questions: unknown[] = [];
  for (let index = 0; formData.has(`q${index}.prompt`); index++) {
    if (formData.get(`q${index}.remove`) === "on") continue;
    const prompt = text(formData, `q${index}.prompt`);
    const correct = text(formData, `q${index}.correct`);
    const options = [];
    for (let slot = 0; slot < OPTION_SLOTS; slot++) {
      const option = { text: text(formData, `q${index}.o${slot}.text`), correct: correct === String(slot), feedback: text(formData, `q${index}.o${slot}.feedback`) };
      // An option with anything typed or ticked is kept, so a missing part is reported, not dropped.
      if (option.text || option.feedback || option.correct) options.push(option);
    }
    // Only a fieldset left entirely empty (like an unused "Add a question") is no question at all.
    if (prompt === "" && options.every((option) => !option.text && !option.feedback)) continue;
    questions.push({ prompt, options });
  }
  return {
    title: text(formData, "title"),
    summary: text(formData, "summary"),
    estimatedMinutes: parseWholeNumber(text(formData, "estimatedMinutes")),
    passMark: parseWholeNumber(text(formData, "passMark")),
    domains,
    competencies: formData.getAll("competencies").map((value) => Number(value)),
    objectives: text(formData, "objectives")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
    questions,
    body: String(formData.get("body") ?? "").replace(/\r\n/g, "\n"),
  };
}

/** Blank content for a new module: the structure an author fills in. */
export function newModuleContent(title: string): ModuleContent {
  return {
    title,
    summary: "",
    estimatedMinutes: 60,
    passMark: 80,
    domains: [],
    competencies: [],
    objectives: [],
    questions: [],
    body: "## Introduction\n\nWhat this module is about and why it matters.\n\n## Case vignette: ...\n\nA short scenario.\n\nDiscussion questions:\n\n1. ...\n",
  };
}
