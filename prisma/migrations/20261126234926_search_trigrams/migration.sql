-- Trigram indexes for the standing report's search by part of a trainee's name or email (ILIKE '%...%'),
-- which a b-tree cannot serve. pg_trgm ships with PostgreSQL (the embedded one too) and is a trusted
-- extension: a database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "User_name_trgm_idx" ON "User" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);

