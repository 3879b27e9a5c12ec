import { describe, expect, it } from "vitest";
import { assembleForm, seededRandom, type BankItem, type Blueprint, type FormEntry } from "./exam-assembly";

function bankItem(id: string, domain: string, overrides: Partial<BankItem> = {}): BankItem {
  return { id, versionId: `${id}@1`, domain, status: "live", type: "single", optionIds: ["a", "b", "c", "d"], ...overrides };
}

function items(prefix: string, domain: string, count: number, overrides: Partial<BankItem> = {}) {
  return Array.from({ length: count }, (_, index) => bankItem(`${prefix}-${index + 1}`, domain, overrides));
}

const bank: BankItem[] = [
  ...items("adv", "advocacy", 8),
  ...items("eth", "ethical-responsibility", 10),
  ...items("rws", "recovery-wellness-support", 6, { type: "true-false", optionIds: ["a", "b"] }),
  ...items("pre", "advocacy", 4, { status: "pretest" }),
  ...items("draft", "advocacy", 3, { status: "draft" }),
  ...items("old", "ethical-responsibility", 3, { status: "retired" }),
];
const blueprint: Blueprint = { advocacy: 5, "ethical-responsibility": 7, "recovery-wellness-support": 3 };
const versions = new Map(bank.map((item) => [item.versionId, item]));

function countBy(entries: readonly FormEntry[], scored: boolean) {
  const counts: Record<string, number> = {};
  for (const entry of entries.filter((entry) => entry.scored === scored)) counts[entry.domain] = (counts[entry.domain] ?? 0) + 1;
  return counts;
}

describe("assembleForm", () => {
  it("matches the blueprint exactly with live items and adds the pretest items unscored", () => {
    const form = assembleForm({ blueprint, pretestCount: 2, items: bank, seed: "attempt-1" });
    expect(form).toHaveLength(17);
    expect(countBy(form, true)).toEqual(blueprint);
    expect(countBy(form, false)).toEqual({ advocacy: 2 });
    for (const entry of form) {
      const item = versions.get(entry.itemVersionId)!;
      expect(item.status).toBe(entry.scored ? "live" : "pretest");
      expect([...entry.optionOrder].sort()).toEqual([...item.optionIds].sort());
    }
    expect(new Set(form.map((entry) => entry.itemVersionId)).size).toBe(form.length);
  });

  it("gives the same form for the same seed, whatever order the bank was read in", () => {
    const first = assembleForm({ blueprint, pretestCount: 2, items: bank, seed: "attempt-1" });
    const again = assembleForm({ blueprint, pretestCount: 2, items: [...bank].reverse(), seed: "attempt-1" });
    expect(again).toEqual(first);
  });

  it("draws different items, item orders and option orders for different seeds", () => {
    const forms = ["s1", "s2", "s3", "s4", "s5", "s6"].map((seed) => assembleForm({ blueprint, pretestCount: 2, items: bank, seed }));
    const itemSets = new Set(forms.map((form) => form.map((entry) => entry.itemVersionId).sort().join()));
    const itemOrders = new Set(forms.map((form) => form.map((entry) => entry.itemVersionId).join()));
    const optionOrders = new Set(forms.flatMap((form) => form.filter((entry) => entry.optionOrder.length === 4).map((entry) => entry.optionOrder.join())));
    expect(itemSets.size).toBeGreaterThan(1);
    expect(itemOrders.size).toBe(forms.length);
    expect(optionOrders.size).toBeGreaterThan(1);
    // Pretest items are mixed in among scored ones, not appended where a candidate could spot them.
    expect(forms.some((form) => form.slice(0, -2).some((entry) => !entry.scored))).toBe(true);
  });

  it("keeps true-false options in bank order, True before False", () => {
    const form = assembleForm({ blueprint, pretestCount: 0, items: bank, seed: "tf" });
    const trueFalse = form.filter((entry) => entry.domain === "recovery-wellness-support");
    expect(trueFalse).toHaveLength(3);
    for (const entry of trueFalse) expect(entry.optionOrder).toEqual(["a", "b"]);
  });

  it("refuses a blueprint the bank cannot fill and names every short domain", () => {
    const tooMuch = { ...blueprint, advocacy: 9, "mentoring-education": 2 };
    expect(() => assembleForm({ blueprint: tooMuch, pretestCount: 0, items: bank, seed: "x" })).toThrow(
      /domain "advocacy" needs 9 live items but the bank has 8; domain "mentoring-education" needs 2 live items but the bank has 0/,
    );
  });

  it("never counts draft, retired or pretest items toward the blueprint", () => {
    // 8 live advocacy items plus 4 pretest and 3 draft: still only 8 can be scored.
    expect(() => assembleForm({ blueprint: { advocacy: 10 }, pretestCount: 0, items: bank, seed: "x" })).toThrow(/"advocacy"/);
    expect(() => assembleForm({ blueprint: { "ethical-responsibility": 11 }, pretestCount: 0, items: bank, seed: "x" })).toThrow(
      /bank has 10/,
    );
  });

  it("carries fewer pretest items when the bank has fewer, rather than blocking the exam", () => {
    const form = assembleForm({ blueprint, pretestCount: 10, items: bank, seed: "x" });
    expect(form.filter((entry) => !entry.scored)).toHaveLength(4);
  });

  it("never puts two versions of one item on a form", () => {
    const revised = bank.map((item) => (item.id.startsWith("adv") ? [item, { ...item, versionId: `${item.id}@2`, status: "pretest" as const }] : [item])).flat();
    for (const seed of ["a", "b", "c", "d"]) {
      const form = assembleForm({ blueprint: { advocacy: 8 }, pretestCount: 4, items: revised, seed });
      const ids = form.map((entry) => entry.itemVersionId.split("@")[0]);
      expect(new Set(ids).size).toBe(form.length);
      expect(form.filter((entry) => !entry.scored).every((entry) => entry.itemVersionId.startsWith("pre-"))).toBe(true);
    }
  });

  it("rejects two live versions of one item and counts that are not whole numbers", () => {
    const twoLive = [...bank, bankItem("adv-1", "advocacy", { versionId: "adv-1@2" })];
    expect(() => assembleForm({ blueprint, pretestCount: 0, items: twoLive, seed: "x" })).toThrow(/"adv-1" has more than one live version/);
    expect(() => assembleForm({ blueprint: { advocacy: 2.5 }, pretestCount: 0, items: bank, seed: "x" })).toThrow(/whole number/);
    expect(() => assembleForm({ blueprint, pretestCount: -1, items: bank, seed: "x" })).toThrow(/pretest/);
  });
});

describe("seededRandom", () => {
  it("repeats exactly for a seed, differs between seeds and stays in [0, 1)", () => {
    const draw = (seed: string) => {
      const random = seededRandom(seed);
      return Array.from({ length: 1000 }, () => random());
    };
    expect(draw("form-7")).toEqual(draw("form-7"));
    expect(draw("form-7")).not.toEqual(draw("form-8"));
    const values = draw("");
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const average = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(average).toBeGreaterThan(0.45);
    expect(average).toBeLessThan(0.55);
  });
});
