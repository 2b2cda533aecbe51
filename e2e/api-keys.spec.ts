/**
 * Settings -> API keys in Chromium: create a key, copy it from the panel that shows it once,
 * see it listed, use it, revoke it. And the server's refusals, whatever the browser sends: a
 * scope the creator lacks (K3, Z7) and an expiry in the past.
 */
import { captureAction, replayAs } from "./action-requests";
import {
  addMember,
  asTenant,
  asUser,
  createOrg,
  createSession,
  createUser,
  expect,
  markEmailVerified,
  setSessionCookie,
  test,
} from "./fixtures";

async function keyCount(orgId: string, userId: string): Promise<number> {
  const [row] = await asTenant(orgId, userId, (tx) => tx`select count(*)::int as n from api_keys`);
  return row!.n as number;
}

test("an owner creates a key, copies it once, sees it listed, uses it and revokes it", async ({
  page,
  context,
  baseURL,
  signedIn,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await markEmailVerified(signedIn.id);
  const org = await createOrg(signedIn.id, "Key makers");
  await page.goto(`/o/${org.slug}/settings`);
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "API keys" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByText("No API keys yet")).toBeVisible();

  await page.getByLabel("Name", { exact: true }).fill("CI deploys");
  await page.getByLabel("Expires").selectOption("30");
  await page.getByLabel("See the organization's projects").check();
  await page.getByLabel("Create projects").check();
  await page.getByLabel("Your password", { exact: true }).fill(signedIn.password);
  await page.getByRole("button", { name: "Create key" }).click();

  const panel = page.getByTestId("new-api-key");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("This is the only time it is shown");
  const key = await panel.getByLabel("Your new API key").inputValue();
  expect(key).toMatch(/^sk_live_[0-9A-Za-z]{40}$/);
  await panel.getByRole("button", { name: "Copy" }).click();
  await expect(panel.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await page.screenshot({ path: "test-results/api-keys-created.png", fullPage: true });

  const row = page.getByTestId("api-key-row").filter({ hasText: "CI deploys" });
  await expect(row).toContainText(`${key.slice(0, 16)}…`);
  await expect(row).toContainText("projects:read");
  await expect(row).toContainText("projects:create");
  await expect(row).toContainText(`by ${signedIn.email}`);
  await expect(row).toContainText("Never");
  await expect(row).toContainText("Active");

  // Once dismissed, and after a reload, the key is nowhere on the page.
  await panel.getByRole("button", { name: "I have copied it" }).click();
  await expect(panel).toBeHidden();
  const me = await page.request.get("/api/v1/me", {
    headers: { Authorization: `Bearer ${key}`, Cookie: "" },
  });
  expect(await me.json()).toMatchObject({ kind: "api_key", name: "CI deploys" });
  await page.reload();
  expect(await page.content()).not.toContain(key.slice(16));
  await expect(row).not.toContainText("Never");

  await row.getByText("Revoke…").click();
  await row.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByText("Revoke…")).toHaveCount(0);
  await page.screenshot({ path: "test-results/api-keys-revoked.png", fullPage: true });
  const after = await page.request.get("/api/v1/me", {
    headers: { Authorization: `Bearer ${key}` },
  });
  expect(after.status()).toBe(401);

  const audit = await asTenant(
    org.id,
    signedIn.id,
    (tx) => tx`select action from audit_log where action like 'api_key.%' order by created_at`,
  );
  expect(audit.map((r) => r.action)).toEqual([
    "api_key.created",
    "api_key.used",
    "api_key.revoked",
  ]);
});

test("the server refuses a scope the creator lacks, and an expiry in the past", async ({
  page,
  baseURL,
}) => {
  const owner = await createUser({ verified: true });
  const admin = await createUser({ verified: true });
  const org = await createOrg(owner.id, "Escalation");
  await addMember(org, owner.id, admin.id, "admin");
  await setSessionCookie(page.context(), baseURL!, (await createSession(admin.id)).cookie);
  await page.goto(`/o/${org.slug}/settings/api-keys`);

  // The form offers only what an admin holds: deleting the org is an owner's.
  await expect(page.getByLabel("Delete the organization with all of its data")).toBeDisabled();

  await page.getByLabel("Name", { exact: true }).fill("Past");
  await page.getByLabel("Expires").selectOption("date");
  await page.getByLabel("Expiry date").fill("2020-01-01");
  await page.getByLabel("See the organization's projects").check();
  await page.getByLabel("Your password", { exact: true }).fill(admin.password);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Choose a date after today")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Past");
  expect(await keyCount(org.id, owner.id)).toBe(0);

  // A key outlives the session that made it: the password is asked for again (S10).
  await page.getByLabel("Expires").selectOption("90");
  await page.getByLabel("Your password", { exact: true }).fill("not the admin's password");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("That password is not right.")).toBeVisible();
  expect(await keyCount(org.id, owner.id)).toBe(0);

  // A request crafted outside the form: the same submission with an owner-only scope added.
  await page.getByLabel("Your password", { exact: true }).fill(admin.password);
  const captured = await captureAction(page, () =>
    page.getByRole("button", { name: "Create key" }).click(),
  );
  await expect(page.getByTestId("new-api-key")).toBeVisible();
  expect(await keyCount(org.id, owner.id)).toBe(1);
  const crafted = await replayAs(page.request, captured, [
    // React prefixes form fields (`_1_permission…`), so swap the name's tail.
    ['permission.projects:read"', 'permission.org:delete"'],
  ]);
  expect(crafted.text).toContain("You can't grant permissions you don't hold: org:delete.");
  expect(crafted.text).not.toMatch(/sk_live_[0-9A-Za-z]{40}/);
  expect(await keyCount(org.id, owner.id)).toBe(1);

  // An unproved address may not mint a key, which would outlive the real owner's reset (ADR 011).
  await asUser(
    admin.id,
    (tx) => tx`update users set email_verified_at = null where id = ${admin.id}`,
  );
  const unverified = await replayAs(page.request, captured, []);
  expect(unverified.text).toContain("Verify your email address before you create API keys");
  expect(await keyCount(org.id, owner.id)).toBe(1);
  await page.reload();
  await expect(
    page.getByText("Verify your email address before you create API keys"),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCount(0);
});

test("members without api_keys:read see neither the section nor the page", async ({
  page,
  baseURL,
}) => {
  const owner = await createUser({ verified: true });
  const member = await createUser();
  const org = await createOrg(owner.id, "No keys for you");
  await addMember(org, owner.id, member.id, "member");
  await setSessionCookie(page.context(), baseURL!, (await createSession(member.id)).cookie);
  await page.goto(`/o/${org.slug}/settings/members`);
  await expect(page.getByRole("navigation", { name: "Settings" })).not.toContainText("API keys");
  const response = await page.goto(`/o/${org.slug}/settings/api-keys`);
  expect(response?.status()).toBe(404);
});
