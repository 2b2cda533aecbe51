import { createHash, randomBytes } from "node:crypto";
import type postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/lib/orgs/create-organization";
import { insertUser, testConnections } from "./test-database";

/**
 * The rules the database itself keeps for roles, memberships, invitations and the audit log,
 * exercised as the runtime role with plain SQL (what a bug or a crafted query could send).
 */
const db = testConnections();

type Org = { orgId: string; owner: string; roles: Record<string, string> };

/** Runs `fn` as the runtime role in the org's context, like withTenant. */
function inOrg<T>(org: { orgId: string }, userId: string, fn: (tx: postgres.TransactionSql) => T) {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${org.orgId}, true), set_config('app.user_id', ${userId}, true)`;
    return fn(tx);
  });
}

async function newOrg(): Promise<Org> {
  const owner = (await insertUser(db.app)).id;
  const { id } = (await createOrganization(owner, `Rules ${randomBytes(3).toString("hex")}`))!;
  const rows = await inOrg(
    { orgId: id },
    owner,
    (tx) => tx<{ id: string; built_in: string }[]>`select id, built_in from org_roles`,
  );
  return { orgId: id, owner, roles: Object.fromEntries(rows.map((r) => [r.built_in, r.id])) };
}

async function addMember(org: Org, role: string): Promise<string> {
  const user = (await insertUser(db.app)).id;
  await inOrg(
    org,
    org.owner,
    (tx) =>
      tx`insert into memberships (org_id, user_id, role_id) values (${org.orgId}, ${user}, ${org.roles[role]!})`,
  );
  return user;
}

let org: Org;
beforeAll(async () => {
  org = await newOrg();
});

describe("built-in roles", () => {
  it("are created with every organization, whoever inserts it", () => {
    expect(Object.keys(org.roles).sort()).toEqual(["admin", "member", "owner", "viewer"]);
  });

  it("cannot be changed or deleted by the runtime role", async () => {
    const changed = await inOrg(
      org,
      org.owner,
      (tx) =>
        tx`update org_roles set permissions = '{org:delete}', built_in = null where id = ${org.roles.viewer!} returning id`,
    );
    const deleted = await inOrg(
      org,
      org.owner,
      (tx) => tx`delete from org_roles where id = ${org.roles.member!} returning id`,
    );
    expect([changed.length, deleted.length]).toEqual([0, 0]);
  });

  it("of another org cannot be given to a member (composite foreign key)", async () => {
    const other = await newOrg();
    const user = await addMember(org, "viewer");
    const attempt = inOrg(
      org,
      org.owner,
      (tx) => tx`update memberships set role_id = ${other.roles.owner!} where user_id = ${user}`,
    );
    await expect(attempt).rejects.toMatchObject({ code: "23503" });
  });
});

describe("the last owner (Z7, enforced in the database)", () => {
  it("cannot be removed or demoted, even by direct SQL as the runtime role", async () => {
    const remove = inOrg(
      org,
      org.owner,
      (tx) => tx`delete from memberships where user_id = ${org.owner}`,
    );
    await expect(remove).rejects.toMatchObject({ code: "23514" });
    const demote = inOrg(
      org,
      org.owner,
      (tx) => tx`update memberships set role_id = ${org.roles.admin!} where user_id = ${org.owner}`,
    );
    await expect(demote).rejects.toMatchObject({ code: "23514" });
  });

  it("can hand over within one transaction (promote, then demote)", async () => {
    const o = await newOrg();
    const next = await addMember(o, "admin");
    await inOrg(o, o.owner, async (tx) => {
      await tx`update memberships set role_id = ${o.roles.owner!} where user_id = ${next}`;
      await tx`update memberships set role_id = ${o.roles.admin!} where user_id = ${o.owner}`;
    });
    const owners = await inOrg(
      o,
      o.owner,
      (tx) => tx`select user_id from memberships where role_id = ${o.roles.owner!}`,
    );
    expect(owners.map((r) => r.user_id)).toEqual([next]);
  });

  it("survives two concurrent demotions of the only two owners: exactly one commits", async () => {
    const o = await newOrg();
    const second = await addMember(o, "owner");
    const demote = (user: string) =>
      inOrg(o, o.owner, async (tx) => {
        await tx`update memberships set role_id = ${o.roles.member!} where user_id = ${user}`;
        await tx`select pg_sleep(0.2)`;
      });
    const results = await Promise.allSettled([demote(o.owner), demote(second)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const owners = await inOrg(
      o,
      o.owner,
      (tx) => tx`select count(*)::int as n from memberships where role_id = ${o.roles.owner!}`,
    );
    expect(owners).toEqual([{ n: 1 }]);
  });

  it("does not stop the organization itself from being deleted", async () => {
    const o = await newOrg();
    await inOrg(o, o.owner, (tx) => tx`delete from organizations where id = ${o.orgId}`);
    const left = await inOrg(o, o.owner, (tx) => tx`select 1 from org_roles`);
    expect(left).toHaveLength(0);
  });
});

describe("the audit log", () => {
  it("is append-only for the runtime role: no UPDATE or DELETE", async () => {
    await inOrg(
      org,
      org.owner,
      (tx) =>
        tx`insert into audit_log (org_id, actor_id, action) values (${org.orgId}, ${org.owner}, 'org.updated')`,
    );
    const update = inOrg(org, org.owner, (tx) => tx`update audit_log set action = 'x'`);
    await expect(update).rejects.toMatchObject({ code: "42501" });
    const remove = inOrg(org, org.owner, (tx) => tx`delete from audit_log`);
    await expect(remove).rejects.toMatchObject({ code: "42501" });
  });

  it("cannot be written into another org", async () => {
    const other = await newOrg();
    const attempt = inOrg(
      org,
      org.owner,
      (tx) => tx`insert into audit_log (org_id, action) values (${other.orgId}, 'org.updated')`,
    );
    await expect(attempt).rejects.toMatchObject({ code: "42501" });
  });
});

describe("invitations", () => {
  it("are found before the org is known only by the hash of their token", async () => {
    const token = randomBytes(32);
    const hash = createHash("sha256").update(token).digest();
    await inOrg(
      org,
      org.owner,
      (tx) =>
        tx`insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
         values (${org.orgId}, 'new@example.test', ${org.roles.member!}, ${hash}, ${org.owner}, now() + interval '7 days')`,
    );
    expect(await db.app`select * from invitations`).toHaveLength(0);
    const [found] = await db.app`select email, role_name from app_invitation_lookup(${hash})`;
    expect(found).toEqual({ email: "new@example.test", role_name: "Member" });
    expect(await db.app`select * from app_invitation_lookup(${token})`).toHaveLength(0);
  });
});
