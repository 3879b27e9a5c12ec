-- CreateIndex
CREATE INDEX "ExamAttempt_candidateId_status_idx" ON "ExamAttempt"("candidateId", "status");

-- CreateIndex
CREATE INDEX "User_name_email_idx" ON "User"("name", "email");

