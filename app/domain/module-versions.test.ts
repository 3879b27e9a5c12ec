import { describe, expect, it } from "vitest";
import type { ModuleContent } from "./module-content";
import { compareVersions, sameContent, toModuleFile } from "./module-versions";

const base: ModuleContent = {
  title: "Listening",
  summary: "How to listen well to someone in recovery.",
  estimatedMinutes: 60,
  passMark: 80,
  domains: [{ domain: "mentoring-education", hours: 2 }],
  competencies: [9],
  objectives: ["Reflect feelings"],
  questions: [
    { prompt: "Q?", options: [{ text: "A", correct: true, feedback: "Yes" }, { text: "B", correct: false, feedback: "No" }] },
  ],
  body: "## One\n\nFirst line.\nSecond line.\n",
};

describe("compareVersions", () => {
  it("lists changed fields in words and marks added and removed lines", () => {
    const next = {
      ...base,
      passMark: 70,
      domains: [{ domain: "mentoring-education" as const, hours: 3 }],
      body: "## One\n\nFirst line.\nA new second line.\n",
    };
    const changes = compareVersions(base, next);
    expect(changes.fields).toEqual(["Pass mark: 80% → 70%", "Hours: Mentoring and education 2 h → Mentoring and education 3 h"]);
    expect(changes.body.filter((line) => line.kind !== "same")).toEqual([
      { kind: "removed", text: "Second line." },
      { kind: "added", text: "A new second line." },
    ]);
    expect(changes.questions).toEqual([]);
  });

  it("reports no change between identical versions", () => {
    expect(compareVersions(base, structuredClone(base))).toEqual({ fields: [], body: [], questions: [] });
  });
});

describe("sameContent", () => {
  it("finds a copy the same, whatever order its stored JSON keeps and however many blank lines end the body", () => {
    const stored = {
      ...structuredClone(base),
      domains: [{ hours: 2, domain: "mentoring-education" as const }],
      questions: base.questions.map((question) => ({ options: question.options.map(({ feedback, correct, text }) => ({ feedback, correct, text })), prompt: question.prompt })),
      body: "\n" + base.body + "\n\n",
    };
    expect(sameContent(base, stored)).toBe(true);
  });

  it("finds any change to what a trainee reads or is credited with a difference", () => {
    expect(sameContent(base, { ...base, passMark: 81 })).toBe(false);
    expect(sameContent(base, { ...base, domains: [{ domain: "mentoring-education", hours: 2.25 }] })).toBe(false);
    expect(sameContent(base, { ...base, body: base.body.replace("Second", "2nd") })).toBe(false);
    const feedback = structuredClone(base);
    feedback.questions[0]!.options[1]!.feedback = "Not quite";
    expect(sameContent(base, feedback)).toBe(false);
  });
});

describe("toModuleFile", () => {
  it("writes frontmatter with id and version, then the body, and nothing else a row carries", () => {
    const text = toModuleFile("listening", 3, base);
    expect(text.startsWith("---\nid: listening\ntitle: Listening\nsummary: How to listen well to someone in recovery.\nversion: 3\n")).toBe(true);
    expect(text).toContain("---\n\n## One\n\nFirst line.");
    const fromRow = toModuleFile("listening", 3, { ...base, id: "cuid123", moduleId: "m1" } as ModuleContent);
    expect(fromRow).not.toMatch(/cuid123|moduleId/);
  });
});
