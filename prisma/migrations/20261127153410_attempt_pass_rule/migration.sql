-- (No semicolons in comments here: the schema engine splits the script at every one.)
-- Each attempt keeps the pass rule and reporting scale it was drawn under, so a board's later change
-- to the exam's rules neither breaks an attempt in progress nor changes a result already given.

-- AlterTable
ALTER TABLE "ExamAttempt" ADD COLUMN     "passRule" JSONB,
ADD COLUMN     "scaling" JSONB;

-- Backfill: the rules in force when each attempt started. A board save records the rules it replaced
-- ("before" in its audit event), so the first save after an attempt started holds that attempt's
-- rules. An attempt with no save after it was drawn under the exam's current rules.
WITH drawn_under AS (
  SELECT a.id,
         (SELECT ev.details -> 'before'
            FROM "AuditEvent" ev
           WHERE ev.action = 'exam.definition-updated'
             AND ev."subjectType" = 'Exam'
             AND ev."subjectId" = a."examId"
             AND ev."createdAt" > a."startedAt"
             AND ev.details -> 'before' -> 'passRule' IS NOT NULL
           ORDER BY ev."createdAt" ASC
           LIMIT 1) AS before,
         e."passRule",
         e.scaling
    FROM "ExamAttempt" a
    JOIN "Exam" e ON e.id = a."examId"
)
UPDATE "ExamAttempt" t
   SET "passRule" = COALESCE(d.before -> 'passRule', d."passRule"),
       scaling = CASE WHEN d.before IS NULL THEN d.scaling ELSE NULLIF(d.before -> 'scaling', 'null'::jsonb) END
  FROM drawn_under d
 WHERE d.id = t.id;

ALTER TABLE "ExamAttempt" ALTER COLUMN "passRule" SET NOT NULL;
