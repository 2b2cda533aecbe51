import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lookupApiKey } from "@/db/api-key-lookup";
import { testConnections } from "@/db/test-database";
import { hashApiKey } from "@/lib/api-keys/api-key-token";
import { apiFixtures } from "@/lib/api/test-fixtures";

/** drizzle/0020: when a membership ends, the member's keys and open invitations there end too. */
const db = testConnections();
const fx = apiFixtures(db);

const lookupKey = (key: string) =>
  lookupApiKey(hashApiKey(key), {
    key: `test:key:${key.slice(-8)}`,
    ip: null,
    keyLimit: 1000,
    ipLimit: 1000,
    orgRule: "test-org",
    windowSeconds: 60,
  });

async function inviteAs(org: { id: string }, inviter: string): Promise<string> {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${inviter}, true)`;
    const [row] = await tx`
      insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
      select ${org.id}, ${`invitee-${randomBytes(4).toString("hex")}@example.test`}, id,
             ${randomBytes(32)}, ${inviter}, now() + interval '7 days'
      from org_roles where org_id = ${org.id} and built_in = 'member' returning id`;
    return row!.id as string;
  }) as Promise<string>;
}

/** `userId` joins `org` with a built-in role, added by the org's owner. */
async function joinAs(org: { id: string; owner: string }, userId: string, role: string) {
  await db.app.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${org.owner}, true)`;
    await tx`insert into memberships (org_id, user_id, role_id)
      select ${org.id}, ${userId}, id from org_roles where org_id = ${org.id} and built_in = ${role}`;
  });
}

const revoked = async (table: "api_keys" | "invitations", id: string) =>
  (await db.owner`select revoked_at is not null as r from ${db.owner(table)} where id = ${id}`)[0]
    ?.r as boolean | undefined;

describe("the end of a membership", () => {
  it("revokes the member's keys and withdraws their open invitations, in that org only", async () => {
    const org = await fx.newOrg();
    const other = await fx.newOrg();
    const admin = await fx.addMember(org, "admin");
    await joinAs(other, admin, "admin");
    const keyElsewhere = await fx.createKey(other, admin, ["projects:read"]);
    const key = await fx.createKey(org, admin, ["projects:read"]);
    const ownersKey = await fx.createKey(org, org.owner, ["projects:read"]);
    const invitation = await inviteAs(org, admin);

    await fx.removeMember(org, admin);
    expect(await revoked("api_keys", key.id)).toBe(true);
    expect(await revoked("invitations", invitation)).toBe(true);
    expect(await revoked("api_keys", ownersKey.id)).toBe(false);
    expect(await revoked("api_keys", keyElsewhere.id)).toBe(false);

    // Invited back, the old key stays dead: it may have leaked in between.
    await joinAs(org, admin, "admin");
    expect((await lookupKey(key.key)).key?.revokedAt).not.toBeNull();
    expect((await lookupKey(ownersKey.key)).key?.revokedAt).toBeNull();
  });

  it("does not stand in the way of deleting an organization or an account", async () => {
    const org = await fx.newOrg();
    const admin = await fx.addMember(org, "admin");
    await fx.createKey(org, admin, ["projects:read"]);
    await inviteAs(org, admin);
    // The account goes, as the app deletes one (its memberships cascade, its keys'
    // created_by is set null) ...
    await db.app.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${admin}, true)`;
      await tx`delete from users where id = ${admin}`;
    });
    expect(await db.owner`select 1 from memberships where user_id = ${admin}`).toHaveLength(0);
    // ... and then the organization, with its keys and invitations.
    await db.app.begin(async (tx) => {
      await tx`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${org.owner}, true)`;
      await tx`delete from organizations where id = ${org.id}`;
    });
    expect(await db.owner`select 1 from api_keys where org_id = ${org.id}`).toHaveLength(0);
  });
});
