import { randomBytes } from "node:crypto";
import type { Browser } from "@playwright/test";
import {
  asTenant,
  createOrg,
  createSession,
  createUser,
  expect,
  setSessionCookie,
  test,
  type TestOrg,
} from "./fixtures";
import { captureAction, replayAs } from "./action-requests";

const NOT_FOUND = "We couldn't find that role.";
const FORBIDDEN = "Your role in this organization doesn't allow this.";

/** Adds a member to `org` with a built-in role (by key) or a custom role (by id). */
async function addMember(org: TestOrg, ownerId: string, role: string, userId?: string) {
  const user = userId ? { id: userId } : await createUser();
  await asTenant(
    org.id,
    ownerId,
    (tx) => tx`
      insert into memberships (org_id, user_id, role_id)
      select ${org.id}, ${user.id}, id from org_roles
      where org_id = ${org.id} and (built_in = ${role} or id::text = ${role})`,
  );
  return user.id;
}

async function createRole(org: TestOrg, ownerId: string, name: string, permissions: string[]) {
  const rows = await asTenant(
    org.id,
    ownerId,
    (tx) => tx`
      insert into org_roles (org_id, name, permissions) values (${org.id}, ${name}, ${permissions})
      returning id`,
  );
  return rows[0]!.id as string;
}

async function roleRow(org: TestOrg, ownerId: string, id: string) {
  const rows = await asTenant(
    org.id,
    ownerId,
    (tx) => tx`select name, description, permissions, updated_at from org_roles where id = ${id}`,
  );
  return rows[0] ?? null;
}

async function roleNames(org: TestOrg, ownerId: string) {
  const rows = await asTenant(
    org.id,
    ownerId,
    (tx) => tx`select name from org_roles where built_in is null order by name`,
  );
  return rows.map((r) => r.name as string);
}

/** A page signed in as `userId`, in a context of its own. */
async function pageAs(browser: Browser, baseURL: string, userId: string) {
  const context = await browser.newContext({ baseURL });
  await setSessionCookie(context, baseURL, (await createSession(userId)).cookie);
  return context.newPage();
}

