import type { Browser, Page } from "@playwright/test";
import {
  addMember,
  asUser,
  createOrg,
  createSession,
  createUser,
  expect,
  setSessionCookie,
  test,
  tokenHash,
  uniqueEmail,
} from "./fixtures";
import { waitForMail } from "./mail";

const NEW_PASSWORD = "violet harbour copper lantern";

const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Safari/605.1";

/** Another browser signed in as `userId`, its session recorded as a phone's. */
async function pageFor(browser: Browser, baseURL: string, userId: string): Promise<Page> {
  const context = await browser.newContext({ userAgent: PHONE });
  const session = await createSession(userId);
  await asUser(
    userId,
    (tx) => tx`update sessions set user_agent = ${PHONE}, ip = '198.51.100.7'
      where token_hash = ${tokenHash(session.token)}`,
  );
  await setSessionCookie(context, baseURL, session.cookie);
  return context.newPage();
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login/);
}

async function verify(userId: string): Promise<void> {
  await asUser(userId, (tx) => tx`update users set email_verified_at = now() where id = ${userId}`);
}

test("the header links to the account, and the profile changes the display name", async ({
  page,
  signedIn,
}) => {
  test.slow();
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Account settings" });
  for (const name of [
    "Profile",
    "Security",
    "Sessions",
    "Security activity",
    "Connected accounts",
    "Delete account",
  ]) {
    await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await page.getByLabel("Display name").fill("Ada Lovelace");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name was saved.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();
  expect(signedIn.email).toBeTruthy();
});

test("an unverified user sees the banner and gets a fresh link, which replaces the old one", async ({
  page,
  signedIn,
}) => {
  test.slow();
  await page.goto("/dashboard");
  const banner = page.getByRole("region", { name: "Unverified address" });
  await expect(banner).toContainText(signedIn.email);
  // What being unverified limits (ADR 011), naming the providers this server has configured.
  await expect(banner).toContainText(
    /you can't invite people or create API keys, or connect (GitHub or Google|Google or GitHub); logging in with them under this address won't reach this account\./,
  );
  const first = new Date();
  await banner.getByRole("button", { name: "Resend verification email" }).click();
  await expect(banner.getByText(`Sent to ${signedIn.email}`)).toBeVisible();
  const older = (await waitForMail({ to: signedIn.email, subject: /Verify/, after: first }))
    .links[0]!;
  const second = new Date();
  await banner.getByRole("button", { name: "Resend verification email" }).click();
  const newer = (await waitForMail({ to: signedIn.email, subject: /Verify/, after: second }))
    .links[0]!;
  expect(newer).not.toBe(older);

  await page.goto(older);
  await expect(
    page.getByRole("heading", { name: "This verification link isn't valid" }),
  ).toBeVisible();
  await page.goto(newer);
  await page.getByRole("button", { name: "Verify email address" }).click();
  await expect(page).toHaveURL(/\/dashboard\?verified=1$/);
  await expect(page.getByText("Your email address is verified.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Unverified address" })).toHaveCount(0);
});

test("changing the password needs the current one, ends other sessions and mails a notice (A6)", async ({
  page,
  browser,
  baseURL,
  signedIn,
}) => {
  test.slow();
  const other = await pageFor(browser, baseURL!, signedIn.id);
  await page.goto("/account/security");
  await page.getByLabel("Current password").fill("not the password at all");
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That password is not right.")).toBeVisible();
  await expect(page.getByLabel("Current password")).toHaveValue("");

  const since = new Date();
  await page.getByLabel("Current password").fill(signedIn.password);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed. Every other session")).toBeVisible();
  await waitForMail({ to: signedIn.email, subject: /password was changed/, after: since });

  await expectSignedOut(other);
  // This browser stays signed in, on a fresh token.
  await page.goto("/dashboard");
  await expect(page.getByText(`You are signed in as ${signedIn.email}`)).toBeVisible();
});

test("the sessions page lists every session, marks this one, and revokes one or all others (S9)", async ({
  page,
  browser,
  baseURL,
  signedIn,
}) => {
  test.slow();
  const phone = await pageFor(browser, baseURL!, signedIn.id);
  const tablet = await pageFor(browser, baseURL!, signedIn.id);
  await page.goto("/account/sessions");
  const items = page.getByRole("region", { name: "Active sessions" }).getByRole("listitem");
  await expect(items).toHaveCount(3);
  await expect(items.first()).toContainText("This session");
  await expect(page.getByText("Safari on iOS")).toHaveCount(2);

  await page.getByRole("button", { name: "Sign out Safari on iOS" }).first().click();
  await expect(items).toHaveCount(2);
  const [phoneOut, tabletOut] = await Promise.all(
    [phone, tablet].map(async (p) => {
      await p.goto("/dashboard");
      return /\/login/.test(p.url());
    }),
  );
  expect([phoneOut, tabletOut].filter(Boolean)).toHaveLength(1);
  const survivor = phoneOut ? tablet : phone;

  // "Sign out all other sessions" needs the password again.
  await page.getByLabel("Your password").fill("wrong wrong wrong wrong");
  await page.getByRole("button", { name: "Sign out all other sessions" }).click();
  await expect(page.getByText("That password is not right.")).toBeVisible();
  await page.getByLabel("Your password").fill(signedIn.password);
  await page.getByRole("button", { name: "Sign out all other sessions" }).click();
  await expect(page.getByText("Signed out 1 other session.")).toBeVisible();
  await expect(items).toHaveCount(1);
  await expectSignedOut(survivor);
});

