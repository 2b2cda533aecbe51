/**
 * Checklist Z11 (§2.4, §6.8): responses carry only what the UI needs. Recognizable sentinels
 * are seeded into sensitive columns (password hashes, session and invitation token hashes) and
 * into another organization's data; then every org page is fetched as a plain member and as
 * the owner of org A, as HTML and as an RSC payload (`RSC: 1`), and searched for them. The
 * answers of server actions, submitted in the browser with good and bad input, are searched too.
 */
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser, Locator } from "@playwright/test";
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
  tokenHash,
  type TestOrg,
  type TestUser,
} from "./fixtures";

type Viewer = "member" | "owner";

interface OrgPage {
  name: string;
  path: (a: { slug: string; projectId: string }) => string;
  /** Who may open it (200); anyone else in org A gets the non-member 404. */
  openTo: Viewer[];
}

const PAGES: OrgPage[] = [
  { name: "dashboard", path: () => "/dashboard", openTo: ["member", "owner"] },
  { name: "projects", path: (a) => `/o/${a.slug}`, openTo: ["member", "owner"] },
  {
    name: "project",
    path: (a) => `/o/${a.slug}/projects/${a.projectId}`,
    openTo: ["member", "owner"],
  },
  { name: "new project", path: (a) => `/o/${a.slug}/projects/new`, openTo: ["member", "owner"] },
  { name: "settings: general", path: (a) => `/o/${a.slug}/settings`, openTo: ["owner"] },
  {
    name: "settings: members",
    path: (a) => `/o/${a.slug}/settings/members`,
    openTo: ["member", "owner"],
  },
  {
    name: "settings: roles",
    path: (a) => `/o/${a.slug}/settings/roles`,
    openTo: ["owner"],
  },
  {
    name: "settings: API keys",
    path: (a) => `/o/${a.slug}/settings/api-keys`,
    openTo: ["owner"],
  },
  {
    name: "settings: audit log",
    path: (a) => `/o/${a.slug}/settings/audit-log`,
    openTo: ["owner"],
  },
];

/** Field names that must never reach a browser, whatever their value. */
const FORBIDDEN_WORDS = [
  "$argon2",
  "passwordHash",
  "password_hash",
  "tokenHash",
  "token_hash",
  "secretHash",
  "secret_hash",
];

/** Every way a byte string could show up in a response: as text, hex, \x-hex and base64. */
function byteForms(bytes: Buffer): string[] {
  const hex = bytes.toString("hex");
  return [hex, `\\x${hex}`, bytes.toString("base64"), bytes.toString("base64url")];
}

async function setPasswordHash(user: TestUser, value: string) {
  await asUser(
    user.id,
    (tx) => tx`update users set password_hash = ${value} where id = ${user.id}`,
  );
}

async function addSession(user: TestUser, hash: Buffer) {
  await asUser(
    user.id,
    (tx) => tx`
      insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at, authenticated_at)
      values (${hash}, ${user.id}, now(), now(), now() + interval '1 day', now())`,
  );
}

async function addMember(org: TestOrg, ownerId: string, userId: string, role: string) {
  await asTenant(
    org.id,
    ownerId,
    (tx) => tx`
      insert into memberships (org_id, user_id, role_id)
      select ${org.id}, ${userId}, id from org_roles where org_id = ${org.id} and built_in = ${role}`,
  );
}

async function addApiKey(
  org: TestOrg,
  ownerId: string,
  name: string,
  prefix: string,
  hash: Buffer,
) {
  await asTenant(
    org.id,
    ownerId,
    (tx) => tx`
      insert into api_keys (org_id, name, display_prefix, secret_hash, scopes, created_by)
      values (${org.id}, ${name}, ${prefix}, ${hash}, ${["projects:read"]}, ${ownerId})`,
  );
}

async function invite(org: TestOrg, ownerId: string, email: string, hash: Buffer) {
  await asTenant(
    org.id,
    ownerId,
    (tx) => tx`
      insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
      select ${org.id}, ${email}, id, ${hash}, ${ownerId}, now() + interval '7 days'
      from org_roles where org_id = ${org.id} and built_in = 'member'`,
  );
}