test("an owner creates a custom role by ticking permissions, then edits it", async ({
  page,
  signedIn,
}) => {
  const org = await createOrg(signedIn.id, "Role Makers");
  await page.goto(`/o/${org.slug}/settings/roles`);
  const rows = page.getByRole("list", { name: "Roles" }).getByRole("listitem");
  await expect(rows).toHaveCount(4);
  for (const [i, name] of ["Owner", "Admin", "Member", "Viewer"].entries()) {
    await expect(rows.nth(i).getByRole("link")).toHaveText(name);
    await expect(rows.nth(i).getByText("Built-in")).toBeVisible();
  }
  await expect(rows.first()).toContainText("16 permissions · 1 member");

  await page.getByRole("link", { name: "New role" }).click();
  await page.getByLabel("Name", { exact: true }).fill("owner");
  await page.getByLabel("Description", { exact: true }).fill("Keeps the projects tidy");
  await page.getByLabel("See the organization's projects").check();
  await page.getByLabel("Edit any project", { exact: true }).check();
  await page.getByRole("button", { name: "Create role" }).click();
  // A taken name (whatever its case) is a field error; everything typed and ticked is kept.
  await expect(
    page.getByText("This organization already has a role with this name."),
  ).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("owner");
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Description", { exact: true })).toHaveValue(
    "Keeps the projects tidy",
  );
  await expect(page.getByLabel("See the organization's projects")).toBeChecked();
  await expect(page.getByLabel("Edit any project", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Create projects", { exact: true })).not.toBeChecked();

  await page.getByLabel("Name", { exact: true }).fill("Gardeners");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/settings/roles\\?created=1$`));
  await expect(page.getByText("The role was created.")).toBeVisible();
  const gardeners = rows.filter({ hasText: "Gardeners" });
  await expect(gardeners).toContainText("Keeps the projects tidy");
  await expect(gardeners).toContainText("2 permissions · 0 members");
  await expect(gardeners.getByText("Built-in")).toHaveCount(0);
  const [created] = await asTenant(
    org.id,
    signedIn.id,
    (tx) => tx`select id, description, permissions from org_roles where name = 'Gardeners'`,
  );
  expect(created).toMatchObject({
    description: "Keeps the projects tidy",
    permissions: ["projects:read", "projects:update"],
  });

  await gardeners.getByRole("link", { name: "Gardeners" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gardeners");
  await page.getByLabel("Name", { exact: true }).fill("Head gardeners");
  await page.getByLabel("Edit any project", { exact: true }).uncheck();
  await page.getByLabel("Delete any project", { exact: true }).check();
  await page.getByLabel("Read the audit log").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Head gardeners");
  await expect(page.getByLabel("Delete any project", { exact: true })).toBeChecked();
  await expect(page.getByLabel("Edit any project", { exact: true })).not.toBeChecked();
  expect(await roleRow(org, signedIn.id, created!.id as string)).toMatchObject({
    name: "Head gardeners",
    permissions: ["audit_log:read", "projects:read", "projects:delete"],
  });
  const [audit] = await asTenant(
    org.id,
    signedIn.id,
    (tx) => tx`select metadata from audit_log where action = 'role.updated'`,
  );
  expect(audit!.metadata).toMatchObject({
    added: ["audit_log:read", "projects:delete"],
    removed: ["projects:update"],
  });

  // A built-in role's page shows its permissions and no form.
  await page.goto(`/o/${org.slug}/settings/roles`);
  await page.getByRole("link", { name: "Viewer" }).click();
  await expect(page.getByText("Built-in roles can't be changed or deleted.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(page.getByText("Delete role…")).toHaveCount(0);
});

test("an admin cannot grant or edit what they don't hold, even with crafted requests", async ({
  signedIn,
  browser,
  baseURL,
}) => {
  const org = await createOrg(signedIn.id, "Escalation Org");
  const admin = await addMember(org, signedIn.id, "admin");
  const helpers = await createRole(org, signedIn.id, "Helpers", ["projects:read"]);
  const closers = await createRole(org, signedIn.id, "Closers", ["org:delete", "projects:read"]);
  const closersBefore = await roleRow(org, signedIn.id, closers);
  const adminPage = await pageAs(browser, baseURL!, admin);

  // The controls for what the admin lacks are off, with the reason.
  await adminPage.goto(`/o/${org.slug}/settings/roles/new`);
  const orgDelete = adminPage.getByLabel("Delete the organization with all of its data");
  await expect(orgDelete).toBeDisabled();
  await expect(orgDelete).toHaveAccessibleDescription(/can't grant it/);
  await expect(adminPage.getByLabel("See the organization's projects")).toBeEnabled();

  await adminPage.getByLabel("Name", { exact: true }).fill("Crafted");
  await adminPage.getByLabel("See the organization's projects").check();
  const create = await captureAction(adminPage, () =>
    adminPage.getByRole("button", { name: "Create role" }).click(),
  );
  await expect(adminPage).toHaveURL(/\/settings\/roles\?created=1$/);
  const crafted = await replayAs(adminPage.request, create, [
    ["Crafted", "Crafted again"],
    ["permission.projects:read", "permission.org:delete"],
  ]);
  expect(crafted.text).toContain("You can't grant permissions you don't hold: org:delete.");

  await adminPage.goto(`/o/${org.slug}/settings/roles/${helpers}`);
  await adminPage.getByLabel("Create projects", { exact: true }).check();
  const update = await captureAction(adminPage, () =>
    adminPage.getByRole("button", { name: "Save changes" }).click(),
  );
  await expect(adminPage.getByText("Changes saved.")).toBeVisible();
  const raised = await replayAs(adminPage.request, update, [
    ["permission.projects:create", "permission.org:transfer"],
  ]);
  expect(raised.text).toContain("You can't grant permissions you don't hold: org:transfer.");
  // A role that already holds more than the admin can be neither edited nor deleted.
  const lowered = await replayAs(adminPage.request, update, [
    [helpers, closers],
    ["Helpers", "Closers"],
  ]);
  expect(lowered.text).toContain("This role has permissions you don't hold (org:delete)");
  await adminPage.goto(`/o/${org.slug}/settings/roles/${closers}`);
  await expect(adminPage.getByText("so you can't change or delete it")).toBeVisible();
  await expect(adminPage.getByRole("button", { name: "Save changes" })).toHaveCount(0);

  expect(await roleNames(org, signedIn.id)).toEqual(["Closers", "Crafted", "Helpers"]);
  expect(await roleRow(org, signedIn.id, helpers)).toMatchObject({
    permissions: ["projects:read", "projects:create"],
  });
  expect(await roleRow(org, signedIn.id, closers)).toEqual(closersBefore);
  await adminPage.context().close();
});

test("a member without roles:manage changes nothing by replaying the owner's requests", async ({
  page,
  signedIn,
  browser,
  baseURL,
}) => {
  const org = await createOrg(signedIn.id, "Replay Org");
  const target = await createRole(org, signedIn.id, "Target", ["projects:read"]);
  const spare = await createRole(org, signedIn.id, "Spare", []);
  const targetBefore = await roleRow(org, signedIn.id, target);

  await page.goto(`/o/${org.slug}/settings/roles/new`);
  await page.getByLabel("Name", { exact: true }).fill("By owner");
  const create = await captureAction(page, () =>
    page.getByRole("button", { name: "Create role" }).click(),
  );
  await expect(page).toHaveURL(/\?created=1$/);
  await page.goto(`/o/${org.slug}/settings/roles/${target}`);
  await page.getByLabel("Create projects", { exact: true }).check();
  const update = await captureAction(page, () =>
    page.getByRole("button", { name: "Save changes" }).click(),
  );
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.goto(`/o/${org.slug}/settings/roles/${spare}`);
  await page.getByText("Delete role…").click();
  const remove = await captureAction(page, () =>
    page.getByRole("button", { name: "Delete role" }).click(),
  );
  await expect(page).toHaveURL(/\?deleted=1$/);
  const targetAfterOwner = await roleRow(org, signedIn.id, target);

  for (const role of ["member", "viewer"]) {
    const userId = await addMember(org, signedIn.id, role);
    const memberPage = await pageAs(browser, baseURL!, userId);
    for (const path of ["", "/new", `/${target}`]) {
      const response = await memberPage.request.get(`/o/${org.slug}/settings/roles${path}`);
      expect(response.status(), `${role} ${path}`).toBe(404);
    }
    const answers = [
      await replayAs(memberPage.request, create, [["By owner", `By ${role}`]]),
      await replayAs(memberPage.request, update, [
        ["permission.projects:create", "permission.roles:manage"],
      ]),
      await replayAs(memberPage.request, remove, [[spare, target]]),
    ];
    for (const answer of answers) expect(answer.text).toContain(FORBIDDEN);
    await memberPage.context().close();
  }
  expect(await roleNames(org, signedIn.id)).toEqual(["By owner", "Target"]);
  expect(await roleRow(org, signedIn.id, target)).toEqual(targetAfterOwner);
  expect(targetAfterOwner).not.toEqual(targetBefore);
  const denied = await asTenant(
    org.id,
    signedIn.id,
    (tx) => tx`select count(*)::int as n from audit_log where action = 'authz.denied'`,
  );
  expect(denied[0]!.n).toBe(6);
});

test("another org's role id is not found and stays unchanged", async ({ page, signedIn }) => {
  const orgA = await createOrg(signedIn.id, "Org A");
  const ownerB = await createUser();
  const orgB = await createOrg(ownerB.id, "Org B");
  const mine = await createRole(orgA, signedIn.id, "Mine", ["projects:read"]);
  const theirs = await createRole(orgB, ownerB.id, "Theirs", ["projects:read"]);
  const before = await roleRow(orgB, ownerB.id, theirs);

  for (const id of [theirs, crypto.randomUUID(), "not-a-uuid"]) {
    const response = await page.goto(`/o/${orgA.slug}/settings/roles/${id}`);
    expect(response?.status(), id).toBe(404);
  }
  expect((await page.goto(`/o/${orgB.slug}/settings/roles`))?.status()).toBe(404);

  await page.goto(`/o/${orgA.slug}/settings/roles/${mine}`);
  const update = await captureAction(page, () =>
    page.getByRole("button", { name: "Save changes" }).click(),
  );
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.getByText("Delete role…").click();
  const remove = await captureAction(page, () =>
    page.getByRole("button", { name: "Delete role" }).click(),
  );
  await expect(page).toHaveURL(/\?deleted=1$/);

  for (const captured of [update, remove]) {
    const foreign = await replayAs(page.request, captured, [[mine, theirs]]);
    const unknown = await replayAs(page.request, captured, [[mine, crypto.randomUUID()]]);
    const malformed = await replayAs(page.request, captured, [[mine, "not-a-role-id"]]);
    expect(foreign.text).toContain(NOT_FOUND);
    expect(foreign.text).toBe(unknown.text);
    expect(foreign.text).toBe(malformed.text);
  }
  expect(await roleRow(orgB, ownerB.id, theirs)).toEqual(before);
});

test("a role in use cannot be deleted; an unused one can", async ({ page, signedIn }) => {
  const org = await createOrg(signedIn.id, "Cleanup Org");
  const used = await createRole(org, signedIn.id, "Used", ["projects:read"]);
  const unused = await createRole(org, signedIn.id, "Unused", ["projects:read"]);
  await addMember(org, signedIn.id, used);
  await asTenant(
    org.id,
    signedIn.id,
    (tx) => tx`
      insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
      values (${org.id}, 'someone@example.test', ${used}, ${randomBytes(32)}, ${signedIn.id},
              now() + interval '7 days')`,
  );

  await page.goto(`/o/${org.slug}/settings/roles/${used}`);
  await expect(
    page.getByText("Used by 1 member and 1 open invitation.", { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByText("This role is still used by 1 member and 1 open invitation."),
  ).toBeVisible();
  await expect(page.getByText("Delete role…")).toHaveCount(0);

  await page.goto(`/o/${org.slug}/settings/roles/${unused}`);
  await page.getByText("Delete role…").click();
  const remove = await captureAction(page, () =>
    page.getByRole("button", { name: "Delete role" }).click(),
  );
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/settings/roles\\?deleted=1$`));
  await expect(page.getByText("The role was deleted.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Unused" })).toHaveCount(0);

  const refused = await replayAs(page.request, remove, [[unused, used]]);
  expect(refused.text).toContain(
    "This role is still used by 1 member and 1 open invitation. Move them to another role before deleting it.",
  );
  expect(await roleNames(org, signedIn.id)).toEqual(["Used"]);
});

