import { defineConfig } from "prisma/config";
import { migrationAdapter } from "./prisma/migration-adapter";

// Prisma's CLI needs *some* URL even for `generate`, or it tries to download a native engine.
process.env.DATABASE_URL ??= "postgresql://peerpath:peerpath@localhost:5432/peerpath";
const databaseUrl = process.env.DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => migrationAdapter(databaseUrl),
});
