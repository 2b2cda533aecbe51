import type { Browser, Page } from "@playwright/test";
import {
  asUser,
  createSession,
  createUser,
  expect,
  setSessionCookie,
  test,
  uniqueEmail,
} from "./fixtures";
import { waitForMail } from "./mail";

const NEW_PASSWORD = "harbour lantern copper meadow";

async function signedInPage(browser: Browser, baseURL: string, userId: string): Promise<Page> {
  const context = await browser.newContext();
  await setSessionCookie(context, baseURL, (await createSession(userId)).cookie);
  return context.newPage();
}

async function requestReset(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(`If an account exists for ${email.toLowerCase()}`)).toBeVisible();
}

async function resetLink(email: string, after: Date): Promise<string> {
  const mail = await waitForMail({ to: email, subject: /Reset your .* password/, after });
  const link = mail.links.find((l) => l.includes("/reset-password/"));
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  return link!;
}

async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("a reset sets the password once, ends every session and tells the user (A12, S8)", async ({
  page,
  browser,
  baseURL,
}) => {
  test.slow();
  const user = await createUser();
  // A browser signed in before the reset.
  const other = await signedInPage(browser, baseURL!, user.id);
  await other.goto("/dashboard");
  await expect(other.getByText(`You are signed in as ${user.email}`)).toBeVisible();

  const since = new Date();
  await requestReset(page, user.email);
  const link = await resetLink(user.email, since);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(user.email);
  // The password policy applies, and a refusal does not spend the link.
  await page.getByLabel("New password").fill("password123456789");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText(/This password is too common/)).toBeVisible();
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByText("Your password was changed and every session")).toBeVisible();

  // The reset never signs in (A13): the user logs in, where every factor applies.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
  // The session from before is dead.
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/login/);

  const notice = await waitForMail({
    to: user.email,
    subject: /password was changed/,
    after: since,
  });
  expect(notice.text).toContain("Every session was signed out");

  await logIn(page, user.email, user.password);
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await logIn(page, user.email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);

  // The link works once.
  await page.context().clearCookies();
  await page.goto(link);
  await expect(
    page.getByRole("heading", { name: "This reset link has already been used" }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
});

test("an expired link fails with a clear page, and a newer link replaces an older one", async ({
  page,
}) => {
  test.slow();
  const user = await createUser();
  const first = new Date();
  await requestReset(page, user.email);
  const older = await resetLink(user.email, first);
  const second = new Date();
  await requestReset(page, user.email);
  const newer = await resetLink(user.email, second);
  expect(newer).not.toBe(older);

  await page.goto(older);
  await expect(page.getByRole("heading", { name: "This reset link isn't valid" })).toBeVisible();

  // Expire the live one, as the clock would after 30 minutes.
  await asUser(
    user.id,
    (tx) => tx`update account_tokens set expires_at = now() - interval '1 minute'
      where purpose = 'reset_password' and used_at is null`,
  );
  await page.goto(newer);
  await expect(page.getByRole("heading", { name: "This reset link has expired" })).toBeVisible();
  await expect(page.getByText("Reset links work for 30 minutes.")).toBeVisible();
});

test("the request answers the same for an unknown email and mails nobody (A10)", async ({
  page,
}) => {
  const nobody = uniqueEmail("nobody");
  const since = new Date();
  await requestReset(page, nobody);
  await expect(
    waitForMail({ to: nobody, subject: /Reset/, after: since, timeoutMs: 1500 }),
  ).rejects.toThrow();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the reset request and the new password form work", async ({ page }) => {
    const user = await createUser();
    const since = new Date();
    await requestReset(page, user.email);
    await page.goto(await resetLink(user.email, since));
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page).toHaveURL(/\/login\?reset=1$/);
  });
});