/** Two orgs full of sentinels; returns what must never appear in org A's responses. */
async function seedSentinels() {
  const tag = randomBytes(5).toString("hex");
  const S = (what: string) => `SENTINEL_${what}_${tag}`;
  const ownerA = await createUser({ verified: true });
  const memberA = await createUser({ verified: true });
  const fellowA = await createUser();
  const ownerB = await createUser({ email: `sentinel-b-owner-${tag}@example.test` });
  const memberB = await createUser({ email: `sentinel-b-member-${tag}@example.test` });

  const orgA = await createOrg(ownerA.id, "Org A");
  await addMember(orgA, ownerA.id, memberA.id, "member");
  await addMember(orgA, ownerA.id, fellowA.id, "admin");
  const projectId = await createProject(orgA, fellowA.id, { name: "A's own project" });
  const orgB = await createOrg(ownerB.id, S("ORG_B_NAME"));
  await addMember(orgB, ownerB.id, memberB.id, "member");
  const projectB = await createProject(orgB, ownerB.id, {
    name: S("B_PROJECT_NAME"),
    description: S("B_PROJECT_DESCRIPTION"),
  });

  const secrets: string[] = [];
  for (const [i, user] of [ownerA, memberA, fellowA, ownerB, memberB].entries()) {
    const hash = `$argon2id$v=19$m=19456,t=2,p=1$${S(`SALT${i}`)}$${S(`PASSWORD_HASH${i}`)}`;
    await setPasswordHash(user, hash);
    const session = Buffer.from(S(`SESSION_HASH${i}`));
    await addSession(user, session);
    secrets.push(hash, S(`PASSWORD_HASH${i}`), S(`SESSION_HASH${i}`), ...byteForms(session));
  }
  const inviteA = Buffer.from(S("INVITE_A_HASH"));
  const inviteB = Buffer.from(S("INVITE_B_HASH"));
  await invite(orgA, ownerA.id, `invitee-${tag}@example.test`, inviteA);
  await invite(orgB, ownerB.id, `sentinel-b-invitee-${tag}@example.test`, inviteB);
  secrets.push(
    S("INVITE_A_HASH"),
    S("INVITE_B_HASH"),
    ...byteForms(inviteA),
    ...byteForms(inviteB),
  );

  const keyA = Buffer.from(S("API_KEY_A_HASH"));
  const keyB = Buffer.from(S("API_KEY_B_HASH"));
  await addApiKey(orgA, ownerA.id, "A's key", "sk_live_AAAAAAAA", keyA);
  await addApiKey(orgB, ownerB.id, S("B_KEY_NAME"), `sk_live_${S("B_KEY_PREFIX")}`, keyB);
  secrets.push(S("API_KEY_A_HASH"), S("API_KEY_B_HASH"), ...byteForms(keyA), ...byteForms(keyB));

  // Audit entries: one in B, and one in A whose actor is B's owner (not a member of A, so the
  // page must show "Former member", not the email).
  await asTenant(
    orgB.id,
    ownerB.id,
    (tx) =>
      tx`insert into audit_log (org_id, actor_id, action, metadata) values (${orgB.id}, ${ownerB.id}, 'project.created', ${tx.json({ name: S("B_AUDIT") })})`,
  );
  await asTenant(
    orgA.id,
    ownerA.id,
    (tx) =>
      tx`insert into audit_log (org_id, actor_id, action, metadata) values (${orgA.id}, ${ownerB.id}, 'project.created', '{}')`,
  );

  const orgBData = [
    orgB.id,
    orgB.slug,
    S("ORG_B_NAME"),
    projectB,
    S("B_PROJECT_NAME"),
    S("B_PROJECT_DESCRIPTION"),
    S("B_AUDIT"),
    S("B_KEY_NAME"),
    S("B_KEY_PREFIX"),
    ownerB.email,
    memberB.email,
    `sentinel-b-invitee-${tag}@example.test`,
  ];
  return { tag, orgA, orgB, projectId, projectB, ownerA, memberA, ownerB, secrets, orgBData };
}

async function signedInRequest(browser: Browser, baseURL: string, user: TestUser) {
  const context = await browser.newContext({ baseURL });
  const session = await createSession(user.id);
  await setSessionCookie(context, baseURL, session.cookie);
  // The viewer's own session token and its stored hash must not come back either.
  const sessionSecrets = [session.token, ...byteForms(tokenHash(session.token))];
  return { context, request: context.request, sessionSecrets };
}