test("an email change takes effect only when the new address confirms; the old one is told (S10)", async ({
  page,
  browser,
  baseURL,
  signedIn,
}) => {
  test.slow();
  await verify(signedIn.id);
  const other = await pageFor(browser, baseURL!, signedIn.id);
  const next = uniqueEmail("moved");
  const since = new Date();
  await page.goto("/account/security");
  await page.getByLabel("New email").fill(next);
  await page.getByLabel("Your password").fill(signedIn.password);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByText(`We sent a link to ${next}`)).toBeVisible();

  const told = await waitForMail({
    to: signedIn.email,
    subject: /change .* was requested/,
    after: since,
  });
  expect(told.text).toContain(next);
  const link = (await waitForMail({ to: next, subject: /Confirm your new email/, after: since }))
    .links[0]!;

  // Nothing has changed yet.
  await page.goto("/account");
  await expect(page.getByRole("main").getByText(signedIn.email, { exact: true })).toBeVisible();
  await page.goto("/account/security");
  await expect(page.getByText(`Waiting for confirmation from ${next}`)).toBeVisible();

  await page.goto(link);
  await page.getByRole("button", { name: "Change my email" }).click();
  await expect(page).toHaveURL(/\/account\/security\?email_changed=1$/);
  await expect(page.getByText(`Your email is now ${next}`)).toBeVisible();
  await waitForMail({ to: signedIn.email, subject: /email address was changed/, after: since });
  await expectSignedOut(other);

  // The new address signs in and counts as verified; the old one no longer does.
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(signedIn.email);
  await page.getByLabel("Password", { exact: true }).fill(signedIn.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await page.getByLabel("Email").fill(next);
  await page.getByLabel("Password", { exact: true }).fill(signedIn.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("region", { name: "Unverified address" })).toHaveCount(0);
});

test("an email change to a taken address answers the same and mails that address instead", async ({
  page,
  signedIn,
}) => {
  const taken = await createUser();
  const since = new Date();
  await page.goto("/account/security");
  await page.getByLabel("New email").fill(taken.email);
  await page.getByLabel("Your password").fill(signedIn.password);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
  await expect(page.getByText(`We sent a link to ${taken.email}`)).toBeVisible();
  const notice = await waitForMail({ to: taken.email, subject: /tried to move/, after: since });
  expect(notice.links.some((l) => l.includes("/confirm-email/"))).toBe(false);
});

test("deleting the account is refused while the user is the last owner of a shared org", async ({
  page,
  signedIn,
}) => {
  const shared = await createOrg(signedIn.id, "Shared Co");
  const member = await createUser();
  await addMember(shared, signedIn.id, member.id, "member");
  await page.goto("/account/delete");
  const blocking = page.getByRole("main").getByRole("alert");
  await expect(blocking).toContainText("Transfer ownership first");
  await expect(blocking.getByRole("link", { name: "Shared Co" })).toHaveAttribute(
    "href",
    `/o/${shared.slug}/settings`,
  );
  await expect(page.getByRole("button", { name: "Delete my account" })).toHaveCount(0);
});

test("deleting the account takes its solo orgs, signs out and mails a notice", async ({
  page,
  browser,
  baseURL,
  signedIn,
}) => {
  test.slow();
  const solo = await createOrg(signedIn.id, "Solo Studio");
  const owner = await createUser();
  const joined = await createOrg(owner.id, "Someone's Team");
  await addMember(joined, owner.id, signedIn.id, "member");
  const other = await pageFor(browser, baseURL!, signedIn.id);

  await page.goto("/account/delete");
  await expect(page.getByRole("list", { name: "Deleted with your account" })).toContainText(
    "Solo Studio",
  );
  await page.getByLabel("Type delete my account to confirm").fill("delete it");
  await page.getByLabel("Your password").fill(signedIn.password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText('Type "delete my account" to confirm.')).toBeVisible();

  const since = new Date();
  await page.getByLabel("Type delete my account to confirm").fill("delete my account");
  await page.getByLabel("Your password").fill(signedIn.password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/login\?account_deleted=1$/);
  await expect(page.getByText("Your account was deleted.")).toBeVisible();
  await waitForMail({ to: signedIn.email, subject: /account was deleted/, after: since });
  await expectSignedOut(other);

  await page.getByLabel("Email").fill(signedIn.email);
  await page.getByLabel("Password", { exact: true }).fill(signedIn.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Invalid email or password.")).toBeVisible();

  // The shared org lives on; the solo one is gone.
  const ownerPage = await pageFor(browser, baseURL!, owner.id);
  await ownerPage.goto(`/o/${joined.slug}`);
  await expect(ownerPage.getByRole("button", { name: "Someone's Team" })).toBeVisible();
  expect(solo.slug).toBeTruthy();
  const soloPage = await ownerPage.goto(`/o/${solo.slug}`);
  expect(soloPage?.status()).toBe(404);
});
