-- CreateTable
CREATE TABLE "CredentialGoalCount" (
    "credentialTypeId" TEXT NOT NULL,
    "goals" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CredentialGoalCount_pkey" PRIMARY KEY ("credentialTypeId")
);


-- Triggers (written by hand, PL/pgSQL bodies are E'...' strings with \x3B for each semicolon, because
-- the driver adapter splits a migration at every semicolon, even in a comment: see the stored_standings migration).
--
-- Every statement that adds, removes or moves goals adds its net change per credential to
-- CredentialGoalCount in the same transaction, so the count is exact at every commit. Writers first
-- take one transaction-level advisory lock, so two transactions never hold count rows in opposite
-- orders (no deadlock). Goals change rarely (a trainee saving their choices), so the wait is short.

-- Adds `delta` (1 or -1) to each credential once per time it is named, in id order.
CREATE FUNCTION "add_goal_counts"(credential_type_ids TEXT[], delta INTEGER) RETURNS void LANGUAGE sql AS '
  INSERT INTO "CredentialGoalCount" AS c ("credentialTypeId", "goals")
  SELECT id, count(*)::int * delta FROM unnest(credential_type_ids) AS id
  GROUP BY id
  ORDER BY id
  ON CONFLICT ("credentialTypeId") DO UPDATE SET "goals" = c."goals" + EXCLUDED."goals"
';

CREATE FUNCTION "count_trainee_goals"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(''CredentialGoalCount''), 0)\x3B
  IF TG_OP = ''TRUNCATE'' THEN
    DELETE FROM "CredentialGoalCount"\x3B
  ELSIF TG_OP = ''INSERT'' THEN
    PERFORM "add_goal_counts"(ARRAY(SELECT "credentialTypeId" FROM new_rows), 1)\x3B
  ELSIF TG_OP = ''DELETE'' THEN
    PERFORM "add_goal_counts"(ARRAY(SELECT "credentialTypeId" FROM old_rows), -1)\x3B
  ELSE
    PERFORM "add_goal_counts"(ARRAY(SELECT "credentialTypeId" FROM new_rows), 1)\x3B
    PERFORM "add_goal_counts"(ARRAY(SELECT "credentialTypeId" FROM old_rows), -1)\x3B
  END IF\x3B
  RETURN NULL\x3B
END';

CREATE TRIGGER "TraineeGoal_count_insert" AFTER INSERT ON "TraineeGoal"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_trainee_goals"();
CREATE TRIGGER "TraineeGoal_count_update" AFTER UPDATE ON "TraineeGoal"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_trainee_goals"();
CREATE TRIGGER "TraineeGoal_count_delete" AFTER DELETE ON "TraineeGoal"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_trainee_goals"();
CREATE TRIGGER "TraineeGoal_count_truncate" AFTER TRUNCATE ON "TraineeGoal"
  FOR EACH STATEMENT EXECUTE FUNCTION "count_trainee_goals"();

-- The goals there are already.
INSERT INTO "CredentialGoalCount" ("credentialTypeId", "goals")
SELECT "credentialTypeId", count(*)::int FROM "TraineeGoal" GROUP BY "credentialTypeId";