/** The page as HTML and as the RSC payload a client-side navigation fetches. */
async function fetchBoth(request: APIRequestContext, path: string) {
  const html = await request.get(path);
  const rsc = await request.get(path, { headers: { RSC: "1" } });
  return [
    {
      kind: "HTML",
      status: html.status(),
      type: html.headers()["content-type"] ?? "",
      body: await html.text(),
    },
    {
      kind: "RSC",
      status: rsc.status(),
      type: rsc.headers()["content-type"] ?? "",
      body: await rsc.text(),
    },
  ];
}

/**
 * Next answers an RSC request for a page that calls notFound() with 200 and the not-found
 * fallback in the payload (the HTML request gets a real 404), so both are recognised.
 */
function notFound(response: { kind: string; status: number; body: string }): boolean {
  if (response.status === 404) return true;
  return response.kind === "RSC" && response.body.includes("NEXT_HTTP_ERROR_FALLBACK;404");
}

test("no org page leaks secrets or another org's data, as HTML or RSC", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const seeded = await seedSentinels();
  const { orgA, projectId } = seeded;
  const forbidden = [...seeded.secrets, ...seeded.orgBData, ...FORBIDDEN_WORDS];
  const viewers = { member: seeded.memberA, owner: seeded.ownerA };
  const checked: string[] = [];

  for (const [viewer, user] of Object.entries(viewers) as [Viewer, TestUser][]) {
    const { context, request, sessionSecrets } = await signedInRequest(browser, baseURL!, user);
    for (const page of PAGES) {
      const path = page.path({ slug: orgA.slug, projectId });
      const allowed = page.openTo.includes(viewer);
      for (const response of await fetchBoth(request, path)) {
        const where = `${response.kind} ${path} as ${viewer} (${page.name})`;
        const outcome = notFound(response) ? "not found" : "shown";
        if (!allowed) expect(outcome, where).toBe("not found");
        else {
          expect(outcome, where).toBe("shown");
          expect(response.status, where).toBe(200);
          expect(response.type, where).toContain(
            response.kind === "RSC" ? "text/x-component" : "text/html",
          );
        }
        // The values found, not the whole body, so a failure names what leaked.
        const leaked = [...forbidden, ...sessionSecrets].filter((v) => response.body.includes(v));
        expect(leaked, where).toEqual([]);
        checked.push(`${where}: ${response.status}`);
      }
    }
    await context.close();
  }
  expect(checked).toHaveLength(PAGES.length * 2 * 2);
});

test("the search would find a leak: B's owner sees B's sentinels in both formats", async ({
  browser,
  baseURL,
}) => {
  // The positive control for the test above: the same fetches and search, on a page that
  // rightly shows the sentinels to someone allowed to see them.
  const seeded = await seedSentinels();
  const { context, request } = await signedInRequest(browser, baseURL!, seeded.ownerB);
  for (const response of await fetchBoth(
    request,
    `/o/${seeded.orgB.slug}/projects/${seeded.projectB}`,
  )) {
    expect(response.status).toBe(200);
    expect(response.body).toContain(`SENTINEL_B_PROJECT_NAME_${seeded.tag}`);
    expect(response.body).toContain(`SENTINEL_B_PROJECT_DESCRIPTION_${seeded.tag}`);
  }
  await context.close();
});

test("org A's audit log names a former member's entry without their email", async ({
  browser,
  baseURL,
}) => {
  const seeded = await seedSentinels();
  const { context } = await signedInRequest(browser, baseURL!, seeded.ownerA);
  const page = await context.newPage();
  await page.goto(`/o/${seeded.orgA.slug}/settings/audit-log`);
  await expect(page.getByRole("cell", { name: "Former member" })).toBeVisible();
  expect(await page.content()).not.toContain(seeded.ownerB.email);
  await context.close();
});

