-- CreateTable
CREATE TABLE "TraineeDataVersion" (
    "traineeId" TEXT NOT NULL,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "TraineeDataVersion_pkey" PRIMARY KEY ("traineeId")
);

-- CreateTable
CREATE TABLE "GoalStanding" (
    "traineeId" TEXT NOT NULL,
    "credentialTypeId" TEXT NOT NULL,
    "requirementVersionId" TEXT NOT NULL,
    "dataVersion" BIGINT NOT NULL,
    "asOfDay" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "row" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalStanding_pkey" PRIMARY KEY ("traineeId","credentialTypeId")
);


-- Triggers (written by hand: the Prisma schema cannot express them). The PL/pgSQL bodies are E'...'
-- strings with \x3B for each semicolon: the driver adapter runs a migration statement by statement,
-- split at every semicolon (adapter-pg executeScript), even one inside quotes or a comment.
--
-- Every change to what a trainee's eligibility verdict reads bumps the trainee's
-- TraineeDataVersion in the same transaction, so a stored GoalStanding computed from older data no longer matches and is recomputed on the next read. The
-- verdict reads (models/ledger-summary.server.ts, models/evidence.server.ts, standing-report.server.ts):
-- LedgerEntry (kind, status, course domain, minutes, day), CredentialApplication (kind, status,
-- attestation, recovery start, letters, createdAt), ApplicationDocument (kind), ExamAttempt (status,
-- passed, exam) and Exam.code, and TraineeGoal. Statement-level triggers with transition tables bump
-- each trainee once per statement however many rows it touches (a createMany of 1,000 entries is one
-- bump). No backfill is needed: a trainee without a row is at version 0.

-- Bumps each trainee given once, in id order so concurrent bumps of several trainees cannot deadlock.
CREATE FUNCTION "bump_trainee_data_versions"(trainee_ids TEXT[]) RETURNS void LANGUAGE sql AS '
  INSERT INTO "TraineeDataVersion" ("traineeId", "version")
  SELECT DISTINCT id, 1 FROM unnest(trainee_ids) AS id WHERE id IS NOT NULL ORDER BY id
  ON CONFLICT ("traineeId") DO UPDATE SET "version" = "TraineeDataVersion"."version" + 1
';

-- Tables whose rows name the trainee in "traineeId": LedgerEntry, CredentialApplication, TraineeGoal.
CREATE FUNCTION "bump_trainee_data_versions_by_trainee"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM "bump_trainee_data_versions"(ARRAY(SELECT "traineeId" FROM new_rows))\x3B
  ELSIF TG_OP = ''UPDATE'' THEN
    PERFORM "bump_trainee_data_versions"(ARRAY(SELECT "traineeId" FROM new_rows UNION SELECT "traineeId" FROM old_rows))\x3B
  ELSE
    PERFORM "bump_trainee_data_versions"(ARRAY(SELECT "traineeId" FROM old_rows))\x3B
  END IF\x3B
  RETURN NULL\x3B
END';

-- ExamAttempt names the trainee in "candidateId".
CREATE FUNCTION "bump_trainee_data_versions_by_candidate"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM "bump_trainee_data_versions"(ARRAY(SELECT "candidateId" FROM new_rows))\x3B
  ELSIF TG_OP = ''UPDATE'' THEN
    PERFORM "bump_trainee_data_versions"(ARRAY(SELECT "candidateId" FROM new_rows UNION SELECT "candidateId" FROM old_rows))\x3B
  ELSE
    PERFORM "bump_trainee_data_versions"(ARRAY(SELECT "candidateId" FROM old_rows))\x3B
  END IF\x3B
  RETURN NULL\x3B
END';

-- ApplicationDocument: the trainee of the document's application. (When an application is deleted
-- with its documents, the application's own trigger bumps its trainee.)
CREATE FUNCTION "bump_trainee_data_versions_by_application"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM "bump_trainee_data_versions"(ARRAY(
      SELECT a."traineeId" FROM "CredentialApplication" a WHERE a.id IN (SELECT "applicationId" FROM new_rows)))\x3B
  ELSIF TG_OP = ''UPDATE'' THEN
    PERFORM "bump_trainee_data_versions"(ARRAY(
      SELECT a."traineeId" FROM "CredentialApplication" a
      WHERE a.id IN (SELECT "applicationId" FROM new_rows UNION SELECT "applicationId" FROM old_rows)))\x3B
  ELSE
    PERFORM "bump_trainee_data_versions"(ARRAY(
      SELECT a."traineeId" FROM "CredentialApplication" a WHERE a.id IN (SELECT "applicationId" FROM old_rows)))\x3B
  END IF\x3B
  RETURN NULL\x3B
END';

-- Exam: results are read by the exam's code, so a new code changes what every candidate of it has passed.
CREATE FUNCTION "bump_trainee_data_versions_by_exam"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "bump_trainee_data_versions"(ARRAY(
    SELECT DISTINCT t."candidateId" FROM "ExamAttempt" t
    WHERE t."examId" IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.code IS DISTINCT FROM o.code)))\x3B
  RETURN NULL\x3B
END';

CREATE TRIGGER "LedgerEntry_data_version_insert" AFTER INSERT ON "LedgerEntry"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_trainee"();
CREATE TRIGGER "LedgerEntry_data_version_update" AFTER UPDATE ON "LedgerEntry"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_trainee"();
CREATE TRIGGER "LedgerEntry_data_version_delete" AFTER DELETE ON "LedgerEntry"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_trainee"();

CREATE TRIGGER "CredentialApplication_data_version_insert" AFTER INSERT ON "CredentialApplication"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_trainee"();
CREATE TRIGGER "CredentialApplication_data_version_update" AFTER UPDATE ON "CredentialApplication"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_trainee"();
CREATE TRIGGER "CredentialApplication_data_version_delete" AFTER DELETE ON "CredentialApplication"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_trainee"();

CREATE TRIGGER "TraineeGoal_data_version_insert" AFTER INSERT ON "TraineeGoal"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_trainee"();
CREATE TRIGGER "TraineeGoal_data_version_update" AFTER UPDATE ON "TraineeGoal"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_trainee"();
CREATE TRIGGER "TraineeGoal_data_version_delete" AFTER DELETE ON "TraineeGoal"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_trainee"();

CREATE TRIGGER "ExamAttempt_data_version_insert" AFTER INSERT ON "ExamAttempt"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_candidate"();
CREATE TRIGGER "ExamAttempt_data_version_update" AFTER UPDATE ON "ExamAttempt"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_candidate"();
CREATE TRIGGER "ExamAttempt_data_version_delete" AFTER DELETE ON "ExamAttempt"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_candidate"();

CREATE TRIGGER "ApplicationDocument_data_version_insert" AFTER INSERT ON "ApplicationDocument"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_application"();
CREATE TRIGGER "ApplicationDocument_data_version_update" AFTER UPDATE ON "ApplicationDocument"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_application"();
CREATE TRIGGER "ApplicationDocument_data_version_delete" AFTER DELETE ON "ApplicationDocument"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_application"();

CREATE TRIGGER "Exam_data_version_update" AFTER UPDATE ON "Exam"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_trainee_data_versions_by_exam"();
