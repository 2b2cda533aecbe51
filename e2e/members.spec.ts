import type { Browser } from "@playwright/test";
import {
  addMember,
  asTenant,
  createOrg,
  createProject,
  createSession,
  createUser,
  expect,
  setSessionCookie,
  test,
  type TestOrg,
} from "./fixtures";
import { builtAction, callAction } from "./server-actions";

const FORBIDDEN = "Your role in this organization doesn't allow this.";
const ABOVE_YOU = "This member's role has permissions you don't hold";
const YOURSELF = "You can't change your own role or remove yourself here.";

async function signedInPage(browser: Browser, baseURL: string, userId: string) {
  const context = await browser.newContext();
  await setSessionCookie(context, baseURL, (await createSession(userId)).cookie);
  return context.newPage();
}

async function roleOf(org: TestOrg, asUserId: string, userId: string) {
  const rows = await asTenant(
    org.id,
    asUserId,
    (tx) => tx`
      select r.built_in from memberships m join org_roles r on r.org_id = m.org_id and r.id = m.role_id
      where m.user_id = ${userId}`,
  );
  return (rows[0]?.built_in as string | undefined) ?? null;
}

async function roleId(org: TestOrg, ownerId: string, builtIn: string): Promise<string> {
  const rows = await asTenant(
    org.id,
    ownerId,
    (tx) => tx`select id from org_roles where built_in = ${builtIn}`,
  );
  return rows[0]!.id as string;
}

