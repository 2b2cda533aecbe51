import { randomBytes } from "node:crypto";
import {
  asTenant,
  asUser,
  createOrg,
  createProject,
  createSession,
  createUser,
  expect,
  setSessionCookie,
  test,
  uniqueEmail,
  type TestOrg,
} from "./fixtures";
import { captureAction, replayAs } from "./action-requests";
import { waitForMail } from "./mail";

const PASSWORD = "copper violin harbour mist";
const PROJECT_NOT_FOUND = "We couldn't find that project.";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

function slugFor(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

async function projectRow(org: TestOrg, userId: string, id: string) {
  const rows = await asTenant(
    org.id,
    userId,
    (tx) => tx`select name, description, updated_at from projects where id = ${id}`,
  );
  return rows[0] ?? null;
}

test("signup makes a personal organization, there after the first login", async ({ page }) => {
  test.slow();
  const email = uniqueEmail("personal");
  await page.goto("/signup");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await waitForMail({ to: email, subject: /Verify your email/ });

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  const local = email.split("@")[0]!;
  const orgs = page.getByRole("region", { name: "Your organizations" });
  await expect(orgs.getByRole("link", { name: `${local}'s workspace` })).toBeVisible();
  await expect(orgs.getByText(/owner/i)).toBeVisible();
  await orgs.getByRole("link", { name: `${local}'s workspace` }).click();
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+-s-workspace$/);
  await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
});

test("the dashboard shows an empty state to a user without organizations", async ({
  page,
  signedIn,
}) => {
  await page.goto("/dashboard");
  await expect(page.getByText(`You are signed in as ${signedIn.email}`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "No organizations yet" })).toBeVisible();
});

test("a second organization from /dashboard, and the switcher moves between them", async ({
  page,
  signedIn,
}) => {
  const first = await createOrg(signedIn.id, "First Org");
  const taken = await createOrg((await createUser()).id, "Someone else's");
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "First Org" })).toBeVisible();
  await expect(page.getByText("Someone else's")).toHaveCount(0);

  // A taken URL is a field error, and both fields keep what was typed.
  await page.getByLabel("Name").fill("Second Org");
  await page.getByLabel("URL").fill(taken.slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("That URL is taken")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Second Org");
  await expect(page.getByLabel("URL")).toHaveValue(taken.slug);
  await expect(page.getByLabel("URL")).toBeFocused();

  const second = slugFor("second");
  await page.getByLabel("URL").fill(second.toUpperCase());
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${second}$`));

  await page.getByRole("button", { name: "Second Org" }).click();
  await expect(page.getByRole("menuitem", { name: /Second Org/ })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await page.getByRole("menuitem", { name: /First Org/ }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${first.slug}$`));
  await expect(page.getByRole("button", { name: "First Org" })).toBeVisible();

  await page.getByRole("button", { name: "First Org" }).click();
  await page.getByRole("menuitem", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/dashboard#create-organization$/);
});

