-- DropIndex
DROP INDEX "ExamAttempt_candidateId_status_idx";

-- DropIndex
DROP INDEX "LedgerEntry_traineeId_kind_status_idx";

-- CreateIndex
CREATE INDEX "ExamAttempt_candidate_results_idx" ON "ExamAttempt"("candidateId", "status", "examId", "passed");

-- CreateIndex
CREATE INDEX "LedgerEntry_trainee_summary_idx" ON "LedgerEntry"("traineeId", "kind", "status", "courseDomain", "occurredOn", "minutes");

