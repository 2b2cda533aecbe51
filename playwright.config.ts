import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Run through `npm test`, which creates the database and sets DATABASE_APP_URL, SESSION_SECRET,
// APP_URL and PORT. The app runs as a production build behind server.ts (`npm start`), like in
// production.
const port = Number(process.env.PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const serverLog = process.env.E2E_SERVER_LOG;
const executablePath = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
].find((p): p is string => Boolean(p && existsSync(p)));

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: true,
  workers: 2,
  // A budget, not a timing assertion: on the 2-core CI machine the server, Postgres and two
  // browsers share the cores, and a test with a dozen page loads can pass 30 s (the default).
  timeout: 60_000,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: chromium,
      testIgnore: [/tenant-concurrency\.spec\.ts$/, /server-logs\.spec\.ts$/],
    },
    // 500 concurrent page requests saturate the server for a minute: run them after the other
    // specs, not beside them, so they slow nothing else down.
    {
      name: "load",
      use: chromium,
      testMatch: /tenant-concurrency\.spec\.ts$/,
      dependencies: ["chromium"],
    },
    // Last: the server's log of everything above must hold none of the secrets it handled.
    {
      name: "logs",
      testMatch: /server-logs\.spec\.ts$/,
      dependencies: ["chromium", "load"],
    },
  ],
  webServer: {
    // npm test passes E2E_SERVER_LOG: the server's output also goes there, for the log check.
    command: serverLog
      ? `node .next/app-server.mjs -p ${port} 2>&1 | tee -a '${serverLog}'`
      : `node .next/app-server.mjs -p ${port}`,
    url: `${baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
