-- The board's applications queue and credential list search as the standing report does: in any
-- case, with or without accents, and with \ % and _ taken literally. They searched with Prisma's
-- `contains` and mode insensitive, an ILIKE that the C locale folds for A-Z only and in which % and _
-- are wildcards. Now they compare a folded column with `contains`, the search folded by search_fold in
-- the database and escaped (app/utils/search-fold.server.ts): the queue the trainee's User."searchText",
-- the credential list Credential."searchText", which holds the name on the credential (the name as
-- issued, which can differ from the account's) and the credential number, set by a trigger like the
-- user's. The trigram indexes on User.name and User.email served only the queue's ILIKE and are
-- dropped. The comments and bodies below hold no semicolon: the driver adapter splits a migration at
-- every one.

-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

CREATE FUNCTION "set_credential_search_text"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."searchText" := "search_fold"(NEW."holderName" || chr(10) || NEW.number)\x3B
  RETURN NEW\x3B
END';

CREATE TRIGGER "Credential_search_text" BEFORE INSERT OR UPDATE ON "Credential"
  FOR EACH ROW EXECUTE FUNCTION "set_credential_search_text"();

UPDATE "Credential" SET "searchText" = "search_fold"("holderName" || chr(10) || number);

-- CreateIndex
CREATE INDEX "Credential_searchText_trgm_idx" ON "Credential" USING GIN ("searchText" gin_trgm_ops);

-- DropIndex
DROP INDEX "User_name_trgm_idx";

-- DropIndex
DROP INDEX "User_email_trgm_idx";
