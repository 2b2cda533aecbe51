import { describe, expect, it } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { createSession, validateSessionToken } from "@/lib/auth/session";
import { createOrganization } from "@/lib/orgs/create-organization";
import { issueAccountToken } from "./account-tokens";
import { deleteAccount, planAccountDeletion } from "./delete-account";

/** Account deletion and the organization rule, as the runtime role. */
const db = testConnections();

async function addMember(orgId: string, ownerId: string, userId: string, role: string) {
  await db.app.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${ownerId}, true)`;
    await tx`insert into memberships (org_id, user_id, role_id)
      select ${orgId}, ${userId}, id from org_roles where org_id = ${orgId} and built_in = ${role}`;
  });
}

async function orgExists(orgId: string, asUser: string): Promise<boolean> {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${asUser}, true)`;
    return (await tx`select 1 from organizations where id = ${orgId}`).length === 1;
  });
}

async function userExists(id: string): Promise<boolean> {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${id}, true)`;
    return (await tx`select 1 from users where id = ${id}`).length === 1;
  });
}

describe("deleting an account", () => {
  it("takes its sessions, tokens and the orgs where it was the only member", async () => {
    const user = await insertUser(db.app);
    const solo = (await createOrganization(user.id, "Solo"))!;
    const { token } = await createSession(user.id, { ip: null, userAgent: "vitest" });
    await issueAccountToken(user.id, "reset_password", user.email);
    expect(await planAccountDeletion(user.id)).toEqual({
      blocking: [],
      deletedWithAccount: [{ id: solo.id, slug: solo.slug, name: "Solo" }],
    });
    expect(await deleteAccount(user.id)).toEqual({ ok: true });
    expect(await userExists(user.id)).toBe(false);
    expect(await validateSessionToken(token)).toBeNull();
    expect(await orgExists(solo.id, user.id)).toBe(false);
    const leftovers =
      await db.owner`select count(*)::int as n from sessions where user_id = ${user.id}`;
    expect(leftovers).toEqual([{ n: 0 }]);
  });

  it("is refused while the user is the last owner of an org with other members", async () => {
    const owner = await insertUser(db.app);
    const member = await insertUser(db.app);
    const shared = (await createOrganization(owner.id, "Shared"))!;
    await addMember(shared.id, owner.id, member.id, "member");
    const outcome = await deleteAccount(owner.id);
    expect(outcome).toEqual({
      ok: false,
      blocking: [{ slug: shared.slug, name: "Shared", otherMembers: 1 }],
    });
    expect(await userExists(owner.id)).toBe(true);
    expect(await orgExists(shared.id, member.id)).toBe(true);
  });

  it("leaves orgs that keep another owner, and orgs where the user was a plain member", async () => {
    const user = await insertUser(db.app);
    const other = await insertUser(db.app);
    const coOwned = (await createOrganization(other.id, "Co-owned"))!;
    await addMember(coOwned.id, other.id, user.id, "owner");
    const joined = (await createOrganization(other.id, "Joined"))!;
    await addMember(joined.id, other.id, user.id, "member");
    expect(await deleteAccount(user.id)).toEqual({ ok: true });
    expect(await orgExists(coOwned.id, other.id)).toBe(true);
    expect(await orgExists(joined.id, other.id)).toBe(true);
    const members = await db.app.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${joined.id}, true), set_config('app.user_id', ${other.id}, true)`;
      return tx`select user_id from memberships where org_id = ${joined.id}`;
    });
    expect(members.map((m) => m.user_id)).toEqual([other.id]);
  });
});
