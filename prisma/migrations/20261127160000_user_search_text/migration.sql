-- The standing report's search by part of a trainee's name or email, in any case and with or without
-- accents: "emile", "EMILE" and "émile" all find Émile. ILIKE folds case under the database's ctype
-- locale, which is C for the embedded PostgreSQL (initdb --locale=C), so only A-Z were folded, and a
-- trigram index on the column as typed keeps that limit. "searchText" holds the name and email folded
-- once, by search_fold, and the search folds what is typed with the same function (search_pattern).
-- search_fold decomposes (NFKD), drops the combining marks that carry accents, and lowers case under
-- ICU's root collation, which folds every script whatever the database's locale. The comments and
-- bodies below hold no semicolon: the driver adapter splits a migration at every one (see the
-- stored_standings migration).

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

CREATE FUNCTION "search_fold"(value TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN lower(regexp_replace(normalize(value, NFKD), '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]', '', 'g') COLLATE "und-x-icu");

-- A search as a LIKE pattern over "searchText" that matches it anywhere, folded as the column is, with
-- its own \ % and _ taken literally (escaped after folding, which could make them).
CREATE FUNCTION "search_pattern"(search TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN '%' || regexp_replace("search_fold"(search), '([\\%_])', '\\\1', 'g') || '%';

CREATE FUNCTION "set_user_search_text"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."searchText" := "search_fold"(NEW.name || chr(10) || NEW.email)\x3B
  RETURN NEW\x3B
END';

CREATE TRIGGER "User_search_text" BEFORE INSERT OR UPDATE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "set_user_search_text"();

UPDATE "User" SET "searchText" = "search_fold"(name || chr(10) || email);

-- CreateIndex
CREATE INDEX "User_searchText_trgm_idx" ON "User" USING GIN ("searchText" gin_trgm_ops);