test("an owner changes a member's role and removes a member in the UI", async ({
  browser,
  baseURL,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Team");
  const alice = await createUser();
  const bob = await createUser();
  await addMember(org, owner.id, alice.id, "member");
  await addMember(org, owner.id, bob.id, "viewer");

  const page = await signedInPage(browser, baseURL!, owner.id);
  await page.goto(`/o/${org.slug}/settings/members`);
  await page.getByLabel(`Role of ${alice.email}`).selectOption({ label: "Admin" });
  const aliceRow = page.getByTestId("member-row").filter({ hasText: alice.email });
  await aliceRow.getByRole("button", { name: "Save" }).click();
  await expect(aliceRow.getByText("Role saved.")).toBeVisible();
  expect(await roleOf(org, owner.id, alice.id)).toBe("admin");

  const bobRow = page.getByTestId("member-row").filter({ hasText: bob.email });
  await bobRow.getByText("Remove…").click();
  await bobRow.getByRole("button", { name: "Remove member" }).click();
  await expect(page.getByTestId("member-row").filter({ hasText: bob.email })).toHaveCount(0);
  expect(await roleOf(org, owner.id, bob.id)).toBeNull();

  // The owner's own row has no controls: nobody edits their own role.
  const ownRow = page.getByTestId("member-row").filter({ hasText: owner.email });
  await expect(ownRow.getByRole("button")).toHaveCount(0);

  const audited = await asTenant(
    org.id,
    owner.id,
    (tx) => tx`select action from audit_log where action like 'member.%' order by created_at`,
  );
  expect(audited.map((r) => r.action)).toEqual(["member.role_changed", "member.removed"]);
});

test("escalations are refused, however the request is crafted (Z7)", async ({
  browser,
  baseURL,
  request,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Guarded");
  const admin = await createUser();
  const member = await createUser();
  await addMember(org, owner.id, admin.id, "admin");
  await addMember(org, owner.id, member.id, "member");
  const adminCookie = (await createSession(admin.id)).cookie;
  const change = builtAction("changeMemberRoleAction");
  const remove = builtAction("removeMemberAction");
  const as = (cookie: string, action: typeof change, body: Record<string, string>) =>
    callAction(request, baseURL!, action, {
      slug: org.slug,
      body: { org: org.slug, ...body },
      cookie,
    });

  // An admin cannot touch the owner, promote anyone to owner, or change their own role.
  const viewerRole = await roleId(org, owner.id, "viewer");
  const ownerRole = await roleId(org, owner.id, "owner");
  expect(await as(adminCookie, change, { userId: owner.id, roleId: viewerRole })).toContain(
    ABOVE_YOU,
  );
  expect(await as(adminCookie, remove, { userId: owner.id })).toContain(ABOVE_YOU);
  expect(await as(adminCookie, change, { userId: member.id, roleId: ownerRole })).toContain(
    "You can't give a role with permissions you don't hold.",
  );
  expect(await as(adminCookie, change, { userId: admin.id, roleId: ownerRole })).toContain(
    YOURSELF,
  );
  // A plain member cannot change roles at all.
  const memberCookie = (await createSession(member.id)).cookie;
  expect(await as(memberCookie, change, { userId: member.id, roleId: ownerRole })).toContain(
    FORBIDDEN,
  );
  // The only owner cannot demote themselves either.
  const ownerCookie = (await createSession(owner.id)).cookie;
  expect(await as(ownerCookie, change, { userId: owner.id, roleId: viewerRole })).toContain(
    YOURSELF,
  );

  expect(await roleOf(org, owner.id, owner.id)).toBe("owner");
  expect(await roleOf(org, owner.id, admin.id)).toBe("admin");
  expect(await roleOf(org, owner.id, member.id)).toBe("member");

  // In the UI, the admin sees the owner's role as text only, and no Owner option.
  const page = await signedInPage(browser, baseURL!, admin.id);
  await page.goto(`/o/${org.slug}/settings/members`);
  const ownerRow = page.getByTestId("member-row").filter({ hasText: owner.email });
  await expect(ownerRow.getByRole("combobox")).toHaveCount(0);
  const options = await page
    .getByLabel(`Role of ${member.email}`)
    .locator("option")
    .allTextContents();
  expect(options).not.toContain("Owner");
});

test("role changes and removal apply on the member's very next request (Z8)", async ({
  browser,
  baseURL,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Next Request");
  const admin = await createUser();
  await addMember(org, owner.id, admin.id, "admin");

  const page = await signedInPage(browser, baseURL!, admin.id);
  await page.goto(`/o/${org.slug}/settings`);
  await expect(page.getByRole("button", { name: "Save name" })).toBeVisible();

  // Demoted while the page is open: the next save is refused.
  await asTenant(
    org.id,
    owner.id,
    (tx) => tx`update memberships set role_id = (select id from org_roles where built_in = 'viewer')
               where user_id = ${admin.id}`,
  );
  await page.getByLabel("Organization name").fill("Renamed by a viewer");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText(FORBIDDEN)).toBeVisible();

  // Removed: every page of the org answers 404.
  await asTenant(org.id, owner.id, (tx) => tx`delete from memberships where user_id = ${admin.id}`);
  const response = await page.goto(`/o/${org.slug}`);
  expect(response?.status()).toBe(404);
  const [row] = await asTenant(org.id, owner.id, (tx) => tx`select name from organizations`);
  expect(row!.name).toBe("Next Request");
});

test("ownership transfer needs the owner's password and swaps the roles", async ({
  browser,
  baseURL,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Handover");
  const next = await createUser();
  await addMember(org, owner.id, next.id, "member");

  const page = await signedInPage(browser, baseURL!, owner.id);
  await page.goto(`/o/${org.slug}/settings`);
  await page.getByLabel("New owner").selectOption({ label: `${next.email} (Member)` });
  await page.getByLabel("Your password").fill("not my password at all, sorry");
  await page.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(page.getByText("That password is not right.")).toBeVisible();
  expect(await roleOf(org, owner.id, owner.id)).toBe("owner");

  await page.getByLabel("Your password").fill(owner.password);
  await page.getByRole("button", { name: "Transfer ownership" }).click();
  await expect(page.getByText("Ownership was transferred. You are now an admin.")).toBeVisible();
  expect(await roleOf(org, next.id, next.id)).toBe("owner");
  expect(await roleOf(org, next.id, owner.id)).toBe("admin");
});

test("a member edits and deletes only the projects they created (ABAC)", async ({
  browser,
  baseURL,
  request,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Own Projects");
  const member = await createUser();
  await addMember(org, owner.id, member.id, "member");
  const theirs = await createProject(org, owner.id, { name: "Owner's plan" });
  const mine = await createProject(org, member.id, { name: "Member's draft" });
  const cookie = (await createSession(member.id)).cookie;
  const update = builtAction("updateProjectAction");
  const remove = builtAction("deleteProjectAction");
  const body = (id: string) => ({ org: org.slug, id, name: "Edited", description: "" });

  expect(
    await callAction(request, baseURL!, update, { slug: org.slug, body: body(theirs), cookie }),
  ).toContain(FORBIDDEN);
  expect(
    await callAction(request, baseURL!, remove, {
      slug: org.slug,
      body: { org: org.slug, id: theirs },
      cookie,
    }),
  ).toContain(FORBIDDEN);
  expect(
    await callAction(request, baseURL!, update, { slug: org.slug, body: body(mine), cookie }),
  ).toContain('"ok":true');
  const names = await asTenant(
    org.id,
    owner.id,
    (tx) => tx`select name from projects order by name`,
  );
  expect(names.map((r) => r.name)).toEqual(["Edited", "Owner's plan"]);

  // The UI offers editing only where the server would allow it.
  const page = await signedInPage(browser, baseURL!, member.id);
  await page.goto(`/o/${org.slug}/projects/${theirs}`);
  await expect(page.getByRole("button", { name: /save/i })).toHaveCount(0);
  await expect(page.getByText("Delete project…")).toHaveCount(0);
  await page.goto(`/o/${org.slug}/projects/${mine}`);
  await expect(page.getByText("Delete project…")).toBeVisible();
});

test("someone in two orgs sees only this org's members and roles on its settings pages", async ({
  browser,
  baseURL,
}) => {
  const owner = await createUser();
  const other = await createUser();
  const here = await createOrg(owner.id, "Here");
  const elsewhere = await createOrg(other.id, "Elsewhere");
  await addMember(elsewhere, other.id, owner.id, "viewer");

  const page = await signedInPage(browser, baseURL!, owner.id);
  await page.goto(`/o/${here.slug}/settings/members`);
  await expect(page.getByText("1 person belongs to Here.")).toBeVisible();
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(page.getByTestId("member-row")).toContainText("Owner");
  await page.goto(`/o/${here.slug}/settings/roles`);
  await expect(page.getByRole("list", { name: "Roles" }).getByRole("listitem")).toHaveCount(4);
  // The org switcher, outside any one org's data, still lists both.
  await page.getByRole("button", { name: "Here" }).click();
  await expect(page.getByRole("menuitem", { name: /Elsewhere/ })).toBeVisible();
  await page.context().close();
});
