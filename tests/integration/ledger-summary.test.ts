// The ledger summary PostgreSQL computes for the progress page and the standing report, against the
// full ledger it stands for: on generated ledgers, every requirement gives the same verdict from both.
import { beforeAll, describe, expect, it } from "vitest";
import { shippedRequirements } from "../fixtures/requirement-files";
import { COURSE_DOMAIN_KEYS } from "~/domain/course-domains";
import { evaluateEligibility, type TraineeEvidence } from "~/domain/eligibility";
import type { Prisma } from "~/generated/prisma/client";
import { ledgersForEligibility } from "~/models/ledger.server";
import { ledgerSummaries } from "~/models/ledger-summary.server";
import { prisma } from "~/utils/db.server";
import { uniqueEmail } from "./helpers";

const requirements = shippedRequirements();
const evidence: TraineeEvidence = { attestedCodeOfEthics: true, documentKinds: [], lettersOfRecommendation: 3, monthsInRecovery: 24 };

const KINDS = ["TRAINING", "EXPERIENCE", "SUPERVISED", "CONTINUING_EDUCATION"] as const;
const STATUSES = ["APPROVED", "APPROVED", "APPROVED", "PENDING", "CHANGES_REQUESTED", "REJECTED", "VOIDED"] as const;

describe("the ledger summary the database computes", () => {
  const traineeIds: string[] = [];

  beforeAll(async () => {
    let state = 7;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    for (let index = 0; index < 12; index++) {
      const user = await prisma.user.create({ data: { name: `Summary ${index}`, email: uniqueEmail("summary"), passwordHash: "not-used" } });
      traineeIds.push(user.id);
      // The last trainee has no entries at all.
      const size = index === 11 ? 0 : 30 + index * 25;
      const entries: Prisma.LedgerEntryCreateManyInput[] = Array.from({ length: size }, () => {
        const kind = pick(KINDS);
        return {
          traineeId: user.id,
          kind,
          status: pick(STATUSES),
          source: "LOGGED",
          minutes: 1 + Math.floor(random() * 600),
          courseDomain: kind === "TRAINING" && random() < 0.9 ? pick(COURSE_DOMAIN_KEYS) : null,
          ceCategory: kind === "CONTINUING_EDUCATION" ? pick(["ethics", null]) : null,
          occurredOn: new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 400) * 86_400_000),
          description: "Generated hours",
        };
      });
      if (entries.length) await prisma.ledgerEntry.createMany({ data: entries });
    }
  });

  it("gives every requirement the same verdict as the full ledger, on an entry's day and either side of it", async () => {
    const full = await ledgersForEligibility(traineeIds);
    for (const asOf of [new Date("2025-06-30T00:00:00Z"), new Date("2025-06-30T23:59:59Z"), new Date("2025-07-01T00:00:00Z"), new Date()]) {
      const summaries = await ledgerSummaries(traineeIds, asOf);
      expect([...summaries.keys()]).toEqual(traineeIds);
      for (const traineeId of traineeIds) {
        const ledger = full.get(traineeId)!;
        const summary = summaries.get(traineeId)!;
        if (ledger.length > 60) expect(summary.length).toBeLessThan(ledger.length);
        for (const requirement of requirements) {
          for (const exam of [null, { passed: true }]) {
            expect(evaluateEligibility({ requirement, ledger: summary, evidence, exam, asOf })).toEqual(
              evaluateEligibility({ requirement, ledger, evidence, exam, asOf }),
            );
          }
        }
      }
    }
  });
});
