/**
 * npm run dev: database (embedded unless DATABASE_URL), migrations, demo data, then the app's
 * server (server.ts) in development mode as the runtime role. Ctrl-C stops the server and then
 * Postgres, cleanly. The server is a child process without this script's react-server condition,
 * which would give Next's development server the wrong React.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { seedDemoData } from "@/db/seed";
import { loadDotEnv, localSecrets, prepareDatabase } from "./database";

loadDotEnv();
const db = await prepareDatabase(console.log);
await seedDemoData(db, console.log);

const next = spawn(
  process.execPath,
  [
    "--import",
    "tsx",
    path.resolve(import.meta.dirname, "../server.ts"),
    "--dev",
    ...process.argv.slice(2),
  ],
  {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_APP_URL: process.env.DATABASE_APP_URL ?? db.appUrl,
      SESSION_SECRET: process.env.SESSION_SECRET ?? localSecrets().sessionSecret,
    },
  },
);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  if (next.exitCode === null) {
    next.kill("SIGTERM");
    await new Promise((resolve) => next.once("exit", resolve));
  }
  await db.stop();
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
