/**
 * OAuth in e2e tests. `npm test` runs a real OpenID provider (for the Google button) and a
 * GitHub-shaped server on 127.0.0.1 and points the app at them (scripts/oauth-providers/).
 * Their sign-in pages let the test choose who signs in; these helpers fill them in.
 */
import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { completeAtProvider, type TestIdentity } from "../scripts/oauth-providers/drive";
import { ownerDb, SESSION_COOKIE } from "./fixtures";

export type Provider = "google" | "github";
export const NAMES: Record<Provider, string> = { google: "Google", github: "GitHub" };
export { completeAtProvider, type TestIdentity };

export function authorizeEndpoint(provider: Provider): string {
  const url =
    provider === "google" ? process.env.GOOGLE_AUTHORIZE_URL : process.env.GITHUB_AUTHORIZE_URL;
  if (!url)
    throw new Error(
      "The OAuth test providers are not configured: run the e2e suite through `npm test`.",
    );
  return url;
}

/** A fresh identity: a unique subject (digits, as GitHub's are) and email. */
export function newIdentity(fields: Partial<TestIdentity> = {}): TestIdentity {
  const hex = randomBytes(5).toString("hex");
  return {
    subject: String(Number.parseInt(hex, 16)),
    email: `oauth-${hex}@example.test`,
    emailVerified: true,
    ...fields,
  };
}

/** Clicks a form button that starts a flow; returns the provider authorization URL it reached. */
export async function startFlow(page: Page, provider: Provider, button: string): Promise<string> {
  const endpoint = authorizeEndpoint(provider);
  const request = page.waitForRequest((r) => r.url().startsWith(endpoint));
  await page.getByRole("button", { name: button }).click();
  return (await request).url();
}

/** On the provider's own page in the browser: choose the identity and sign in. */
export async function signInAtProvider(page: Page, provider: Provider, identity: TestIdentity) {
  if (provider === "google") {
    await expect(page.getByRole("heading", { name: "Test OpenID provider" })).toBeVisible();
    await page.getByLabel("Subject").fill(identity.subject);
    await page.getByLabel("Email", { exact: true }).fill(identity.email);
    await page.getByLabel("Email verified").setChecked(identity.emailVerified);
    await page.getByRole("button", { name: "Sign in" }).click();
  } else {
    await expect(page.getByRole("heading", { name: "Test GitHub" })).toBeVisible();
    await page.getByLabel("GitHub user id").fill(identity.subject);
    await page.getByLabel("Primary email", { exact: true }).fill(identity.email);
    await page.getByLabel("Primary email verified").setChecked(identity.emailVerified);
    await page.getByLabel("Other verified email").fill(identity.secondaryEmail ?? "");
    await page.getByRole("button", { name: "Authorize" }).click();
  }
}

/** The whole flow from a page showing the provider's button. */
export async function continueWith(
  page: Page,
  provider: Provider,
  identity: TestIdentity,
  button = `Continue with ${NAMES[provider]}`,
) {
  await startFlow(page, provider, button);
  await signInAtProvider(page, provider, identity);
}

export async function sessionCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
}

/** The account with this email and how many sessions and linked providers it has, or null. */
export async function accountState(
  email: string,
): Promise<{ id: string; sessions: number; providers: string[] } | null> {
  const rows = await ownerDb()`
    select u.id,
      (select count(*)::int from sessions s where s.user_id = u.id) as sessions,
      coalesce((select array_agg(o.provider order by o.provider) from oauth_accounts o where o.user_id = u.id), '{}') as providers
    from users u where lower(u.email) = lower(${email})`;
  const row = rows[0];
  return row ? { id: row.id, sessions: row.sessions, providers: row.providers } : null;
}

/** As if the user had confirmed their email (the verification link's effect). */
export { markEmailVerified } from "./fixtures";
