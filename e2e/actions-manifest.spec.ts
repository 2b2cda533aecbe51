/**
 * Every server action in the production build (checklist Z1, Z2, §6.5), read from the build's
 * action manifest and called over HTTP like an attacker would: by id, with a crafted body.
 * Each must be listed in lib/authz/permission-matrix.json; each non-public one must refuse a
 * caller without a session; each organization action must refuse exactly the built-in roles
 * the matrix denies; refusals change nothing and are audited (Z12).
 */
import { readFileSync } from "node:fs";
import {
  addMember,
  asTenant,
  createOrg,
  createProject,
  createSession,
  createUser,
  expect,
  ownerDb,
  test,
  type TestOrg,
} from "./fixtures";
import { builtActions, callAction } from "./server-actions";

const SESSION_ENDED = "Your session has ended. Sign in again to continue.";
const FORBIDDEN = "Your role in this organization doesn't allow this.";
const ROLES = ["owner", "admin", "member", "viewer"] as const;
const matrix = JSON.parse(readFileSync("lib/authz/permission-matrix.json", "utf8")) as {
  actions: unknown;
};
const entries = matrix.actions as Record<
  string,
  { access: string; roles?: Record<(typeof ROLES)[number], "allow" | "own" | "deny"> }
>;

/** Everything about an org an action could change, except refusals' own audit entries. */
async function snapshot(org: TestOrg, ownerId: string) {
  const [state] = await asTenant(
    org.id,
    ownerId,
    (tx) => tx`
      select
        (select name || '|' || slug from organizations where id = ${org.id}) as org,
        (select string_agg(user_id || ':' || role_id, ',' order by user_id) from memberships) as members,
        (select string_agg(id || name || description, ',' order by id) from projects) as projects,
        (select count(*)::int from invitations) as invitations,
        (select string_agg(id || name || array_to_string(permissions, ','), ',' order by id) from org_roles) as roles,
        (select count(*)::int from audit_log where action <> 'authz.denied') as audited,
        (select count(*)::int from audit_log where action = 'authz.denied') as denials`,
  );
  return state!;
}

test("the build exposes exactly the actions in the permission matrix", () => {
  const built = builtActions().map((a) => a.key);
  expect(built.sort()).toEqual(Object.keys(entries).sort());
});

test("every non-public action refuses a caller without a session and changes nothing", async ({
  request,
  baseURL,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Manifest target");
  const projectId = await createProject(org, owner.id, { name: "Untouched" });
  const before = await snapshot(org, owner.id);
  // A body that would satisfy any of the actions, were the session check missing.
  const body = {
    org: org.slug,
    id: projectId,
    name: "Hijacked",
    description: "",
    slug: `${org.slug}-moved`,
    confirm: org.slug,
    userId: owner.id,
    roleId: crypto.randomUUID(),
    email: "intruder@example.test",
    token: "x".repeat(43),
  };
  const publicActions: string[] = [];
  for (const action of builtActions()) {
    if (entries[action.key]?.access === "public") {
      publicActions.push(action.key.split("#")[1]!);
      continue;
    }
    expect(
      await callAction(request, baseURL!, action, { slug: org.slug, body }),
      action.key,
    ).toContain(SESSION_ENDED);
  }
  expect(publicActions.sort()).toEqual([
    "confirmEmailChangeAction",
    "loginAction",
    "requestPasswordResetAction",
    "resetPasswordAction",
    "signupAction",
    "signupWithInvitationAction",
    "verifyEmailAction",
  ]);
  expect(await snapshot(org, owner.id)).toEqual(before);
});

test("each built-in role is refused exactly the organization actions the matrix denies", async ({
  request,
  baseURL,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Matrix");
  const cookies: Record<string, string> = { owner: (await createSession(owner.id)).cookie };
  for (const role of ROLES.slice(1)) {
    const user = await createUser();
    await addMember(org, owner.id, user.id, role);
    cookies[role] = (await createSession(user.id)).cookie;
  }
  const before = await snapshot(org, owner.id);
  let denied = 0;
  for (const action of builtActions()) {
    const roles = entries[action.key]?.roles;
    if (!roles) continue;
    for (const role of ROLES) {
      // Only the org: an allowed role gets past the permission check and stops at validation.
      const answer = await callAction(request, baseURL!, action, {
        slug: org.slug,
        body: { org: org.slug },
        cookie: cookies[role],
      });
      const label = `${action.key} as ${role}`;
      expect(answer, label).not.toContain(SESSION_ENDED);
      if (roles[role] === "deny") {
        expect(answer, label).toContain(FORBIDDEN);
        denied++;
      } else {
        expect(answer, label).not.toContain(FORBIDDEN);
        expect(answer, label).toContain('"ok":false');
      }
    }
  }
  const after = await snapshot(org, owner.id);
  expect({ ...after, denials: 0 }).toEqual({ ...before, denials: 0 });
  expect(after.denials - before.denials).toBe(denied);
});

test("every platform-admin action refuses a signed-in org owner who is not a platform admin (Z10, S9)", async ({
  request,
  baseURL,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Not the platform");
  const victim = await createUser();
  await createSession(victim.id);
  const { cookie } = await createSession(owner.id);
  const body = { userId: victim.id, reason: "Takeover", password: owner.password };
  const adminActions = builtActions().filter((a) => entries[a.key]?.access === "platform-admin");
  expect(adminActions.map((a) => a.key.split("#")[1]).sort()).toEqual([
    "disableAccountAction",
    "enableAccountAction",
    "endAccountSessionsAction",
    "endAllSessionsAction",
  ]);
  for (const action of adminActions) {
    const answer = await callAction(request, baseURL!, action, { slug: org.slug, body, cookie });
    expect(answer, action.key).toContain("Only a platform admin can do this.");
  }
  const [state] = await ownerDb()`
    select (select count(*)::int from sessions where user_id = ${victim.id}) as sessions,
           (select count(*)::int from disabled_accounts where user_id = ${victim.id}) as disabled`;
  expect(state).toEqual({ sessions: 1, disabled: 0 });
});