test("no action response leaks secrets, typed passwords or another org's data", async ({
  browser,
  baseURL,
}) => {
  // Z11's third part: what server actions answer (form state, the re-rendered tree after a
  // revalidation, error messages), captured from the browser as org A's owner uses the
  // settings, and searched like the pages above. Both successful and refused submissions.
  test.setTimeout(180_000);
  const seeded = await seedSentinels();
  const { orgA, tag } = seeded;
  const typedPasswords = [`typed current password ${tag}`, `typed transfer password ${tag}`];
  const { context, sessionSecrets } = await signedInRequest(browser, baseURL!, seeded.ownerA);
  const forbidden = [
    ...seeded.secrets,
    ...seeded.orgBData,
    ...FORBIDDEN_WORDS,
    ...sessionSecrets,
    ...typedPasswords,
  ];
  const page = await context.newPage();
  const captured: { action: string; body: string }[] = [];
  // Chromium does not keep the body of a streamed action answer for Playwright to read, so
  // action posts go through a route that fetches the answer, keeps a copy and passes it on.
  await page.route("**/*", async (route) => {
    const action = route.request().headers()["next-action"];
    if (route.request().method() !== "POST" || !action) return route.fallback();
    const response = await route.fetch();
    const body = await response.text();
    captured.push({ action, body });
    await route.fulfill({ response, body });
  });
  /** Clicks a submit button and waits for the action's answer. */
  const submit = async (button: Locator) => {
    const before = captured.length;
    await button.click();
    await expect.poll(() => captured.length).toBe(before + 1);
  };

  await page.goto(`/o/${orgA.slug}/projects/new`);
  await page.getByLabel("Name").fill("   ");
  await page.getByLabel("Description").fill("Kept after the error");
  await submit(page.getByRole("button", { name: "Create project" }));
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Name").fill("Leak check project");
  await submit(page.getByRole("button", { name: "Create project" }));
  await expect(page.getByLabel("Name")).toHaveValue("Leak check project");

  await page.goto(`/o/${orgA.slug}/settings`);
  await page.getByLabel("Organization name").fill("Org A renamed");
  await submit(page.getByRole("button", { name: "Save name" }));
  await expect(page.getByRole("button", { name: "Org A renamed" })).toBeVisible();
  await page.getByLabel("New owner").selectOption({ label: `${seeded.memberA.email} (Member)` });
  await page.getByLabel("Your password").fill(typedPasswords[1]!);
  await submit(page.getByRole("button", { name: "Transfer ownership" }));
  await expect(page.getByText("That password is not right.")).toBeVisible();

  await page.goto(`/o/${orgA.slug}/settings/members`);
  const invitee = `leak-invitee-${tag}@example.test`;
  await page.getByLabel("Email").fill(invitee);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await submit(page.getByRole("button", { name: "Send invitation" }));
  await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible();
  await page.getByLabel(`Role of ${seeded.memberA.email}`).selectOption({ label: "Viewer" });
  const memberRow = page.getByTestId("member-row").filter({ hasText: seeded.memberA.email });
  await submit(memberRow.getByRole("button", { name: "Save" }));
  await expect(memberRow.getByText("Role saved.")).toBeVisible();

  await page.goto(`/o/${orgA.slug}/settings/roles/new`);
  await page.getByLabel("Name", { exact: true }).fill("Leak checkers");
  await page.getByLabel("See the organization's projects").check();
  await submit(page.getByRole("button", { name: "Create role" }));
  await expect(page.getByText("The role was created.")).toBeVisible();

  await page.goto(`/o/${orgA.slug}/settings/api-keys`);
  await page.getByLabel("Name", { exact: true }).fill("Leak check key");
  await page.getByLabel("See the organization's projects").check();
  // The seeded accounts' password hashes are sentinels, so the step-up refuses: a refused
  // submission whose answer must not hold the typed password either.
  await page.getByLabel("Your password", { exact: true }).fill(typedPasswords[0]!);
  await submit(page.getByRole("button", { name: "Create key" }));
  await expect(page.getByText("That password is not right.")).toBeVisible();

  await page.goto("/account/security");
  await page.getByLabel("Current password").fill(typedPasswords[0]!);
  await page.getByLabel("New password").fill(`a brand new password ${tag}`);
  await submit(page.getByRole("button", { name: "Change password" }));
  await expect(page.getByText("That password is not right.")).toBeVisible();

  // Nine submissions, each answered by its own action request with a body.
  expect(captured).toHaveLength(9);
  expect(captured.filter((r) => r.body.length > 0)).toHaveLength(9);
  // The search can find something: the renamed org and the new project come back in answers.
  expect(captured.some((r) => r.body.includes("Org A renamed"))).toBe(true);
  expect(captured.some((r) => r.body.includes("Leak check project"))).toBe(true);
  for (const [i, response] of captured.entries()) {
    const leaked = forbidden.filter((v) => response.body.includes(v));
    expect(leaked, `action response ${i + 1} (action ${response.action})`).toEqual([]);
  }
  await context.close();
});
