/**
 * Every secret the e2e run handles, for the log check at its end (e2e/server-logs.spec.ts):
 * passwords, session cookies and the raw tokens inside them, API keys. The fixtures remember
 * the ones they make, and a browser's session cookie and typed passwords are remembered after
 * each test (e2e/fixtures.ts); a spec that makes another kind calls `rememberSecret`.
 * Lines of JSON in E2E_SECRETS_FILE (set by `npm test`; git-ignored, deleted after a passing
 * run). Without it, nothing is kept and the log check is skipped.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { unsealData } from "iron-session";
import type { Secret } from "../scripts/log-secrets";

export function rememberSecret(value: string, kind: string): void {
  const file = process.env.E2E_SECRETS_FILE;
  if (!file || value.length === 0) return;
  // One short append per secret: lines from parallel workers do not interleave.
  appendFileSync(file, `${JSON.stringify({ kind, value })}\n`);
}

/** A `__Host-session` cookie value and the session token sealed inside it. */
export async function rememberSessionCookie(cookie: string): Promise<void> {
  if (!cookie) return;
  rememberSecret(cookie, "session cookie");
  const password = process.env.SESSION_SECRET;
  if (!password) return;
  const sealed = await unsealData<{ t?: string }>(cookie, { password }).catch(() => ({}));
  if ("t" in sealed && sealed.t) rememberSecret(sealed.t, "session token");
}

export function rememberedSecrets(): Secret[] {
  const file = process.env.E2E_SECRETS_FILE;
  if (!file) return [];
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Secret);
}

/** Password fields in a form post (multipart or urlencoded), as a browser sends them. */
export function passwordsInFormBody(body: string): string[] {
  const found: string[] = [];
  for (const m of body.matchAll(/name="([^"]*)"\r\n\r\n([^\r]*)\r\n/g)) {
    if (/password/i.test(m[1]!)) found.push(m[2]!);
  }
  if (found.length === 0 && !body.includes("\r\n")) {
    try {
      for (const [name, value] of new URLSearchParams(body)) {
        if (/password/i.test(name)) found.push(value);
      }
    } catch {
      // Not a form body.
    }
  }
  return found;
}