test("a member gets exactly their custom role's permissions on their next request (Z8)", async ({
  page,
  signedIn,
  browser,
  baseURL,
}) => {
  const org = await createOrg(signedIn.id, "Next Request Org");
  const readers = await createRole(org, signedIn.id, "Readers", ["projects:read"]);
  const reader = await addMember(org, signedIn.id, readers);
  const readerPage = await pageAs(browser, baseURL!, reader);
  const projects = () =>
    asTenant(org.id, signedIn.id, (tx) => tx`select name from projects order by name`);

  // Without projects:create the form is not offered, and the action refuses a crafted call.
  expect((await readerPage.goto(`/o/${org.slug}/projects/new`))?.status()).toBe(404);
  expect((await readerPage.request.get(`/o/${org.slug}/settings/roles`)).status()).toBe(404);

  const setCreate = async (on: boolean) => {
    await page.goto(`/o/${org.slug}/settings/roles/${readers}`);
    const box = page.getByLabel("Create projects", { exact: true });
    await (on ? box.check() : box.uncheck());
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved.")).toBeVisible();
  };

  // Granted: the next request shows the form, and creating works.
  await setCreate(true);
  await readerPage.goto(`/o/${org.slug}/projects/new`);
  await readerPage.getByLabel("Name", { exact: true }).fill("Reader's project");
  await readerPage.getByRole("button", { name: "Create project" }).click();
  await expect(readerPage).toHaveURL(new RegExp(`/o/${org.slug}/projects/[0-9a-f-]{36}$`));
  expect(await projects()).toEqual([{ name: "Reader's project" }]);

  // Taken away while the form is open: the very next submit is refused.
  await readerPage.goto(`/o/${org.slug}/projects/new`);
  await readerPage.getByLabel("Name", { exact: true }).fill("Another");
  await setCreate(false);
  await readerPage.getByRole("button", { name: "Create project" }).click();
  await expect(readerPage.getByText(FORBIDDEN)).toBeVisible();
  expect(await projects()).toEqual([{ name: "Reader's project" }]);
  await readerPage.context().close();
});

