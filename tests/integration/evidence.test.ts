// What eligibility reads besides hours, as the progress page and the standing report read it: the
// latest application that was not withdrawn, with its documents, and the exams sat and passed.
import { beforeAll, describe, expect, it } from "vitest";
import type { Requirement } from "~/domain/requirements";
import { evidenceFor } from "~/models/evidence.server";
import { prisma } from "~/utils/db.server";
import { jurisdiction, userWithRole } from "./helpers";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const examRequirement = (examId: string | null) => ({ exam: { required: true, name: "Exam", examId } }) as Requirement;

describe("the evidence behind a verdict", () => {
  let traineeId: string;
  let otherTraineeId: string;
  let credentialTypeId: string;
  let otherCredentialTypeId: string;

  beforeAll(async () => {
    const state = await jurisdiction("EVI", "Evidence State");
    const credentialType = (code: string) =>
      prisma.credentialType.create({ data: { jurisdictionId: state.id, code, name: `Credential ${code}`, authority: "x", summary: "x" } });
    credentialTypeId = (await credentialType("EV1")).id;
    otherCredentialTypeId = (await credentialType("EV2")).id;
    traineeId = (await userWithRole("TRAINEE")).id;
    otherTraineeId = (await userWithRole("TRAINEE")).id;

    const document = (kind: string) =>
      prisma.uploadedDocument.create({
        data: { ownerId: traineeId, kind, filename: `${kind}.pdf`, mimeType: "application/pdf", sizeBytes: 1, sha256: kind, content: Buffer.from("x") },
      });
    const application = (data: { createdAt: Date; status?: "DRAFT" | "SUBMITTED" | "WITHDRAWN"; kind?: "INITIAL" | "RENEWAL"; letters: number; documents?: string[]; attested?: boolean }) =>
      prisma.credentialApplication.create({
        data: {
          traineeId,
          credentialTypeId,
          createdAt: data.createdAt,
          status: data.status ?? "SUBMITTED",
          kind: data.kind ?? "INITIAL",
          lettersOfRecommendation: data.letters,
          attestedCodeOfEthicsAt: data.attested ? new Date("2026-01-02T03:04:05Z") : null,
          recoveryStartedOn: day("2024-03-15"),
        },
      });
    await application({ createdAt: new Date("2026-01-01T00:00:00Z"), letters: 1 });
    const latest = await application({ createdAt: new Date("2026-02-01T00:00:00Z"), status: "DRAFT", letters: 3, attested: true });
    for (const kind of ["high-school-diploma", "exam-result"]) {
      const uploaded = await document(kind);
      await prisma.applicationDocument.create({ data: { applicationId: latest.id, documentId: uploaded.id, kind } });
    }
    // Newer, but withdrawn or a renewal: neither is the evidence for a first credential.
    await application({ createdAt: new Date("2026-03-01T00:00:00Z"), status: "WITHDRAWN", letters: 9 });
    await application({ createdAt: new Date("2026-04-01T00:00:00Z"), kind: "RENEWAL", letters: 8 });

    const exam = (code: string) =>
      prisma.exam.create({
        data: { code, jurisdictionId: state.id, name: code, blueprint: { advocacy: 1 }, pretestCount: 0, timeLimitMinutes: 60, passRule: { kind: "raw", cut: 1 }, attemptsAllowed: 9, waitingDays: 0 },
      });
    const attempt = async (examId: string, candidateId: string, status: "SUBMITTED" | "IN_PROGRESS", passed: boolean | null) =>
      prisma.examAttempt.create({
        data: { examId, candidateId, formSeed: "seed", form: [], passRule: { kind: "raw", cut: 1 }, status, startedAt: new Date("2026-02-01T09:00:00Z"), deadline: new Date("2026-02-01T10:00:00Z"), passed },
      });
    const failedThenPassed = await exam(`evi-retake-${process.pid}`);
    const failed = await exam(`evi-failed-${process.pid}`);
    const unfinished = await exam(`evi-unfinished-${process.pid}`);
    await attempt(failedThenPassed.id, traineeId, "SUBMITTED", false);
    await attempt(failedThenPassed.id, traineeId, "SUBMITTED", true);
    await attempt(failed.id, traineeId, "SUBMITTED", false);
    await attempt(unfinished.id, traineeId, "IN_PROGRESS", null);
    await attempt(failed.id, otherTraineeId, "SUBMITTED", true);
  });

  it("reads the latest initial application not withdrawn, with its documents, and each trainee's own exam results", async () => {
    const asOf = new Date("2026-03-14T12:00:00Z");
    const record = await evidenceFor([traineeId, otherTraineeId], [credentialTypeId, otherCredentialTypeId], asOf);
    const evidence = record.evidence(traineeId, credentialTypeId);
    expect({ ...evidence, documentKinds: [...evidence.documentKinds].sort() }).toEqual({
      attestedCodeOfEthics: true,
      documentKinds: ["exam-result", "high-school-diploma"],
      lettersOfRecommendation: 3,
      monthsInRecovery: 23,
    });
    expect(record.evidence(traineeId, otherCredentialTypeId)).toEqual({ attestedCodeOfEthics: false, documentKinds: [], lettersOfRecommendation: 0, monthsInRecovery: 0 });
    expect(record.evidence(otherTraineeId, credentialTypeId).lettersOfRecommendation).toBe(0);

    const examOf = (candidateId: string, code: string | null, documentKinds: string[] = []) => record.exam(candidateId, examRequirement(code), documentKinds);
    expect(examOf(traineeId, `evi-retake-${process.pid}`)).toEqual({ passed: true });
    expect(examOf(traineeId, `evi-failed-${process.pid}`)).toEqual({ passed: false });
    expect(examOf(traineeId, `evi-unfinished-${process.pid}`)).toBeNull();
    expect(examOf(otherTraineeId, `evi-failed-${process.pid}`)).toEqual({ passed: true });
    expect(examOf(traineeId, null, [...evidence.documentKinds])).toEqual({ passed: true });
    expect(examOf(otherTraineeId, null)).toBeNull();
  });
});
