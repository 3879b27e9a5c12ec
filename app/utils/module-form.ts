// The module editor's form: field names and how they turn into module content. Questions are
// fieldsets q0, q1, ... with up to OPTION_SLOTS options each; a blank option or question is left out.
import { COURSE_DOMAIN_KEYS } from "~/domain/course-domains";
import type { ModuleContent } from "~/domain/module-content";

export const OPTION_SLOTS = 5;

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "").trim();

const number = (value: string) => (value === "" ? Number.NaN : Number(value));

/** Reads the editor form into the shape ModuleDraftSchema checks; zod gives the messages. */
export function readModuleForm(formData: FormData): Record<string, unknown> {
  const domains = COURSE_DOMAIN_KEYS.flatMap((domain) => {
    const hours = text(formData, `hours.${domain}`);
    return hours === "" || hours === "0" ? [] : [{ domain, hours: number(hours) }];
  });
  const questions: unknown[] = [];
  for (let index = 0; formData.has(`q${index}.prompt`); index++) {
    const prompt = text(formData, `q${index}.prompt`);
    if (formData.get(`q${index}.remove`) === "on" || prompt === "") continue;
    const correct = text(formData, `q${index}.correct`);
    const options = [];
    for (let slot = 0; slot < OPTION_SLOTS; slot++) {
      const optionText = text(formData, `q${index}.o${slot}.text`);
      if (!optionText) continue;
      options.push({ text: optionText, correct: correct === String(slot), feedback: text(formData, `q${index}.o${slot}.feedback`) });
    }
    questions.push({ prompt, options });
  }
  return {
    title: text(formData, "title"),
    summary: text(formData, "summary"),
    estimatedMinutes: number(text(formData, "estimatedMinutes")),
    passMark: number(text(formData, "passMark")),
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
