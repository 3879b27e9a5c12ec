// What a trainee has shown besides hours, for the eligibility verdict: the evidence in their latest
// application for a credential, and their exam results. Batched so the board's standing report reads
// a whole page of trainees in two queries.
import { EXTERNAL_EXAM_RESULT, monthsBetween } from "~/domain/applications";
import type { TraineeEvidence } from "~/domain/eligibility";
import type { Requirement } from "~/domain/requirements";
import { prisma } from "~/utils/db.server";

export const NO_EVIDENCE: TraineeEvidence = { attestedCodeOfEthics: false, documentKinds: [], lettersOfRecommendation: 0, monthsInRecovery: 0 };

/** The evidence an application gives, in the shape eligibility reads. */
export function evidenceOf(
  application: { attestedCodeOfEthicsAt: Date | null; recoveryStartedOn: Date | null; lettersOfRecommendation: number; documents: { kind: string }[] },
  asOf: Date,
): TraineeEvidence {
  return {
    attestedCodeOfEthics: application.attestedCodeOfEthicsAt !== null,
    documentKinds: application.documents.map((document) => document.kind),
    lettersOfRecommendation: application.lettersOfRecommendation,
    monthsInRecovery: application.recoveryStartedOn ? monthsBetween(application.recoveryStartedOn, asOf) : 0,
  };
}

/**
 * The exam result eligibility reads: a pass in PeerPath on the exam the requirement names, or, for an
 * exam run outside PeerPath, its result letter attached (the reviewer checks the letter).
 */
export function examResult(requirement: Requirement, documentKinds: readonly string[], passedExamCodes: ReadonlySet<string>, satExamCodes: ReadonlySet<string>) {
  if (!requirement.exam.required) return null;
  const code = requirement.exam.examId;
  if (code === null) return documentKinds.includes(EXTERNAL_EXAM_RESULT) ? { passed: true } : null;
  if (passedExamCodes.has(code)) return { passed: true };
  return satExamCodes.has(code) ? { passed: false } : null;
}

/** The exams each trainee has sat and passed, as a lookup of the result a requirement reads. */
export async function examResultsFor(traineeIds: readonly string[]) {
  const attempts = await prisma.examAttempt.findMany({
    where: { candidateId: { in: [...traineeIds] }, status: "SUBMITTED" },
    select: { candidateId: true, passed: true, exam: { select: { code: true } } },
  });
  const exams = new Map<string, { passed: Set<string>; sat: Set<string> }>();
  for (const attempt of attempts) {
    const record = exams.get(attempt.candidateId) ?? { passed: new Set<string>(), sat: new Set<string>() };
    record.sat.add(attempt.exam.code);
    if (attempt.passed) record.passed.add(attempt.exam.code);
    exams.set(attempt.candidateId, record);
  }
  const none = { passed: new Set<string>(), sat: new Set<string>() };
  return (traineeId: string, requirement: Requirement, documentKinds: readonly string[]) => {
    const record = exams.get(traineeId) ?? none;
    return examResult(requirement, documentKinds, record.passed, record.sat);
  };
}

/**
 * Per trainee and credential type: the evidence of the latest application that was not withdrawn,
 * and the trainees' exam results (examResultsFor).
 */
export async function evidenceFor(traineeIds: readonly string[], credentialTypeIds: readonly string[], asOf: Date) {
  const [applications, exam] = await Promise.all([
    prisma.credentialApplication.findMany({
      where: { traineeId: { in: [...traineeIds] }, credentialTypeId: { in: [...credentialTypeIds] }, kind: "INITIAL", status: { not: "WITHDRAWN" } },
      select: {
        traineeId: true,
        credentialTypeId: true,
        attestedCodeOfEthicsAt: true,
        recoveryStartedOn: true,
        lettersOfRecommendation: true,
        documents: { select: { kind: true } },
      },
      orderBy: { createdAt: "desc" },
    }),
    examResultsFor(traineeIds),
  ]);
  const evidence = new Map<string, TraineeEvidence>();
  for (const application of applications) {
    const key = `${application.traineeId}:${application.credentialTypeId}`;
    if (!evidence.has(key)) evidence.set(key, evidenceOf(application, asOf));
  }
  return {
    evidence: (traineeId: string, credentialTypeId: string) => evidence.get(`${traineeId}:${credentialTypeId}`) ?? NO_EVIDENCE,
    exam,
  };
}
