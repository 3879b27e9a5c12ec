-- Prisma's JS schema engine (6.19) cannot read a CHECK constraint back: `prisma migrate diff`, which
-- `npm run migration:new` runs, stopped with "RuntimeError: unreachable" once the catalogue_version
-- migration had added one. The single row it guarded is kept by the code instead: only that
-- migration inserts it, and the triggers only ever update the row whose "id" is 1.
ALTER TABLE "CatalogueVersion" DROP CONSTRAINT "CatalogueVersion_one_row";
