// Applies prisma/migrations to a database through Prisma's CLI (JS schema engine, see prisma.config.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The environment for Prisma's CLI: the database, no update checks, and the lingering-timer fix. */
export function prismaCliEnv(databaseUrl: string): NodeJS.ProcessEnv {
  const preload = `--require ${path.join(root, "prisma", "cli-exit-when-idle.cjs")}`;
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" "),
  };
}

export function runPrisma(args: string[], databaseUrl: string, options: { quiet?: boolean } = {}) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "prisma"), args, {
      cwd: root,
      env: prismaCliEnv(databaseUrl),
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}).\n${output}`)),
    );
  });
}

export function migrateDatabase(databaseUrl: string, options: { quiet?: boolean } = {}) {
  return runPrisma(["migrate", "deploy"], databaseUrl, options);
}
