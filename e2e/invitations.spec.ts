import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import {
  addMember,
  asTenant,
  asUser,
  createOrg,
  createSession,
  createUser,
  expect,
  ownerDb,
  setSessionCookie,
  test,
  tokenHash,
  uniqueEmail,
  type TestOrg,
} from "./fixtures";
import { waitForMail } from "./mail";
import { builtAction, callAction } from "./server-actions";

const PASSWORD = "lighthouse keeper of the northern coast";

async function signedInPage(browser: Browser, baseURL: string, userId: string) {
  const context = await browser.newContext();
  await setSessionCookie(context, baseURL, (await createSession(userId)).cookie);
  return context.newPage();
}

/** Sends an invitation through the members page, as a real admin would; returns the link. */
async function invite(
  browser: Browser,
  baseURL: string,
  org: TestOrg,
  inviterId: string,
  email: string,
  role = "Member",
): Promise<string> {
  const page = await signedInPage(browser, baseURL, inviterId);
  await page.goto(`/o/${org.slug}/settings/members`);
  const link = await sendInvitation(page, email, role);
  await page.context().close();
  return link;
}

/** On an open members page: invites `email`, waits for the mail and returns its link's path. */
async function sendInvitation(page: Page, email: string, role = "Member"): Promise<string> {
  const normalized = email.trim().toLowerCase();
  const after = new Date();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${normalized}.`)).toBeVisible();
  await expect(page.getByTestId("invitation-row").filter({ hasText: normalized })).toBeVisible();
  const mail = await waitForMail({ to: normalized, subject: /invited you to join/, after });
  expect(mail.text).toContain(`as ${role}`);
  const link = mail.links.find((l) => l.includes("/invitations/"));
  expect(link).toBeTruthy();
  return new URL(link!).pathname;
}

async function membershipRole(org: TestOrg, ownerId: string, email: string) {
  const rows = await asTenant(
    org.id,
    ownerId,
    (tx) => tx`
      select r.name from memberships m join users u on u.id = m.user_id
      join org_roles r on r.org_id = m.org_id and r.id = m.role_id
      where lower(u.email) = lower(${email})`,
  );
  return (rows[0]?.name as string | undefined) ?? null;
}

test("a new user signs up from the emailed link and joins with the invited role, once", async ({
  browser,
  baseURL,
}) => {
  const owner = await createUser({ verified: true });
  const org = await createOrg(owner.id, "Invitations Inc");
  const email = uniqueEmail("invitee");
  const link = await invite(browser, baseURL!, org, owner.id, email, "Admin");

  // The database holds only the token's hash, never the emailed token itself (A12).
  const token = link.split("/").pop()!;
  expect(token.length).toBeGreaterThanOrEqual(43);
  const stored = await asTenant(org.id, owner.id, (tx) => tx`select token_hash from invitations`);
  expect(Buffer.from(stored[0]!.token_hash as Buffer)).toEqual(tokenHash(token));

  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Invitations Inc" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}\\?joined=1$`));
  expect(await membershipRole(org, owner.id, email)).toBe("Admin");
  const [user] = await asTenant(
    org.id,
    owner.id,
    (tx) => tx`select email_verified_at from users where lower(email) = ${email}`,
  );
  expect(user!.email_verified_at).not.toBeNull();

  // Single use: the same link, even in a fresh browser, is spent.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(
    again.getByRole("heading", { name: "This invitation has already been used" }),
  ).toBeVisible();
});

