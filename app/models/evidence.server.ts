// What a trainee has shown besides hours, for the eligibility verdict: the evidence in their latest
// application for a credential, and their exam results. Batched so the board's standing report reads
// a whole page of trainees in two statements, prepared once per connection on the shared pool.
import { EXTERNAL_EXAM_RESULT, monthsBetween } from "~/domain/applications";
import type { TraineeEvidence } from "~/domain/eligibility";
import type { Requirement } from "~/domain/requirements";
import type { Prisma } from "~/generated/prisma/client";
import { databasePool, runStatement } from "~/utils/db.server";

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

const EXAM_RESULTS = {
  name: "exam-results-v1",
  text: `
    SELECT a."candidateId", e.code, bool_or(a.passed) IS TRUE AS passed
    FROM "ExamAttempt" a
    JOIN "Exam" e ON e.id = a."examId"
    WHERE a."candidateId" = ANY($1::text[]) AND a.status = 'SUBMITTED'
    GROUP BY a."candidateId", e.code`,
};

/** The exams each trainee has sat and passed, as a lookup of the result a requirement reads. */
export async function examResultsFor(traineeIds: readonly string[], tx?: Prisma.TransactionClient) {
  const rows = await runStatement<{ candidateId: string; code: string; passed: boolean }>(EXAM_RESULTS, [traineeIds], tx);
  const exams = new Map<string, { passed: Set<string>; sat: Set<string> }>();
  for (const row of rows) {
    const record = exams.get(row.candidateId) ?? { passed: new Set<string>(), sat: new Set<string>() };
    record.sat.add(row.code);
    if (row.passed) record.passed.add(row.code);
    exams.set(row.candidateId, record);
  }
  const none = { passed: new Set<string>(), sat: new Set<string>() };
  return (traineeId: string, requirement: Requirement, documentKinds: readonly string[]) => {
    const record = exams.get(traineeId) ?? none;
    return examResult(requirement, documentKinds, record.passed, record.sat);
  };
}

const LATEST_APPLICATIONS = {
  name: "latest-initial-applications-v1",
  // Dates are read as Prisma reads them (UTC): the attestation's time as epoch milliseconds, the
  // recovery start day as text for UTC midnight.
  text: `
    SELECT DISTINCT ON (a."traineeId", a."credentialTypeId") a."traineeId", a."credentialTypeId",
           (extract(epoch FROM a."attestedCodeOfEthicsAt") * 1000)::float8 AS "attestedAtMs", to_char(a."recoveryStartedOn", 'YYYY-MM-DD') AS "recoveryStartedOn",
           a."lettersOfRecommendation", ARRAY(SELECT d.kind FROM "ApplicationDocument" d WHERE d."applicationId" = a.id) AS "documentKinds"
    FROM "CredentialApplication" a
    WHERE a."traineeId" = ANY($1::text[]) AND a."credentialTypeId" = ANY($2::text[]) AND a.kind = 'INITIAL' AND a.status <> 'WITHDRAWN'
    ORDER BY a."traineeId", a."credentialTypeId", a."createdAt" DESC`,
};

type ApplicationRow = {
  traineeId: string;
  credentialTypeId: string;
  attestedAtMs: number | null;
  recoveryStartedOn: string | null;
  lettersOfRecommendation: number;
  documentKinds: string[];
};

/**
 * Per trainee and credential type: the evidence of the latest application that was not withdrawn,
 * and the trainees' exam results (examResultsFor).
 */
export async function evidenceFor(traineeIds: readonly string[], credentialTypeIds: readonly string[], asOf: Date) {
  const [{ rows }, exam] = await Promise.all([
    databasePool.query<ApplicationRow>({ ...LATEST_APPLICATIONS, values: [traineeIds, credentialTypeIds] }),
    examResultsFor(traineeIds),
  ]);
  const evidence = new Map<string, TraineeEvidence>();
  for (const row of rows) {
    evidence.set(
      `${row.traineeId}:${row.credentialTypeId}`,
      evidenceOf(
        {
          attestedCodeOfEthicsAt: row.attestedAtMs === null ? null : new Date(row.attestedAtMs),
          recoveryStartedOn: row.recoveryStartedOn === null ? null : new Date(`${row.recoveryStartedOn}T00:00:00Z`),
          lettersOfRecommendation: row.lettersOfRecommendation,
          documents: row.documentKinds.map((kind) => ({ kind })),
        },
        asOf,
      ),
    );
  }
  return {
    evidence: (traineeId: string, credentialTypeId: string) => evidence.get(`${traineeId}:${credentialTypeId}`) ?? NO_EVIDENCE,
    exam,
  };
}
