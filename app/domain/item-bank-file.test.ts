import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { COURSE_DOMAIN_KEYS, type CourseDomainKey } from "./course-domains";
import { ITEM_TYPES, assembleForm, type BankItem, type ItemType } from "./exam-assembly";
import { validateItem } from "./exam-scoring";

// The IC&RC Peer Recovery practice bank is content a board edits, so its shape is checked like code.

const DOMAINS = COURSE_DOMAIN_KEYS;
const ID_PREFIX: Record<CourseDomainKey, string> = {
  advocacy: "pr-adv-",
  "mentoring-education": "pr-men-",
  "recovery-wellness-support": "pr-rws-",
  "ethical-responsibility": "pr-eth-",
};

type FileItem = {
  id: string;
  domain: string;
  type: ItemType;
  stem: string;
  options: { id: string; text: string }[];
  key: string[];
  rationale: string;
};

const file = path.resolve(import.meta.dirname, "../../content/exams/icrc-pr-items.yaml");
const bank = parse(readFileSync(file, "utf8")) as { exam: string; items: FileItem[] };

describe("content/exams/icrc-pr-items.yaml", () => {
  it("holds at least 64 items with unique, well-formed ids", () => {
    expect(bank.exam).toBe("ICRC-PR");
    expect(bank.items.length).toBeGreaterThanOrEqual(64);
    const ids = bank.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of bank.items) expect(item.id).toMatch(/^pr-(adv|men|rws|eth)-\d{3}$/);
  });

  it("has items that validate, with option ids a-e and a rationale that teaches", () => {
    const problems = bank.items.flatMap((item) => validateItem(item).map((error) => `${item.id}: ${error}`));
    expect(problems).toEqual([]);
    for (const item of bank.items) {
      expect(ITEM_TYPES, item.id).toContain(item.type);
      expect(item.options.map((option) => option.id).join(""), item.id).toBe("abcde".slice(0, item.options.length));
      expect(item.rationale?.trim().length ?? 0, item.id).toBeGreaterThan(40);
    }
  });

  it("covers every IC&RC domain with at least 14 items, each id prefixed by its domain", () => {
    const counts = Object.fromEntries(DOMAINS.map((domain) => [domain, 0]));
    for (const item of bank.items) {
      expect(DOMAINS, item.id).toContain(item.domain);
      expect(item.id.startsWith(ID_PREFIX[item.domain as CourseDomainKey]), item.id).toBe(true);
      counts[item.domain] = (counts[item.domain] ?? 0) + 1;
    }
    for (const domain of DOMAINS) expect(counts[domain], domain).toBeGreaterThanOrEqual(14);
  });

  it("mixes item types and spreads the keys of single-answer items across the letters", () => {
    const ofType = (type: ItemType) => bank.items.filter((item) => item.type === type);
    expect(ofType("multiple").length).toBeGreaterThanOrEqual(5);
    expect(ofType("true-false").length).toBeGreaterThanOrEqual(5);
    for (const item of ofType("multiple")) expect(item.stem, item.id).toMatch(/select all that apply/i);
    // A bank whose answer is nearly always "b" teaches test-wiseness, not peer work.
    const letters = ofType("single").map((item) => item.key[0]);
    for (const letter of ["a", "b", "c", "d"]) {
      expect(letters.filter((key) => key === letter).length, letter).toBeGreaterThanOrEqual(letters.length / 6);
    }
  });

  it("can fill a form with 14 items per domain", () => {
    const live: BankItem[] = bank.items.map((item) => ({
      id: item.id,
      versionId: `${item.id}@1`,
      domain: item.domain,
      status: "live",
      type: item.type,
      optionIds: item.options.map((option) => option.id),
    }));
    const blueprint = Object.fromEntries(DOMAINS.map((domain) => [domain, 14]));
    expect(assembleForm({ blueprint, pretestCount: 0, items: live, seed: "bank-check" })).toHaveLength(56);
  });
});