test("an existing user accepts after logging in; another account cannot use the link", async ({
  browser,
  baseURL,
  request,
}) => {
  const owner = await createUser({ verified: true });
  const org = await createOrg(owner.id, "Existing Users Ltd");
  const invitee = await createUser();
  const stranger = await createUser();
  const link = await invite(browser, baseURL!, org, owner.id, invitee.email.toUpperCase());
  const token = link.split("/").pop()!;

  // The wrong account sees why, and a crafted accept request changes nothing (Z9).
  const wrong = await signedInPage(browser, baseURL!, stranger.id);
  await wrong.goto(link);
  await expect(wrong.getByText(/different email address|You're logged in as/)).toBeVisible();
  await expect(wrong.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
  const answer = await callAction(request, baseURL!, builtAction("acceptInvitationAction"), {
    slug: "x",
    body: { token },
    cookie: (await createSession(stranger.id)).cookie,
  });
  expect(answer).toContain("This invitation is for a different email address");
  expect(await membershipRole(org, owner.id, stranger.email)).toBeNull();

  // Logging in from the invitation page comes back to it.
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByRole("link", { name: "Log in to accept" }).click();
  await page.getByLabel("Email").fill(invitee.email);
  await page.getByLabel("Password", { exact: true }).fill(invitee.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(new RegExp(link));
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}`));
  expect(await membershipRole(org, owner.id, invitee.email)).toBe("Member");
});

test("two simultaneous accepts of one link make one membership", async ({ request, baseURL }) => {
  const owner = await createUser({ verified: true });
  const org = await createOrg(owner.id, "Race");
  const invitee = await createUser();
  const [role] = await asTenant(
    org.id,
    owner.id,
    (tx) => tx`select id from org_roles where built_in = 'viewer'`,
  );
  const token = randomBytes(32).toString("base64url");
  await asTenant(
    org.id,
    owner.id,
    (tx) => tx`
      insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
      values (${org.id}, ${invitee.email}, ${role!.id}, ${tokenHash(token)},
              ${owner.id}, now() + interval '1 day')`,
  );
  const cookie = (await createSession(invitee.id)).cookie;
  const action = builtAction("acceptInvitationAction");
  await Promise.all(
    Array.from({ length: 10 }, () =>
      callAction(request, baseURL!, action, { slug: "x", body: { token }, cookie }),
    ),
  );
  const memberships = await asUser(
    invitee.id,
    (tx) => tx`select org_id from memberships where org_id = ${org.id}`,
  );
  expect(memberships).toHaveLength(1);
  const joined = await asTenant(
    org.id,
    owner.id,
    (tx) => tx`select count(*)::int as n from audit_log where action = 'member.joined'`,
  );
  expect(joined).toEqual([{ n: 1 }]);
});

test("revoked, expired and replaced links are refused with a clear page", async ({
  browser,
  baseURL,
}) => {
  const owner = await createUser({ verified: true });
  const org = await createOrg(owner.id, "Link States");
  const revokedEmail = uniqueEmail("revoked");
  const expiredEmail = uniqueEmail("expired");
  const resentEmail = uniqueEmail("resent");
  const admin = await signedInPage(browser, baseURL!, owner.id);
  await admin.goto(`/o/${org.slug}/settings/members`);
  const revokedLink = await sendInvitation(admin, revokedEmail);
  const expiredLink = await sendInvitation(admin, expiredEmail);
  const firstLink = await sendInvitation(admin, resentEmail);

  await admin.getByRole("button", { name: `Revoke the invitation for ${revokedEmail}` }).click();
  await expect(admin.getByTestId("invitation-row").filter({ hasText: revokedEmail })).toHaveCount(
    0,
  );
  const after = new Date();
  await admin
    .getByTestId("invitation-row")
    .filter({ hasText: resentEmail })
    .getByRole("button", { name: "Resend" })
    .click();
  const resent = await waitForMail({ to: resentEmail, subject: /invited you/, after });
  const secondLink = new URL(resent.links.find((l) => l.includes("/invitations/"))!).pathname;
  expect(secondLink).not.toBe(firstLink);

  await asTenant(
    org.id,
    owner.id,
    (tx) =>
      tx`update invitations set expires_at = now() - interval '1 minute' where email = ${expiredEmail}`,
  );

  const page = await (await browser.newContext()).newPage();
  await page.goto(revokedLink);
  await expect(page.getByRole("heading", { name: "This invitation was withdrawn" })).toBeVisible();
  await page.goto(expiredLink);
  await expect(page.getByRole("heading", { name: "This invitation has expired" })).toBeVisible();
  await page.goto(firstLink);
  await expect(
    page.getByRole("heading", { name: "This invitation link isn't valid" }),
  ).toBeVisible();
  await page.goto(secondLink);
  await expect(page.getByRole("heading", { name: "Join Link States" })).toBeVisible();
});

test("a link dies with its inviter's right to send it, and works again once resent by someone who can", async ({
  browser,
  baseURL,
  request,
}) => {
  const owner = await createUser({ verified: true });
  const org = await createOrg(owner.id, "Demotions Co");
  const inviter = await createUser({ verified: true });
  await addMember(org, owner.id, inviter.id, "admin");
  const email = uniqueEmail("outgrown");
  const link = await invite(browser, baseURL!, org, inviter.id, email, "Admin");
  const existing = await createUser();
  const existingLink = await invite(browser, baseURL!, org, inviter.id, existing.email, "Member");

  // The inviter is demoted to Member, which may not invite at all (nor give Admin).
  await asTenant(
    org.id,
    owner.id,
    (tx) => tx`update memberships set role_id = (
        select id from org_roles where org_id = ${org.id} and built_in = 'member')
      where org_id = ${org.id} and user_id = ${inviter.id}`,
  );
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(
    page.getByRole("heading", { name: "This invitation is no longer valid" }),
  ).toBeVisible();
  await expect(page.getByText("can no longer give the role it offers")).toBeVisible();
  // A crafted signup from the link creates no account either.
  const answer = await callAction(request, baseURL!, builtAction("signupWithInvitationAction"), {
    slug: "x",
    body: { token: link.split("/").pop()!, password: PASSWORD },
  });
  expect(answer).toContain("This invitation is no longer valid");
  expect(await ownerDb()`select 1 from users where lower(email) = ${email}`).toHaveLength(0);
  // Nor does a signed-in account with the invited address get in, whatever role was offered.
  const accepted = await callAction(request, baseURL!, builtAction("acceptInvitationAction"), {
    slug: "x",
    body: { token: existingLink.split("/").pop()! },
    cookie: (await createSession(existing.id)).cookie,
  });
  expect(accepted).toContain("This invitation is no longer valid");
  expect(await membershipRole(org, owner.id, existing.email)).toBeNull();

  // The owner sees why on the members page, and resending sends it in the owner's name.
  const members = await signedInPage(browser, baseURL!, owner.id);
  await members.goto(`/o/${org.slug}/settings/members`);
  const row = members.getByTestId("invitation-row").filter({ hasText: email });
  await expect(row).toContainText("Can't be used: whoever sent it can no longer give this role");
  const after = new Date();
  await row.getByRole("button", { name: "Resend" }).click();
  const resent = await waitForMail({ to: email, subject: /invited you/, after });
  await expect(row).not.toContainText("Can't be used");
  await page.goto(new URL(resent.links.find((l) => l.includes("/invitations/"))!).pathname);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}\\?joined=1$`));
  expect(await membershipRole(org, owner.id, email)).toBe("Admin");
});

test("an account whose address is unproved cannot invite anyone, even with a crafted request (ADR 011)", async ({
  page,
  baseURL,
  request,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Unproved");
  const { cookie } = await createSession(owner.id);
  await setSessionCookie(page.context(), baseURL!, cookie);
  await page.goto(`/o/${org.slug}/settings/members`);
  await expect(page.getByText("Verify your email address before you invite people")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);

  const [role] = await asTenant(
    org.id,
    owner.id,
    (tx) => tx`select id from org_roles where built_in = 'member'`,
  );
  const email = uniqueEmail("never-invited");
  const answer = await callAction(request, baseURL!, builtAction("inviteMemberAction"), {
    slug: org.slug,
    body: { org: org.slug, email, roleId: role!.id as string },
    cookie,
  });
  expect(answer).toContain("Verify your email address before you invite people");
  const sent = await asTenant(org.id, owner.id, (tx) => tx`select 1 from invitations`);
  expect(sent).toHaveLength(0);

  // Nor resend one (here, one from before the rule): a resend mails a fresh link.
  const hash = tokenHash(randomBytes(32).toString("base64url"));
  const [old] = await asTenant(
    org.id,
    owner.id,
    (tx) => tx`insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
      values (${org.id}, ${email}, ${role!.id}, ${hash}, ${owner.id}, now() + interval '7 days')
      returning id`,
  );
  const resend = await callAction(request, baseURL!, builtAction("resendInvitationAction"), {
    slug: org.slug,
    body: { org: org.slug, id: old!.id as string },
    cookie,
  });
  expect(resend).toContain("Verify your email address before you invite people");
  const [kept] = await asTenant(org.id, owner.id, (tx) => tx`select token_hash from invitations`);
  expect(Buffer.from(kept!.token_hash as Buffer)).toEqual(hash);
});

test("inviting a member, or someone already invited, is answered clearly", async ({
  browser,
  baseURL,
}) => {
  const owner = await createUser({ verified: true });
  const org = await createOrg(owner.id, "Duplicates");
  const member = await createUser();
  await addMember(org, owner.id, member.id, "viewer");
  const email = uniqueEmail("twice");
  await invite(browser, baseURL!, org, owner.id, email);

  const page = await signedInPage(browser, baseURL!, owner.id);
  await page.goto(`/o/${org.slug}/settings/members`);
  await page.getByLabel("Email").fill(member.email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`${member.email} is already a member.`)).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`${email} already has a pending invitation.`)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(email);
});