test("create, edit and delete a project", async ({ page, signedIn }) => {
  const org = await createOrg(signedIn.id, "Builders");
  await page.goto(`/o/${org.slug}`);
  await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
  await page.getByRole("link", { name: "New project" }).click();

  await page.getByLabel("Name").fill("Apollo");
  await page.getByLabel("Description").fill("Lunar landing, version one.");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/projects/${UUID.source}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Apollo");
  await expect(page.getByText(`Created by ${signedIn.email}`)).toBeVisible();

  await page.getByLabel("Name").fill("Apollo 11");
  await page.getByLabel("Description").fill("Lunar landing, for real.");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Apollo 11");
  await expect(page.getByLabel("Name")).toHaveValue("Apollo 11");

  await page.getByRole("link", { name: "Projects" }).first().click();
  await expect(page.getByRole("link", { name: "Apollo 11" })).toBeVisible();
  await expect(page.getByText("Lunar landing, for real.")).toBeVisible();
  await expect(page.getByText(`Created by ${signedIn.email}`)).toBeVisible();

  await page.getByRole("link", { name: "Apollo 11" }).click();
  await page.getByText("Delete project…").click();
  await page.getByRole("button", { name: "Delete permanently" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}\\?deleted=1$`));
  await expect(page.getByText("The project was deleted.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
});

test("a duplicate or missing name is a field error that keeps what was typed", async ({
  page,
  signedIn,
}) => {
  const org = await createOrg(signedIn.id);
  await createProject(org, signedIn.id, { name: "Taken" });
  const otherId = await createProject(org, signedIn.id, { name: "Other" });

  await page.goto(`/o/${org.slug}/projects/new`);
  await page.getByLabel("Name").fill("Taken");
  await page.getByLabel("Description").fill("Typed with care.");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(
    page.getByText("A project with this name already exists in this organization."),
  ).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Taken");
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Description")).toHaveValue("Typed with care.");

  await page.getByLabel("Name").fill("   ");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Give the project a name")).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveValue("Typed with care.");

  // Renaming onto a taken name fails the same way and changes nothing.
  await page.goto(`/o/${org.slug}/projects/${otherId}`);
  await page.getByLabel("Name").fill("Taken");
  await page.getByLabel("Description").fill("Edited text");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(
    page.getByText("A project with this name already exists in this organization."),
  ).toBeVisible();
  await expect(page.getByLabel("Description")).toHaveValue("Edited text");
  expect((await projectRow(org, signedIn.id, otherId))?.name).toBe("Other");
});

test("the project list pages by 20, and bad page numbers go to a real page", async ({
  page,
  signedIn,
}) => {
  const org = await createOrg(signedIn.id);
  await asTenant(
    org.id,
    signedIn.id,
    (tx) => tx`
      insert into projects (org_id, name, created_by, created_at)
      select ${org.id}, 'Project ' || lpad(i::text, 2, '0'), ${signedIn.id},
             now() - make_interval(mins => i)
      from generate_series(1, 25) as i`,
  );
  const projectLinks = page.getByRole("link", { name: /^Project \d\d$/ });
  const pagination = page.getByRole("navigation", { name: "Pagination" });

  await page.goto(`/o/${org.slug}`);
  await expect(page.getByText("25 projects in")).toBeVisible();
  await expect(projectLinks).toHaveCount(20);
  await expect(projectLinks.first()).toHaveText("Project 01");
  await expect(pagination.getByRole("link", { name: "Page 1" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(pagination.getByText("Previous")).toHaveAttribute("aria-disabled", "true");

  await pagination.getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}\\?page=2$`));
  await expect(projectLinks).toHaveCount(5);
  await expect(projectLinks.first()).toHaveText("Project 21");
  await expect(pagination.getByText("Next")).toHaveAttribute("aria-disabled", "true");

  await pagination.getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${org.slug}$`));

  for (const [param, expected] of [
    ["abc", `/o/${org.slug}$`],
    ["0", `/o/${org.slug}$`],
    ["-1", `/o/${org.slug}$`],
    ["1", `/o/${org.slug}$`],
    ["2.5", `/o/${org.slug}$`],
    ["99", `/o/${org.slug}\\?page=2$`],
    ["99999999999999999999", `/o/${org.slug}$`],
  ]) {
    await page.goto(`/o/${org.slug}?page=${param}`);
    await expect(page, `?page=${param}`).toHaveURL(new RegExp(expected!));
  }
});

test.describe("tenant isolation", () => {
  /** Org A with the signed-in user; org B belongs to someone else and holds a sentinel. */
  async function twoTenants(userId: string) {
    const orgA = await createOrg(userId, "Org A");
    const ownerB = await createUser();
    const sentinel = `SENTINEL-${randomBytes(6).toString("hex")}`;
    const orgB = await createOrg(ownerB.id, `Org B ${sentinel}`);
    const projectB = await createProject(orgB, ownerB.id, {
      name: sentinel,
      description: `secret ${sentinel}`,
    });
    return { orgA, orgB, ownerB, sentinel, projectB };
  }

  test("another org's pages and projects are 404, like ones that do not exist", async ({
    page,
    signedIn,
  }) => {
    const { orgA, orgB, sentinel, projectB } = await twoTenants(signedIn.id);
    const nonexistent = crypto.randomUUID();
    const paths = [
      `/o/${orgB.slug}`,
      `/o/${orgB.slug}/settings`,
      `/o/${orgB.slug}/projects/new`,
      `/o/${orgB.slug}/projects/${projectB}`,
      `/o/${orgA.slug}/projects/${projectB}`,
      // The same answers for things that do not exist at all:
      `/o/${slugFor("nobody")}`,
      `/o/${slugFor("nobody")}/projects/${projectB}`,
      `/o/${orgA.slug}/projects/${nonexistent}`,
      `/o/${orgA.slug}/projects/not-a-uuid`,
      `/o/NOT_A_SLUG`,
    ];
    const texts = new Set<string>();
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      const text = await page.locator("body").innerText();
      expect(text, path).not.toContain(sentinel);
      expect(text, path).not.toContain("Org B");
      texts.add(text);
    }
    expect(texts.size, [...texts].join("\n---\n")).toBe(1);

    await page.goto("/dashboard");
    await expect(page.getByText("Org A")).toBeVisible();
    await page.goto(`/o/${orgA.slug}`);
    await page.getByRole("button", { name: "Org A" }).click();
    await expect(page.getByRole("menuitem")).toHaveCount(2); // Org A and "Create organization"
    expect(await page.content()).not.toContain(sentinel);
  });

  /** Submits a form in the browser and captures the server action request it sent. */
  test("a plain member cannot rename or delete the org, even by replaying the owner's requests", async ({
    page,
    signedIn,
    browser,
    baseURL,
  }) => {
    const org = await createOrg(signedIn.id, "Owned Org");
    const member = await createUser();
    await asTenant(
      org.id,
      signedIn.id,
      (tx) => tx`
      insert into memberships (org_id, user_id, role_id) select ${org.id}, ${member.id}, id from org_roles where org_id = ${org.id} and built_in = 'member'`,
    );

    await page.goto(`/o/${org.slug}/settings`);
    const rename = await captureAction(page, async () => {
      await page.getByLabel("Organization name").fill("Owner Renamed");
      await page.getByRole("button", { name: "Save name" }).click();
    });
    await expect(page.getByText("The organization was renamed.")).toBeVisible();
    const remove = await captureAction(page, async () => {
      await page.getByLabel(/to confirm/).fill("wrong confirmation");
      await page.getByRole("button", { name: "Delete organization" }).click();
    });

    const context = await browser.newContext({ baseURL });
    await setSessionCookie(context, baseURL!, (await createSession(member.id)).cookie);
    const memberPage = await context.newPage();
    await memberPage.goto(`/o/${org.slug}`);
    await expect(memberPage.getByRole("link", { name: "Projects" })).toBeVisible();
    // A member's Settings tab opens the members list (members:read), never the general page.
    await expect(memberPage.getByRole("link", { name: "Settings" })).toHaveAttribute(
      "href",
      `/o/${org.slug}/settings/members`,
    );
    expect((await memberPage.request.get(`/o/${org.slug}/settings`)).status()).toBe(404);

    // The settings page itself is a 404 for the member, so the response carries no page; what
    // matters is that nothing changed. The owner's identical replay shows the request is valid.
    await replayAs(memberPage.request, rename, [["Owner Renamed", "Member Renamed"]]);
    await replayAs(memberPage.request, remove, [["wrong confirmation", org.slug]]);
    const rows = () => asTenant(org.id, signedIn.id, (tx) => tx`select name from organizations`);
    expect(await rows()).toEqual([{ name: "Owner Renamed" }]);
    await replayAs(page.request, rename, [["Owner Renamed", "Owner Again"]]);
    expect(await rows()).toEqual([{ name: "Owner Again" }]);
    await context.close();
  });

  test("create actions replayed without a session are refused and create nothing", async ({
    page,
    signedIn,
    playwright,
    baseURL,
  }) => {
    const org = await createOrg(signedIn.id, "Session Org");
    await page.goto(`/o/${org.slug}/projects/new`);
    const project = await captureAction(page, async () => {
      await page.getByLabel("Name").fill("Captured project");
      await page.getByRole("button", { name: "Create project" }).click();
    });
    await page.goto("/dashboard");
    const organization = await captureAction(page, async () => {
      await page.getByLabel("Name").fill("Captured org");
      await page.getByRole("button", { name: "Create organization" }).click();
    });

    const anonymous = await playwright.request.newContext({ baseURL });
    for (const captured of [project, organization]) {
      const { cookie: _cookie, ...headers } = captured.headers;
      // The page behind the action redirects a visitor without a session, so the answer has no
      // form to read; what proves the refusal is that nothing was created.
      await anonymous.post(captured.url, {
        headers,
        data: captured.body.replaceAll("Captured", "Anonymous"),
        maxRedirects: 0,
      });
    }
    await anonymous.dispose();
    const names = await asTenant(org.id, signedIn.id, (tx) => tx`select name from projects`);
    expect(names).toEqual([{ name: "Captured project" }]);
    // The user's organizations, read outside any one org's context (as the org switcher does).
    const orgs = await asUser(
      signedIn.id,
      (tx) => tx`
      select o.name from organizations o join memberships m on m.org_id = o.id
      where m.user_id = ${signedIn.id}`,
    );
    expect(orgs.map((o) => o.name).sort()).toEqual(["Captured org", "Session Org"]);
  });

  test("project actions replayed with another org's ids find nothing and change nothing", async ({
    page,
    signedIn,
  }) => {
    const { orgA, orgB, ownerB, sentinel, projectB } = await twoTenants(signedIn.id);
    const before = await projectRow(orgB, ownerB.id, projectB);
    const projectA = await createProject(orgA, signedIn.id, { name: "Mine" });

    await page.goto(`/o/${orgA.slug}/projects/${projectA}`);
    await page.getByLabel("Name").fill("Renamed by A");
    const update = await captureAction(page, () =>
      page.getByRole("button", { name: "Save changes" }).click(),
    );
    await expect(page.getByText("Changes saved.")).toBeVisible();

    const foreign = await replayAs(page.request, update, [[projectA, projectB]]);
    const unknown = await replayAs(page.request, update, [[projectA, crypto.randomUUID()]]);
    expect(foreign.text).toContain(PROJECT_NOT_FOUND);
    expect(foreign.status).toBe(unknown.status);
    expect(foreign.text).toBe(unknown.text);
    // With B's slug as well, the membership check refuses before any query on projects.
    const asB = await replayAs(page.request, update, [
      [projectA, projectB],
      [orgA.slug, orgB.slug],
    ]);
    expect(asB.text).toContain("We couldn't find that.");
    expect(asB.text).not.toContain(sentinel);

    const throwaway = await createProject(orgA, signedIn.id, { name: "Throwaway" });
    await page.goto(`/o/${orgA.slug}/projects/${throwaway}`);
    await page.getByText("Delete project…").click();
    const remove = await captureAction(page, () =>
      page.getByRole("button", { name: "Delete permanently" }).click(),
    );
    await expect(page).toHaveURL(new RegExp(`/o/${orgA.slug}\\?deleted=1$`));
    const foreignDelete = await replayAs(page.request, remove, [[throwaway, projectB]]);
    const unknownDelete = await replayAs(page.request, remove, [[throwaway, crypto.randomUUID()]]);
    expect(foreignDelete.text).toContain(PROJECT_NOT_FOUND);
    expect(foreignDelete.text).toBe(unknownDelete.text);
    const asBDelete = await replayAs(page.request, remove, [
      [throwaway, projectB],
      [orgA.slug, orgB.slug],
    ]);
    expect(asBDelete.text).toContain("We couldn't find that.");

    expect(await projectRow(orgB, ownerB.id, projectB)).toEqual(before);
  });
});

test("two tabs in two organizations each create a project in their own", async ({
  page,
  context,
  signedIn,
}) => {
  const orgA = await createOrg(signedIn.id, "Tab Org A");
  const orgB = await createOrg(signedIn.id, "Tab Org B");
  const tabB = await context.newPage();
  await page.goto(`/o/${orgA.slug}/projects/new`);
  await tabB.goto(`/o/${orgB.slug}/projects/new`);
  // The same name in both: names are unique per organization, not globally.
  for (const tab of [page, tabB]) {
    await tab.getByLabel("Name").fill("Roadmap");
    await tab.getByLabel("Description").fill(`from ${tab === page ? "A" : "B"}`);
  }
  await Promise.all([
    page.getByRole("button", { name: "Create project" }).click(),
    tabB.getByRole("button", { name: "Create project" }).click(),
  ]);
  await expect(page).toHaveURL(new RegExp(`/o/${orgA.slug}/projects/${UUID.source}$`));
  await expect(tabB).toHaveURL(new RegExp(`/o/${orgB.slug}/projects/${UUID.source}$`));
  await expect(page.getByRole("button", { name: "Tab Org A" })).toBeVisible();
  await expect(tabB.getByRole("button", { name: "Tab Org B" })).toBeVisible();

  for (const [org, from] of [
    [orgA, "from A"],
    [orgB, "from B"],
  ] as const) {
    const rows = await asTenant(org.id, signedIn.id, (tx) => tx`select description from projects`);
    expect(rows.map((r) => r.description)).toEqual([from]);
  }
});

test("settings: rename, change the URL, delete with typed confirmation", async ({
  page,
  signedIn,
}) => {
  const org = await createOrg(signedIn.id, "Old Name");
  const taken = await createOrg((await createUser()).id, "Taken");
  await page.goto(`/o/${org.slug}/settings`);

  await page.getByLabel("Organization name").fill("New Name");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("The organization was renamed.")).toBeVisible();
  await expect(page.getByRole("button", { name: "New Name" })).toBeVisible();

  await page.getByLabel("URL").fill(taken.slug);
  await page.getByRole("button", { name: "Change URL" }).click();
  await expect(page.getByText("That URL is taken")).toBeVisible();
  await expect(page.getByLabel("URL")).toHaveValue(taken.slug);

  await page.getByLabel("URL").fill("Bad Slug!");
  await page.getByRole("button", { name: "Change URL" }).click();
  await expect(page.getByText("Use lower-case letters, digits and single dashes")).toBeVisible();

  const renamed = slugFor("renamed");
  await page.getByLabel("URL").fill(renamed);
  await page.getByRole("button", { name: "Change URL" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${renamed}/settings\\?slug_changed=1$`));
  await expect(page.getByText(`The URL is now /o/${renamed}.`)).toBeVisible();
  expect((await page.request.get(`/o/${org.slug}`)).status()).toBe(404);

  await page.getByLabel(/to confirm/).fill(org.slug);
  await page.getByRole("button", { name: "Delete organization" }).click();
  await expect(page.getByText("That does not match.")).toBeVisible();
  await expect(page.getByLabel(/to confirm/)).toHaveValue(org.slug);

  await page.getByLabel(/to confirm/).fill(renamed);
  await page.getByRole("button", { name: "Delete organization" }).click();
  await expect(page).toHaveURL(/\/dashboard\?org_deleted=1$/);
  await expect(page.getByText("The organization was deleted.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "No organizations yet" })).toBeVisible();
  expect((await page.request.get(`/o/${renamed}`)).status()).toBe(404);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("projects can be created, fixed after an error, edited and deleted", async ({
    page,
    signedIn,
  }) => {
    const org = await createOrg(signedIn.id, "No Script Org");
    await createProject(org, signedIn.id, { name: "Existing" });

    await page.goto(`/o/${org.slug}/projects/new`);
    await page.getByLabel("Name").fill("Existing");
    await page.getByLabel("Description").fill("Kept without JS");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(
      page.getByText("A project with this name already exists in this organization."),
    ).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue("Existing");
    await expect(page.getByLabel("Description")).toHaveValue("Kept without JS");

    await page.getByLabel("Name").fill("Fresh");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect(page).toHaveURL(new RegExp(`/o/${org.slug}/projects/${UUID.source}$`));

    await page.getByLabel("Name").fill("Fresh, edited");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Changes saved.")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fresh, edited");

    await page.getByText("Delete project…").click();
    await page.getByRole("button", { name: "Delete permanently" }).click();
    await expect(page).toHaveURL(new RegExp(`/o/${org.slug}\\?deleted=1$`));
    await expect(page.getByRole("link", { name: "Fresh, edited" })).toHaveCount(0);
  });

  test("an organization can be created and renamed", async ({ page, signedIn }) => {
    await page.goto("/dashboard");
    await page.getByLabel("Name").fill("Plain HTML Inc");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page).toHaveURL(/\/o\/plain-html-inc(-[0-9a-f]{6})?$/);
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Organization name").fill("Plain HTML LLC");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect(page.getByText("The organization was renamed.")).toBeVisible();
    await page.goto("/dashboard");
    await expect(page.getByRole("link", { name: "Plain HTML LLC" })).toBeVisible();
    await expect(page.getByText(`You are signed in as ${signedIn.email}`)).toBeVisible();
  });
});
