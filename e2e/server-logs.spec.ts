/**
 * Runs after every other spec (the "logs" project in playwright.config.ts): the production
 * server's output for the whole run must hold none of the secrets the run handled (checklist
 * A15, I8), and its log lines written during a request carry that request's id (I8, I12).
 * The secrets come from the specs (e2e/secrets-ledger.ts) and from every link in the mail the
 * app sent; the scanner (scripts/log-secrets.ts) also flags secret-shaped strings.
 */
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { findSecrets, tokensInLinks, type Secret } from "../scripts/log-secrets";
import { readCapturedMail } from "../scripts/captured-mail";
import { rememberedSecrets } from "./secrets-ledger";

const logFile = process.env.E2E_SERVER_LOG;

test("the server log of the e2e run holds no password, session token, API key or mailed token (A15, I8)", async () => {
  test.skip(!logFile, "E2E_SERVER_LOG is set by npm test");
  const log = await readFile(logFile!, "utf8");
  const mailed = (await readCapturedMail(process.env.MAIL_CAPTURE_DIR ?? "")).flatMap((m) =>
    tokensInLinks(m.links).map((value): Secret => ({ kind: "mailed token", value })),
  );
  const secrets = [...rememberedSecrets(), ...mailed];
  const count = (kind: string) => secrets.filter((s) => s.kind === kind).length;

  // The check means something only if the run logged and handled secrets (a run filtered to a
  // few specs may have sent no mail).
  expect(log).toContain('"event":"auth.login.failed"');
  for (const kind of ["password", "session token", "session cookie", "typed password"]) {
    expect(count(kind), kind).toBeGreaterThan(0);
  }

  const findings = findSecrets(log, secrets);
  expect(findings, JSON.stringify(findings.slice(0, 20), null, 2)).toEqual([]);
});

test("every app log line written during a request carries its request id (I8)", async () => {
  test.skip(!logFile, "E2E_SERVER_LOG is set by npm test");
  const lines = (await readFile(logFile!, "utf8"))
    .split("\n")
    .filter((l) => l.startsWith('{"level":'))
    .map((l) => JSON.parse(l) as { event: string; requestId?: string | null });
  const outsideRequests = (event: string) => event.startsWith("startup.");
  const missing = lines.filter((l) => !outsideRequests(l.event) && !l.requestId);
  expect(lines.length).toBeGreaterThan(50);
  expect(missing.map((l) => l.event)).toEqual([]);
});
