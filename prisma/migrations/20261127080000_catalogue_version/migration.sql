-- CreateTable
CREATE TABLE "CatalogueVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" TEXT NOT NULL,

    CONSTRAINT "CatalogueVersion_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "CatalogueVersion_one_row" CHECK ("id" = 1)
);


-- Triggers (written by hand, PL/pgSQL bodies are E'...' strings with \x3B for each semicolon, because
-- the driver adapter splits a migration at every semicolon: see the stored_standings migration).
--
-- The credential catalogue (jurisdictions, credential types, requirement versions) changes rarely and
-- is read on many pages, so each app process keeps a copy (app/models/catalogue.server.ts). Every
-- statement that changes it sets "version" to its own transaction's id, which no other transaction of
-- this PostgreSQL ever has: a copy tagged with the version it was read under is current exactly while
-- the version read with the session is the same.
CREATE FUNCTION "bump_catalogue_version"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "CatalogueVersion" SET "version" = pg_current_xact_id()::text WHERE "id" = 1\x3B
  RETURN NULL\x3B
END';

CREATE TRIGGER "Jurisdiction_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Jurisdiction"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_version"();
CREATE TRIGGER "CredentialType_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CredentialType"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_version"();
CREATE TRIGGER "RequirementVersion_catalogue_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RequirementVersion"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalogue_version"();

INSERT INTO "CatalogueVersion" ("id", "version") VALUES (1, pg_current_xact_id()::text);
