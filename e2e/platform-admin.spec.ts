/**
 * The platform admin console (ADR 015): who may see it (Z10), disabling an account with an open
 * browser and a live API key (S8), and becoming an admin with a bootstrap token (A11).
 */
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { bearer, createApiKey } from "./api-fixtures";
import {
  asUser,
  createOrg,
  createSession,
  createUser,
  expect,
  makePlatformAdmin,
  ownerDb,
  setSessionCookie,
  test,
  tokenHash,
  type TestUser,
} from "./fixtures";
import { rememberSecret } from "./secrets-ledger";

const DISABLED = "This account has been disabled. If you think this is a mistake, contact support.";

async function logIn(page: Page, user: TestUser) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("the console is a 404 to everyone but platform admins, org owners included (Z10)", async ({
  page,
  signedIn,
}) => {
  await createOrg(signedIn.id, "Owned org");
  await page.goto("/account");
  await expect(page.getByRole("link", { name: "Platform admin" })).toHaveCount(0);
  for (const path of ["/admin", `/admin/accounts/${signedIn.id}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    // The same page as any unknown URL: nothing says the console exists.
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(/Platform admin|Accounts \(/)).toHaveCount(0);
  }
  await page.context().clearCookies();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login/);
});

test("disabling an account ends its open browser and its API key at once, and login says so (S8)", async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  const admin = await createUser();
  await makePlatformAdmin(admin.id);
  await setSessionCookie(page.context(), baseURL!, (await createSession(admin.id)).cookie);

  const victim = await createUser();
  const org = await createOrg(victim.id, "Victim org");
  const key = await createApiKey(org, victim.id, ["projects:read"]);
  rememberSecret(key.key, "API key");
  const victimContext = await browser.newContext();
  const victimPage = await victimContext.newPage();
  await setSessionCookie(victimContext, baseURL!, (await createSession(victim.id)).cookie);
  await victimPage.goto("/account");
  await expect(victimPage.getByRole("heading", { name: "Profile" })).toBeVisible();
  expect((await request.get("/api/v1/me", { headers: bearer(key.key) })).status()).toBe(200);

  await page.goto("/admin");
  await page.getByLabel("Search by email or name").fill(victim.email.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("Accounts (1)")).toBeVisible();
  await page.getByRole("link", { name: victim.email }).click();
  await expect(page.getByRole("heading", { name: victim.email })).toBeVisible();

  // A wrong password refuses, and keeps the reason that was typed.
  await page.getByLabel("Reason").fill("Card testing from this account");
  await page.getByLabel("Your password").last().fill("not my password at all");
  await page.getByRole("button", { name: "Disable account" }).click();
  await expect(page.getByText("That password is not right.")).toBeVisible();
  await expect(page.getByLabel("Reason")).toHaveValue("Card testing from this account");
  await page.getByLabel("Your password").last().fill(admin.password);
  await page.getByRole("button", { name: "Disable account" }).click();
  await expect(page.getByText("Account disabled: its sessions have ended")).toBeVisible();
  await expect(page.getByText("Disabled", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(`${admin.email} disabled ${victim.email}`)).toBeVisible();
  await expect(
    page.getByText("Reason: Card testing from this account · 1 session ended, 1 API key revoked"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable account" })).toHaveCount(0);

  // The victim's open browser: its next action is refused, its next page is the login.
  await victimPage.getByLabel("Display name").fill("Still here?");
  await victimPage.getByRole("button", { name: "Save name" }).click();
  await expect(
    victimPage.getByText("Your session has ended. Sign in again to continue."),
  ).toBeVisible();
  await victimPage.goto("/account");
  await expect(victimPage).toHaveURL(/\/login/);
  const api = await request.get("/api/v1/me", { headers: bearer(key.key) });
  expect(api.status()).toBe(401);
  expect(api.headers()["content-type"]).toContain("application/problem+json");

  // The right password gets the reason; a wrong one still gets the generic answer.
  await logIn(victimPage, { ...victim, password: "wrong password for sure" });
  await expect(victimPage.getByText("Invalid email or password.")).toBeVisible();
  await logIn(victimPage, victim);
  await expect(victimPage.getByText(DISABLED)).toBeVisible();
  await expect(victimPage).toHaveURL(/\/login/);

  // Enabled again: the victim can sign in; the revoked key stays revoked.
  await page.getByLabel("Your password").last().fill(admin.password);
  await page.getByRole("button", { name: "Enable account" }).click();
  await expect(page.getByText("Account enabled: it can sign in again.")).toBeVisible();
  await logIn(victimPage, victim);
  await expect(victimPage).toHaveURL(/\/dashboard$/);
  expect((await request.get("/api/v1/me", { headers: bearer(key.key) })).status()).toBe(401);
  await victimContext.close();
});

test("an admin can end one account's sessions, but not disable their own account (S9)", async ({
  page,
  baseURL,
}) => {
  const admin = await createUser();
  await makePlatformAdmin(admin.id);
  await setSessionCookie(page.context(), baseURL!, (await createSession(admin.id)).cookie);
  const user = await createUser();
  await createSession(user.id);
  await createSession(user.id);

  await page.goto("/account");
  await page.getByRole("link", { name: "Platform admin" }).click();
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();
  await page.goto(`/admin/accounts/${user.id}`);
  await page.getByLabel("Your password").first().fill(admin.password);
  await page.getByRole("button", { name: "End all sessions" }).click();
  await expect(page.getByText("Ended 2 sessions.")).toBeVisible();
  const [row] = await ownerDb()`select count(*)::int as n from sessions where user_id = ${user.id}`;
  expect(row!.n).toBe(0);

  await page.goto(`/admin/accounts/${admin.id}`);
  await expect(page.getByText("This is your own account")).toBeVisible();
  await expect(page.getByRole("button", { name: "Disable account" })).toHaveCount(0);
});

test("a bootstrap token makes its verified owner a platform admin, once (A11)", async ({
  page,
  signedIn,
}) => {
  await page.goto("/admin/claim");
  await expect(page.getByText("Verify your email address first")).toBeVisible();
  await expect(page.getByLabel("Token")).toHaveCount(0);
  await asUser(
    signedIn.id,
    (tx) => tx`update users set email_verified_at = now() where id = ${signedIn.id}`,
  );
  // What `npm run admin:grant -- <email>` stores.
  const token = randomBytes(32).toString("base64url");
  rememberSecret(token, "admin bootstrap token");
  await ownerDb()`insert into platform_admin_tokens (token_hash, email, expires_at)
    values (${tokenHash(token)}, ${signedIn.email}, now() + interval '30 minutes')`;

  await page.goto("/admin/claim");
  await page.getByLabel("Token").fill(randomBytes(32).toString("base64url"));
  await page.getByLabel("Your password").fill(signedIn.password);
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByText("That token is not valid for this account.")).toBeVisible();
  await expect(page.getByLabel("Token")).toHaveValue("");

  await page.getByLabel("Token").fill(token);
  await page.getByLabel("Your password").fill(signedIn.password);
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Platform admin" })).toBeVisible();
  await expect(page.getByText(`${signedIn.email} became a platform admin`)).toBeVisible();

  // Spent: it works for nobody now, this account included.
  await page.goto("/admin/claim");
  await page.getByLabel("Token").fill(token);
  await page.getByLabel("Your password").fill(signedIn.password);
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByText("That token is not valid for this account.")).toBeVisible();
});
