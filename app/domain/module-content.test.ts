import { describe, expect, it } from "vitest";
import {
  ModuleFileSchema,
  bodyProblems,
  isModuleComplete,
  resumeSection,
  scoreKnowledgeCheck,
  splitSections,
  type Question,
} from "./module-content";

const question = (correct: number): Question => ({
  prompt: "Which?",
  options: [0, 1, 2].map((index) => ({ text: `Option ${index}`, correct: index === correct, feedback: `Because ${index}` })),
});

describe("splitSections", () => {
  it("starts a section at each level-2 heading, keeps text before the first as an introduction, and ignores headings in code", () => {
    const sections = splitSections("Opening words.\n\n## First\n\nOne.\n\n```\n## not a heading\n```\n\n## Second ##\n\nTwo.\n");
    expect(sections.map((s) => s.title)).toEqual(["Introduction", "First", "Second"]);
    expect(sections[1]!.markdown).toContain("## not a heading");
  });
});

describe("bodyProblems", () => {
  it("asks for sections and a case vignette", () => {
    expect(bodyProblems("Just text")).toEqual([
      "needs at least 2 sections, each starting with a '## ' heading",
      "needs a case vignette section ('## Case vignette: ...')",
    ]);
    expect(bodyProblems("## One\n\nText\n\n## Case vignette: Ana\n\nStory")).toEqual([]);
  });
});

describe("scoreKnowledgeCheck", () => {
  it("scores right answers against the pass mark and reports the right option for each question", () => {
    const questions = [question(0), question(1), question(2), question(0), question(1)];
    const result = scoreKnowledgeCheck(questions, [0, 1, 2, 1, null], 60);
    expect(result).toMatchObject({ correct: 3, total: 5, percent: 60, passed: true });
    expect(result.answers[3]).toEqual({ chosen: 1, right: false, correctOption: 0 });
    expect(result.answers[4]).toEqual({ chosen: null, right: false, correctOption: 1 });
    expect(scoreKnowledgeCheck(questions, [0, 1, 2, 1, null], 80).passed).toBe(false);
  });
});

describe("completion and resuming", () => {
  it("needs every section seen and a passed check", () => {
    expect(isModuleComplete(3, [0, 1, 2], true)).toBe(true);
    expect(isModuleComplete(3, [0, 2], true)).toBe(false);
    expect(isModuleComplete(3, [0, 1, 2], false)).toBe(false);
  });
  it("resumes at the first unseen section", () => {
    expect(resumeSection(4, [0, 1, 3])).toBe(2);
    expect(resumeSection(2, [0, 1])).toBeNull();
  });
});

describe("ModuleFileSchema", () => {
  const valid = {
    id: "listening",
    version: 1,
    title: "Listening",
    summary: "How to listen well.",
    estimatedMinutes: 60,
    passMark: 80,
    domains: [{ domain: "mentoring-education", hours: 2.5 }],
    competencies: [9],
    objectives: ["Reflect feelings"],
    questions: [question(0), question(1), question(2), question(0), question(1)],
    body: "## A\n\nB",
  };
  const messages = (change: Record<string, unknown>) =>
    ModuleFileSchema.safeParse({ ...valid, ...change }).error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);

  it("accepts a complete module", () => {
    expect(ModuleFileSchema.safeParse(valid).success).toBe(true);
  });
  it("refuses unknown domains, negative or odd hours, bad ids and questions without exactly one right option", () => {
    expect(messages({ domains: [{ domain: "juggling", hours: 1 }] })?.[0]).toMatch(/^domains.0.domain: must be one of: advocacy, /);
    expect(messages({ domains: [{ domain: "advocacy", hours: -1 }] })).toEqual(["domains.0.hours: must be more than 0"]);
    expect(messages({ domains: [{ domain: "advocacy", hours: 1.1 }] })).toEqual(["domains.0.hours: use quarter hours (0.25, 0.5, 0.75, ...)"]);
    expect(messages({ id: "Bad Id" })?.[0]).toMatch(/^id: id must be lower-case/);
    expect(messages({ questions: [...valid.questions.slice(1), { ...question(0), options: question(0).options.map((o) => ({ ...o, correct: true })) }] })).toEqual([
      "questions.4.options: mark exactly one option as the right one",
    ]);
    expect(messages({ questions: valid.questions.slice(0, 4) })).toEqual(["questions: needs at least 5 questions"]);
  });
  it("says what is wrong with each field in words, never zod's own text", () => {
    const wrong = {
      title: undefined,
      summary: "Short",
      estimatedMinutes: "sixty",
      passMark: 150,
      domains: [{ domain: "advocacy", hours: "two" }],
      competencies: [13],
      objectives: [],
      questions: [{ prompt: "", options: [{ text: "Yes", correct: "yes" }] }],
      body: "",
    };
    expect(messages(wrong)).toEqual([
      "title: give the module a title",
      "summary: write at least 10 characters",
      "estimatedMinutes: enter a whole number of minutes",
      "passMark: at most 100%",
      "domains.0.hours: enter the hours as a number, like 1.5",
      "competencies.0: categories are numbers from 1 to 12",
      "objectives: list at least one learning objective",
      "questions.0.prompt: write the question",
      "questions.0.options.0.correct: say whether the option is the right one (true or false)",
      "questions.0.options.0.feedback: write the feedback shown after submission",
      "questions.0.options: give at least 2 options",
      "questions: needs at least 5 questions",
      "body: write the module text",
    ]);
    expect(messages({ estimatedMinutes: Number.NaN, passMark: 0.5, title: "x".repeat(151) })).toEqual([
      "title: keep it to 150 characters",
      "estimatedMinutes: enter a whole number of minutes",
      "passMark: enter a whole percent from 1 to 100",
    ]);
  });
});
