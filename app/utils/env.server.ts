import { z } from "zod";

// Unset and empty variables both mean "use the default".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const EnvSchema = z.object({
  NODE_ENV: optional(z.enum(["development", "production", "test"])).default("development"),
  PORT: optional(z.coerce.number().int().min(1).max(65535)).default(3000),
  /** How many processes serve HTTP: 1 serves from the main process, more start that many workers on PORT. */
  WEB_CONCURRENCY: optional(z.coerce.number().int().min(1).max(64)).default(1),
  /** Database connections one instance opens at most, shared out among its web processes. */
  DATABASE_POOL_SIZE: optional(z.coerce.number().int().min(2).max(1000)).default(16),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/.+/, "must be a postgresql://user:password@host:port/database URL"),
  ),
  DATA_DIR: optional(z.string()).default("./data"),
  EMBEDDED_PG_PORT: optional(z.coerce.number().int().min(1024).max(65535)).default(5433),
  SEED_DEMO: optional(z.enum(["true", "false"])),
  SESSION_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  TRUST_PROXY: optional(z.enum(["true", "false"])).default("false"),
  LOG_REQUESTS: optional(z.enum(["true", "false"])).default("false"),
  /** The address the public reaches the app at: issuer ids, QR codes and status lists point here. */
  PUBLIC_URL: optional(z.url({ error: "must be an http(s) URL like https://peerpath.example.org" }).regex(/^https?:\/\//, "must start with http:// or https://")),
  /** Where email goes: unset keeps messages in the outbox page only; smtp://user:pass@host:port sends them too. */
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\/.+/, "must be an smtp:// or smtps:// URL")),
  MAIL_FROM: optional(z.string().min(3)).default("PeerPath <no-reply@peerpath.example>"),
  /** Public verification requests allowed per client address per minute. */
  VERIFY_RATE_LIMIT: optional(z.coerce.number().int().min(1).max(1_000_000)).default(60),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`Invalid environment variable ${issue.path.join(".")}: ${issue.message}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment; on bad input prints one clear line and stops the process. */
export function loadEnv(): Env {
  if (cached) return cached;
  try {
    cached = parseEnv(process.env);
    return cached;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

/**
 * Each process's share of the instance's DATABASE_POOL_SIZE (at least 2). Two workers of 16 each made
 * 32 backends compete with them for the same cores; 8 each delivered more answer saves a second
 * (docs/performance.md). The main process, whose timers need a connection or two, gets a share too.
 */
export const connectionsPerProcess = (env: Pick<Env, "DATABASE_POOL_SIZE" | "WEB_CONCURRENCY">) =>
  Math.max(2, Math.ceil(env.DATABASE_POOL_SIZE / env.WEB_CONCURRENCY));

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the server sets it once the database has started.");
  return url;
}

/** The public origin without a trailing slash, e.g. http://localhost:3000. */
export function publicUrl(): string {
  const env = loadEnv();
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
}
