import type { Browser, Page } from "@playwright/test";
import { captureAction, replayAs } from "./action-requests";
import {
  asTenant,
  createOrg,
  createSession,
  createUser,
  expect,
  setSessionCookie,
  test,
  type TestOrg,
  type TestUser,
} from "./fixtures";

type Role = "admin" | "member" | "viewer";

async function addMember(org: TestOrg, ownerId: string, role: Role): Promise<TestUser> {
  const user = await createUser();
  await asTenant(
    org.id,
    ownerId,
    (tx) => tx`
      insert into memberships (org_id, user_id, role_id)
      select ${org.id}, ${user.id}, id from org_roles where org_id = ${org.id} and built_in = ${role}`,
  );
  return user;
}

/** A page in a new browser context signed in as `user`. */
async function pageAs(browser: Browser, baseURL: string, user: TestUser): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  await setSessionCookie(context, baseURL, (await createSession(user.id)).cookie);
  return context.newPage();
}

const auditLog = (org: TestOrg) => `/o/${org.slug}/settings/audit-log`;
/** The table's body rows (the header row has no cells). */
const entries = (page: Page) => page.getByRole("row").filter({ has: page.getByRole("cell") });

test("an owner's changes are listed with who did what, and filter by action and by actor", async ({
  page,
  signedIn,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const org = await createOrg(signedIn.id, "Audit Org");
  await page.goto(`/o/${org.slug}/settings`);
  await page.getByLabel("Organization name").fill("Audited Org");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("The organization was renamed.")).toBeVisible();

  await page.goto(`/o/${org.slug}/projects/new`);
  await page.getByLabel("Name").fill("Apollo");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Apollo");
  await page.getByLabel("Name").fill("Apollo 11");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await page.getByText("Delete project…").click();
  await page.getByRole("button", { name: "Delete permanently" }).click();
  await expect(page).toHaveURL(/\?deleted=1$/);

  // A plain member creates a project in their own browser: a second actor.
  const member = await addMember(org, signedIn.id, "member");
  const memberPage = await pageAs(browser, baseURL!, member);
  await memberPage.goto(`/o/${org.slug}/projects/new`);
  await memberPage.getByLabel("Name").fill("Gemini");
  await memberPage.getByRole("button", { name: "Create project" }).click();
  await expect(memberPage.getByRole("heading", { level: 1 })).toHaveText("Gemini");
  await memberPage.context().close();

  await page.getByRole("link", { name: "Settings" }).click();
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Audit log" })
    .click();
  await expect(page).toHaveURL(new RegExp(`${auditLog(org)}$`));
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  const rows = entries(page);
  await expect(rows).toHaveCount(5);
  const expected = [
    [member.email, "Project created", "name: Gemini"],
    [signedIn.email, "Project deleted", "name: Apollo 11"],
    [signedIn.email, "Project edited", "name: Apollo 11"],
    [signedIn.email, "Project created", "name: Apollo"],
    [signedIn.email, "Organization renamed or moved", "name: Audit Org → Audited Org"],
  ];
  for (const [i, [actor, action, details]] of expected.entries()) {
    const cells = rows.nth(i).getByRole("cell");
    // Actor, then where from: no IP without a trusted proxy; Playwright's Desktop Chrome device.
    await expect(cells.nth(1)).toHaveText(`${actor}no IP · Chrome on Windows`);
    await expect(cells.nth(2)).toContainText(action!);
    await expect(cells.nth(3)).toHaveText(details!);
  }
  await expect(rows.nth(4).getByRole("cell").nth(2)).toContainText("Organization");

  await page.getByLabel("Action").selectOption({ label: "Project created" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=project\.created/);
  await expect(rows).toHaveCount(2);
  await expect(page.getByLabel("Action")).toHaveValue("project.created");

  await page.getByLabel("Actor").selectOption({ label: member.email });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Gemini");

  await page.getByLabel("Action").selectOption({ label: "Any action" });
  await page.getByLabel("Actor").selectOption({ label: signedIn.email });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(4);

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(new RegExp(`${auditLog(org)}$`));
  await expect(rows).toHaveCount(5);
});

test("a member's replay of an owner-only action is refused and logged as permission denied", async ({
  page,
  signedIn,
  browser,
  baseURL,
}) => {
  const org = await createOrg(signedIn.id, "Guarded Org");
  const member = await addMember(org, signedIn.id, "member");
  await page.goto(`/o/${org.slug}/settings`);
  const rename = await captureAction(page, async () => {
    await page.getByLabel("Organization name").fill("Owner's Name");
    await page.getByRole("button", { name: "Save name" }).click();
  });
  await expect(page.getByText("The organization was renamed.")).toBeVisible();

  const memberPage = await pageAs(browser, baseURL!, member);
  const replayed = await replayAs(memberPage.request, rename, [["Owner's Name", "Member's Name"]]);
  expect(replayed.text).toContain("Your role in this organization doesn't allow this.");
  await memberPage.context().close();
  const names = await asTenant(org.id, signedIn.id, (tx) => tx`select name from organizations`);
  expect(names).toEqual([{ name: "Owner's Name" }]);

  await page.goto(`${auditLog(org)}?action=authz.denied`);
  const rows = entries(page);
  await expect(rows).toHaveCount(1);
  const cells = rows.first().getByRole("cell");
  await expect(cells.nth(1)).toContainText(member.email);
  await expect(cells.nth(2)).toHaveText("Permission deniedPermission org:update");
});

test("more than 50 entries page by Newer and Older links that keep the filters", async ({
  page,
  signedIn,
}) => {
  test.setTimeout(90_000);
  const org = await createOrg(signedIn.id, "Busy Org");
  // 130 entries, alternating two actions, pairs sharing one timestamp (the id breaks ties).
  await asTenant(
    org.id,
    signedIn.id,
    (tx) => tx`
      insert into audit_log (org_id, actor_id, action, target_type, metadata, created_at)
      select ${org.id}, ${signedIn.id},
             case when i % 2 = 0 then 'project.created' else 'project.updated' end, 'project',
             jsonb_build_object('n', i), timestamptz '2026-06-01 12:00:00.123456Z' - make_interval(secs => i / 2)
      from generate_series(1, 130) as i`,
  );
  const pagination = page.getByRole("navigation", { name: "Pagination" });
  const seenOnPage = async () =>
    Promise.all(
      (await entries(page).all()).map(async (row) =>
        Number((await row.getByRole("cell").nth(3).innerText()).replace("n: ", "")),
      ),
    );

  await page.goto(`${auditLog(org)}?action=project.updated`);
  const seen: number[] = [];
  const sizes: number[] = [];
  for (;;) {
    const onPage = await seenOnPage();
    sizes.push(onPage.length);
    seen.push(...onPage);
    const older = pagination.locator("a[href]", { hasText: "Older" });
    if ((await older.count()) === 0) break;
    await older.click();
    await expect(page).toHaveURL(/\?action=project\.updated&before=/);
    await expect(entries(page).first().getByRole("cell").nth(3)).not.toHaveText(`n: ${onPage[0]}`);
  }
  expect(sizes).toEqual([50, 15]);
  const odd = Array.from({ length: 65 }, (_, k) => 2 * k + 1);
  expect(seen).toEqual(odd); // newest first: n grows as time goes back
  await expect(pagination.getByText("Older")).toHaveAttribute("aria-disabled", "true");

  await pagination.getByRole("link", { name: "Newer" }).click();
  await expect(page).toHaveURL(/\?action=project\.updated&after=/);
  await expect(entries(page)).toHaveCount(50);
  expect(await seenOnPage()).toEqual(odd.slice(0, 50));
  await expect(pagination.getByText("Newer")).toHaveAttribute("aria-disabled", "true");

  // Unfiltered: 50 + 50 + 30, every entry once.
  await page.goto(auditLog(org));
  const all: number[] = [];
  for (;;) {
    const onPage = await seenOnPage();
    all.push(...onPage);
    const older = pagination.locator("a[href]", { hasText: "Older" });
    if ((await older.count()) === 0) break;
    await older.click();
    await expect(entries(page).first().getByRole("cell").nth(3)).not.toHaveText(`n: ${onPage[0]}`);
  }
  expect(all).toHaveLength(130);
  expect(new Set(all).size).toBe(130);
});

test("filters work without JavaScript; bad values are explained on the page", async ({
  browser,
  baseURL,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Plain Org");
  await asTenant(
    org.id,
    owner.id,
    (tx) => tx`
      insert into audit_log (org_id, actor_id, action, metadata, created_at) values
        (${org.id}, ${owner.id}, 'project.created', '{"name":"Early"}', '2026-01-10T23:59:59.999Z'),
        (${org.id}, ${owner.id}, 'project.created', '{"name":"Inside"}', '2026-01-11T00:00:00Z'),
        (${org.id}, ${owner.id}, 'project.created', '{"name":"Late"}', '2026-01-12T00:00:00Z')`,
  );
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  await setSessionCookie(context, baseURL!, (await createSession(owner.id)).cookie);
  const page = await context.newPage();

  await page.goto(auditLog(org));
  await page.getByLabel("From", { exact: true }).fill("2026-01-11");
  await page.getByLabel("To", { exact: true }).fill("2026-01-11");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/from=2026-01-11&to=2026-01-11/);
  await expect(entries(page)).toHaveCount(1);
  await expect(entries(page).first()).toContainText("Inside");

  await page.getByLabel("From", { exact: true }).fill("2026-02-01");
  await page.getByLabel("To", { exact: true }).fill("");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("heading", { name: "No entries match these filters" })).toBeVisible();

  const bad = [
    ["action=nope", "Choose an action from the list."],
    ["actor=00000000-0000-4000-8000-000000000000", "Choose a member of this organization."],
    ["from=2026-02-30", "Enter a date as YYYY-MM-DD."],
    ["from=2026-03-02&to=2026-03-01", "The end date is before the start date."],
    ["before=2026-01-01", "This page link is not valid."],
    ["action=org.updated&action=org.created", "Give this filter one value."],
  ];
  for (const [query, message] of bad) {
    const response = await page.goto(`${auditLog(org)}?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole("alert").filter({ hasText: message! }), query).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  }
  await context.close();
});

test("metadata is shown as text, never as markup", async ({ page, signedIn }) => {
  const org = await createOrg(signedIn.id, "Markup Org");
  const payload = `<img src=x onerror="document.title='pwned'"><b>bold</b>`;
  await asTenant(
    org.id,
    signedIn.id,
    (tx) => tx`
      insert into audit_log (org_id, actor_id, action, target_type, target_id, user_agent, metadata)
      values (${org.id}, ${signedIn.id}, 'project.created', 'project', ${payload}, ${payload},
              ${tx.json({ name: payload })})`,
  );
  await page.goto(auditLog(org));
  const row = entries(page).first();
  await expect(row.getByRole("cell").nth(3)).toHaveText(`name: ${payload}`);
  await expect(row.getByRole("cell").nth(2)).toContainText(payload);
  await expect(page.locator("table img, table b")).toHaveCount(0);
  await expect(page).not.toHaveTitle("pwned");
});

test("an org without entries says so", async ({ page, signedIn }) => {
  const org = await createOrg(signedIn.id, "Quiet Org");
  await page.goto(auditLog(org));
  await expect(page.getByRole("heading", { name: "No entries yet" })).toBeVisible();
});

test("only roles with audit_log:read may open the page; others get the non-member 404", async ({
  signedIn,
  browser,
  baseURL,
}) => {
  const org = await createOrg(signedIn.id, "Private Org");
  const admin = await addMember(org, signedIn.id, "admin");
  const adminPage = await pageAs(browser, baseURL!, admin);
  expect((await adminPage.goto(auditLog(org)))?.status()).toBe(200);
  await expect(adminPage.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await adminPage.context().close();

  const outsider = await createUser();
  const notFound = new Set<string>();
  for (const user of [
    await addMember(org, signedIn.id, "member"),
    await addMember(org, signedIn.id, "viewer"),
    outsider,
  ]) {
    const page = await pageAs(browser, baseURL!, user);
    const response = await page.goto(auditLog(org));
    expect(response?.status()).toBe(404);
    notFound.add(await page.locator("main").innerText());
    await page.goto(`/o/${org.slug}`);
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await page.context().close();
  }
  expect(notFound.size).toBe(1);
});