test("an admin cannot invite as owner, even with a crafted request (Z7)", async ({
  browser,
  baseURL,
  request,
}) => {
  const owner = await createUser({ verified: true });
  const org = await createOrg(owner.id, "No Escalation");
  const admin = await createUser({ verified: true });
  await addMember(org, owner.id, admin.id, "admin");

  const page = await signedInPage(browser, baseURL!, admin.id);
  await page.goto(`/o/${org.slug}/settings/members`);
  const options = await page
    .getByLabel("Role", { exact: true })
    .locator("option")
    .allTextContents();
  expect(options).not.toContain("Owner");
  expect(options).toContain("Admin");

  const [ownerRole] = await asTenant(
    org.id,
    owner.id,
    (tx) => tx`select id from org_roles where built_in = 'owner'`,
  );
  const answer = await callAction(request, baseURL!, builtAction("inviteMemberAction"), {
    slug: org.slug,
    body: { org: org.slug, email: uniqueEmail("crafted"), roleId: ownerRole!.id as string },
    cookie: (await createSession(admin.id)).cookie,
  });
  expect(answer).toContain("You can't invite with a role that has permissions you don't hold.");
  const invitations = await asTenant(org.id, owner.id, (tx) => tx`select id from invitations`);
  expect(invitations).toHaveLength(0);
});
