import { describe, expect, it } from "vitest";
import { shippedRequirements } from "../../tests/fixtures/requirement-files";
import { evaluateEligibility, type LedgerEntry, type TraineeEvidence } from "./eligibility";
import { lastCountedDay, summariseLedger } from "./ledger-summary";
import { COURSE_DOMAIN_KEYS } from "./course-domains";

const requirements = shippedRequirements();

const evidence: TraineeEvidence = { attestedCodeOfEthics: true, documentKinds: [], lettersOfRecommendation: 3, monthsInRecovery: 24 };
const KINDS = ["training", "experience", "supervised", "continuing-education"] as const;
const STATUSES = ["approved", "approved", "approved", "pending", "rejected", "voided"] as const;

/** A deterministic pseudo-random ledger (mulberry32), with odd minutes and dates either side of asOf. */
function generatedLedger(seed: number, size: number): LedgerEntry[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: size }, (_, index) => {
    const kind = pick(KINDS);
    return {
      id: `entry-${index}`,
      kind,
      status: pick(STATUSES),
      hours: (1 + Math.floor(random() * 600)) / 60,
      courseDomain: kind === "training" && random() < 0.9 ? pick(COURSE_DOMAIN_KEYS) : null,
      ceCategory: kind === "continuing-education" ? pick(["ethics", null]) : null,
      occurredOn: new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 400) * 86_400_000),
    };
  });
}

describe("a ledger summarised for eligibility", () => {
  it("gives every requirement the same verdict as the full ledger, on the day and either side of an entry's date", () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const ledger = generatedLedger(seed, 20 + seed * 5);
      for (const asOf of [new Date("2025-06-30T00:00:00Z"), new Date("2025-06-30T23:59:59Z"), new Date("2025-07-01T00:00:00Z"), new Date("2026-03-01T12:00:00Z")]) {
        const summary = summariseLedger(ledger, asOf);
        expect(summary.length).toBeLessThan(ledger.length);
        for (const requirement of requirements) {
          const exam = { passed: seed % 2 === 0 };
          expect(evaluateEligibility({ requirement, ledger: summary, evidence, exam, asOf })).toEqual(
            evaluateEligibility({ requirement, ledger, evidence, exam, asOf }),
          );
        }
      }
    }
  });

  it("keeps the entries after asOf apart from those on or before it", () => {
    const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const entry = (id: string, occurredOn: Date): LedgerEntry => ({ id, kind: "training", status: "approved", hours: 2, courseDomain: "advocacy", occurredOn });
    const asOf = new Date("2025-03-10T18:00:00Z");
    const summary = summariseLedger([entry("a", day("2025-03-09")), entry("b", day("2025-03-10")), entry("c", day("2025-03-11"))], asOf);
    expect(summary.map(({ id, hours, occurredOn }) => ({ id, hours, occurredOn }))).toEqual([
      { id: "training:approved:advocacy:counted", hours: 4, occurredOn: day("2025-03-10") },
      { id: "training:approved:advocacy:later", hours: 2, occurredOn: day("2025-03-11") },
    ]);
    expect(lastCountedDay(asOf)).toBe("2025-03-10");
  });
});
