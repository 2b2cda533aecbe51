/**
 * npm test: typecheck, lint, unit + integration (vitest), then e2e (Playwright in Chromium
 * against `next build` + `next start`), all on a fresh database this script creates and drops.
 *
 * Database: DATABASE_URL (must be a superuser URL: it creates roles and a database) or else
 * an embedded Postgres under .data/test. `--integration-only` runs just vitest (CI uses it
 * for the second pass against the system Postgres); `--e2e-only` just builds and runs Playwright.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "@/db/embedded";
import { bootstrapCluster, dropDatabase, migrateDatabase } from "@/db/provision";
import { DATA_DIR } from "./database";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const integrationOnly = process.argv.includes("--integration-only");
const e2eOnly = process.argv.includes("--e2e-only");

function step(
  title: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, env });
  if (result.status !== 0)
    throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
}

export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

function ensureBrowser(env: NodeJS.ProcessEnv) {
  if (chromiumPath()) return;
  console.log(
    "\nNo system Chromium (CHROMIUM_PATH or /usr/bin/chromium): installing Playwright's Chromium…",
  );
  const result = spawnSync(bin("playwright"), ["install", "chromium"], {
    stdio: "inherit",
    cwd: root,
    env,
  });
  if (result.status !== 0) {
    throw new Error(
      "Could not install Playwright's Chromium (no internet?). Install Chromium (Debian: apt-get install chromium) or set CHROMIUM_PATH.",
    );
  }
}

async function main() {
  if (!integrationOnly && !e2eOnly) {
    // Route types (PageProps, LayoutProps, typed links) are generated, not committed.
    step("Route types (next typegen)", bin("next"), ["typegen"]);
    step("Typecheck", bin("tsc"), ["--noEmit"]);
    step("Lint", "npm", ["run", "--silent", "lint"]);
  }

  const external = process.env.DATABASE_URL;
  const cluster = external ? null : await startEmbeddedPostgres(path.join(DATA_DIR, "test"));
  const adminUrl = external ?? cluster!.adminUrl();
  const database = `test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  console.log(
    `\n▶ Fresh database ${database} on ${external ? new URL(external).host + " (DATABASE_URL)" : "embedded Postgres"}`,
  );
  try {
    const { ownerUrl, appUrl } = await bootstrapCluster(adminUrl, database, {
      owner: randomBytes(18).toString("base64url"),
      app: randomBytes(18).toString("base64url"),
    });
    await migrateDatabase(ownerUrl);
    const port = 3100 + Math.floor(Math.random() * 800);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_APP_URL: appUrl,
      TEST_OWNER_URL: ownerUrl,
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      APP_URL: `http://localhost:${port}`,
      PORT: String(port),
    };
    delete env.DATABASE_URL;
    if (!e2eOnly) step("Unit and integration tests (vitest)", bin("vitest"), ["run"], env);
    if (!integrationOnly) {
      step("Production build (next build)", bin("next"), ["build"], env);
      ensureBrowser(env);
      step("End-to-end tests (Playwright, Chromium)", bin("playwright"), ["test"], env);
    }
  } finally {
    await dropDatabase(adminUrl, database).catch((e) =>
      console.error(`Could not drop ${database}: ${e}`),
    );
    await cluster?.stop();
  }
}

main().then(
  () => console.log("\nAll test stages passed."),
  (error) => {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