test("role pages carry no secrets or other orgs' data (Z11)", async ({ page, signedIn }) => {
  const sentinel = `SENTINEL${randomBytes(6).toString("hex")}`;
  const org = await createOrg(signedIn.id, "Quiet Org");
  const custom = await createRole(org, signedIn.id, "Custom", ["projects:read"]);
  const member = await createUser({ email: `${sentinel.toLowerCase()}@example.test` });
  await addMember(org, signedIn.id, custom, member.id);
  const token = randomBytes(32);
  await asTenant(
    org.id,
    signedIn.id,
    (tx) => tx`
      insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
      values (${org.id}, ${`invitee-${sentinel}@example.test`}, ${custom}, ${token}, ${signedIn.id},
              now() + interval '7 days')`,
  );
  const ownerB = await createUser();
  const orgB = await createOrg(ownerB.id, `Org B ${sentinel}`);
  await createRole(orgB, ownerB.id, `Role ${sentinel}`, ["projects:read"]);

  const forbidden = [
    sentinel,
    sentinel.toLowerCase(),
    "$argon2",
    "passwordHash",
    "password_hash",
    "tokenHash",
    token.toString("hex"),
    token.toString("base64"),
    orgB.id,
    orgB.slug,
  ];
  for (const path of ["", "/new", `/${custom}`]) {
    const url = `/o/${org.slug}/settings/roles${path}`;
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const response = await page.request.get(url, { headers });
      expect(response.status(), url).toBe(200);
      const body = await response.text();
      expect(body, url).toContain(path === "/new" ? "New role" : "Custom");
      for (const value of forbidden) expect(body, `${url} ${value}`).not.toContain(value);
    }
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a role can be created after an error, keeping the ticks", async ({ page, signedIn }) => {
    const org = await createOrg(signedIn.id, "No Script Roles");
    await createRole(org, signedIn.id, "Recruiters", []);
    await page.goto(`/o/${org.slug}/settings/roles/new`);
    await page.getByLabel("Name", { exact: true }).fill("RECRUITERS");
    await page.getByLabel("See who belongs to the organization and their roles").check();
    await page.getByLabel("Invite people by email, resend and revoke invitations").check();
    await page.getByRole("button", { name: "Create role" }).click();
    await expect(
      page.getByText("This organization already has a role with this name."),
    ).toBeVisible();
    await expect(
      page.getByLabel("Invite people by email, resend and revoke invitations"),
    ).toBeChecked();
    await page.getByLabel("Name", { exact: true }).fill("Hiring");
    await page.getByRole("button", { name: "Create role" }).click();
    await expect(page).toHaveURL(/\/settings\/roles\?created=1$/);
    await expect(page.getByRole("link", { name: "Hiring" })).toBeVisible();
    const [row] = await asTenant(
      org.id,
      signedIn.id,
      (tx) => tx`select permissions from org_roles where name = 'Hiring'`,
    );
    expect(row!.permissions).toEqual(["members:read", "members:invite"]);
  });
});
