-- The whole eligibility verdict of a stored standing, so the trainee's progress page can show it
-- while it is current. Rows stored before have none and are evaluated again when the page asks.
ALTER TABLE "GoalStanding" ADD COLUMN "verdict" JSONB;
