/**
 * npm test: typecheck, lint, unit + integration (vitest), then e2e (Playwright in Chromium
 * against `next build` + `npm start`), all on a fresh database this script creates and drops.
 *
 * Database: DATABASE_URL (must be a superuser URL: it creates roles and a database) or else
 * an embedded Postgres under .data/test. `--integration-only` runs just vitest (CI uses it
 * for the second pass against the system Postgres); `--e2e-only` just builds and runs Playwright.
 *
 * Mail: a real SMTP server (scripts/smtp-capture.ts) runs on 127.0.0.1 for the whole run; the
 * app and the tests get SMTP_URL pointing at it and MAIL_CAPTURE_DIR, where it writes every
 * message (.data/test-mail/<database>/, deleted after a passing run, kept after a failure).
 *
 * Logs: the e2e server's output goes to .data/test-logs/<database>/server.log as well
 * (E2E_SERVER_LOG), and the secrets the specs handled to secrets.jsonl beside it
 * (E2E_SECRETS_FILE); the last Playwright project checks the one against the other
 * (e2e/server-logs.spec.ts). Kept after a failure, deleted after a passing run.
 *
 * OAuth: a real OpenID provider (oidc-provider, for the Google path) and a GitHub-shaped server
 * run on 127.0.0.1 (scripts/oauth-providers/), started before the build so the app and the
 * tests get their endpoints and client credentials through the GOOGLE_* and GITHUB_* variables.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { freePort, startEmbeddedPostgres } from "@/db/embedded";
import { bootstrapCluster, dropDatabase, migrateDatabase } from "@/db/provision";
import { DATA_DIR } from "./database";
import { startOAuthTestProviders, type OAuthTestProviders } from "./oauth-providers";
import { startSmtpCapture, type SmtpCapture } from "./smtp-capture";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const integrationOnly = process.argv.includes("--integration-only");
const e2eOnly = process.argv.includes("--e2e-only");
// Any other arguments are file filters for the one runner chosen (e.g.
// `npm test -- --integration-only lib/rate-limit`, `npm test -- --e2e-only e2e/oauth.spec.ts`).
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
if (filters.length > 0 && !integrationOnly && !e2eOnly) {
  throw new Error("File filters need --integration-only or --e2e-only.");
}

// Asynchronous, so the SMTP capture server in this process keeps answering while a step runs.
async function step(
  title: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  console.log(`\n▶ ${title}`);
  const child = spawn(command, args, { stdio: "inherit", cwd: root, env });
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`${title} failed (exit ${code ?? signal})`);
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
    await step("Route types (next typegen)", bin("next"), ["typegen"]);
    await step("Typecheck", bin("tsc"), ["--noEmit"]);
    await step("Lint", "npm", ["run", "--silent", "lint"]);
  }

  const external = process.env.DATABASE_URL;
  const cluster = external ? null : await startEmbeddedPostgres(path.join(DATA_DIR, "test"));
  const adminUrl = external ?? cluster!.adminUrl();
  const database = `test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  console.log(
    `\n▶ Fresh database ${database} on ${external ? new URL(external).host + " (DATABASE_URL)" : "embedded Postgres"}`,
  );
  let mail: SmtpCapture | null = null;
  const logDir = path.join(DATA_DIR, "test-logs", database);
  let oauth: OAuthTestProviders | null = null;
  let passed = false;
  try {
    const { ownerUrl, appUrl } = await bootstrapCluster(adminUrl, database, {
      owner: randomBytes(18).toString("base64url"),
      app: randomBytes(18).toString("base64url"),
    });
    await migrateDatabase(ownerUrl);
    mail = await startSmtpCapture({ dir: path.join(DATA_DIR, "test-mail", database) });
    console.log(
      `\n▶ SMTP capture server on ${mail.url}, messages in ${path.relative(root, mail.dir)}`,
    );
    // A port the OS says is free (an ephemeral one): a random pick can land on a port that
    // Next refuses as reserved (3659, 5060, ...) or one another process holds.
    const port = await freePort();
    oauth = await startOAuthTestProviders(`http://localhost:${port}`);
    console.log(
      `\n▶ Local OAuth providers: OpenID ${oauth.env.GOOGLE_ISSUER}, GitHub-shaped ${oauth.env.GITHUB_API_URL}`,
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...oauth.env,
      DATABASE_APP_URL: appUrl,
      TEST_OWNER_URL: ownerUrl,
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      APP_URL: `http://localhost:${port}`,
      PORT: String(port),
      SMTP_URL: mail.url,
      MAIL_CAPTURE_DIR: mail.dir,
      E2E_SERVER_LOG: path.join(logDir, "server.log"),
      E2E_SECRETS_FILE: path.join(logDir, "secrets.jsonl"),
      // One origin allowed to call /api/v1 from a browser (e2e/api.spec.ts checks CORS with it).
      API_CORS_ORIGINS: "http://cors-allowed.example",
    };
    await mkdir(logDir, { recursive: true });
    delete env.DATABASE_URL;
    if (!e2eOnly)
      await step("Unit and integration tests (vitest)", bin("vitest"), ["run", ...filters], env);
    if (!integrationOnly) {
      await step("Production build (npm run build)", "npm", ["run", "--silent", "build"], env);
      ensureBrowser(env);
      await step(
        "End-to-end tests (Playwright, Chromium)",
        bin("playwright"),
        ["test", ...filters],
        env,
      );
    }
    passed = true;
  } finally {
    await oauth?.stop();
    await mail?.stop();
    if (mail && passed) await rm(mail.dir, { recursive: true, force: true });
    else if (mail) console.log(`\nCaptured mail of this run: ${path.relative(root, mail.dir)}`);
    if (passed) await rm(logDir, { recursive: true, force: true });
    else if (existsSync(logDir))
      console.log(`Server log of this run: ${path.relative(root, logDir)}`);
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
