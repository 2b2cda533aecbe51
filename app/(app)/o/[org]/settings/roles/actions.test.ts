import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";

/**
 * The role actions against a real database, as the runtime role: only the request's cookie jar
 * and metadata are stubbed (there is no request here). Each actor gets a real session, so the
 * wrapper's session and membership lookup runs for real. Every refusal is checked in the
 * database too.
 */
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { value: jar.get(name) } : undefined),
  }),
  headers: async () => new Headers(),
}));
vi.mock("@/lib/request-meta", () => ({
  requestMeta: async () => ({ ip: null, userAgent: "vitest" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { createRoleAction, deleteRoleAction, updateRoleAction } = await import("./actions");
const { createOrganization } = await import("@/lib/orgs/create-organization");
const { getMembership } = await import("@/lib/orgs/membership");
const { createSession } = await import("@/lib/auth/session");
const { SESSION_COOKIE, sealSessionToken } = await import("@/lib/auth/session-cookie");

const db = testConnections();
const NOT_FOUND = "We couldn't find that role.";

type Org = { id: string; slug: string; owner: string; roles: Record<string, string> };

function inOrg<T>(org: Org, fn: (tx: postgres.TransactionSql) => Promise<T>) {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${org.owner}, true)`;
    return fn(tx);
  }) as Promise<T>;
}

async function newOrg(): Promise<Org> {
  const owner = (await insertUser(db.app)).id;
  const { id, slug } = (await createOrganization(
    owner,
    `Roles ${randomBytes(3).toString("hex")}`,
  ))!;
  const org = { id, slug, owner, roles: {} };
  const rows = await inOrg(org, (tx) => tx`select id, built_in from org_roles`);
  return { ...org, roles: Object.fromEntries(rows.map((r) => [r.built_in, r.id])) };
}

async function addMember(org: Org, roleId: string): Promise<string> {
  const user = (await insertUser(db.app)).id;
  await inOrg(
    org,
    (tx) =>
      tx`insert into memberships (org_id, user_id, role_id) values (${org.id}, ${user}, ${roleId})`,
  );
  return user;
}

async function customRole(org: Org, name: string, permissions: string[]): Promise<string> {
  const [row] = await inOrg(
    org,
    (tx) =>
      tx`insert into org_roles (org_id, name, permissions) values (${org.id}, ${name}, ${permissions}) returning id`,
  );
  return row!.id as string;
}

const roleRow = (org: Org, id: string) =>
  inOrg(
    org,
    (tx) => tx`select name, description, permissions, updated_at from org_roles where id = ${id}`,
  );

async function as(userId: string) {
  const { token } = await createSession(userId, { ip: null, userAgent: "vitest" });
  jar.set(SESSION_COOKIE, await sealSessionToken(token));
}

function form(fields: Record<string, string>, permissions: string[] = []): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  for (const p of permissions) data.set(`permission.${p}`, "on");
  return data;
}

/** Runs an action that redirects on success; returns the redirect target or the failure. */
async function run(action: (previous: null, data: FormData) => Promise<unknown>, data: FormData) {
  try {
    return await action(null, data);
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw error;
  }
}

let org: Org;
let admin: string;
beforeAll(async () => {
  org = await newOrg();
  admin = await addMember(org, org.roles.admin!);
});
afterEach(() => jar.clear());

describe("creating a role", () => {
  it("stores the ticked permissions and audits the change", async () => {
    await as(org.owner);
    const result = await run(
      createRoleAction,
      form({ org: org.slug, name: "  Editors ", description: "Edit things" }, [
        "projects:read",
        "projects:update",
      ]),
    );
    expect(result).toEqual({ redirect: `/o/${org.slug}/settings/roles?created=1` });
    const [row] = await inOrg(
      org,
      (tx) => tx`select id, name, description, permissions from org_roles where name = 'Editors'`,
    );
    expect(row).toMatchObject({
      description: "Edit things",
      permissions: ["projects:read", "projects:update"],
    });
    const audit = await inOrg(
      org,
      (tx) =>
        tx`select actor_id, metadata from audit_log where action = 'role.created' and target_id = ${row!.id}`,
    );
    expect(audit).toEqual([
      {
        actor_id: org.owner,
        metadata: { name: "Editors", permissions: ["projects:read", "projects:update"] },
      },
    ]);
  });

  it("refuses a name already used in the org, whatever its case, as a field error", async () => {
    await as(org.owner);
    await customRole(org, "Support", []);
    for (const name of ["SUPPORT", "owner"]) {
      const result = await run(createRoleAction, form({ org: org.slug, name }, ["projects:read"]));
      expect(result).toMatchObject({
        ok: false,
        fieldErrors: { name: ["This organization already has a role with this name."] },
        values: { name, "permission.projects:read": "on" },
      });
    }
  });

  it("checks the name's length and the permissions against the catalogue", async () => {
    await as(org.owner);
    const before = await inOrg(org, (tx) => tx`select count(*)::int as n from org_roles`);
    const result = await run(
      createRoleAction,
      form({ org: org.slug, name: "x".repeat(51) }, ["projects:read", "billing:manage"]),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        name: ["Use at most 50 characters"],
        permissions: ["Not a permission this app knows: billing:manage"],
      },
    });
    const empty = await run(createRoleAction, form({ org: org.slug, name: "   " }));
    expect(empty).toMatchObject({ fieldErrors: { name: ["Give the role a name"] } });
    expect(await inOrg(org, (tx) => tx`select count(*)::int as n from org_roles`)).toEqual(before);
  });

  it("rejects unknown fields (Z6), including a raw permissions list", async () => {
    await as(org.owner);
    const ticked = ["projects:read"];
    for (const extra of <Record<string, string>[]>[
      { orgId: crypto.randomUUID() },
      { builtIn: "owner" },
      { id: org.roles.owner! },
    ]) {
      const result = await run(
        createRoleAction,
        form({ org: org.slug, name: "Sneaky", ...extra }, ticked),
      );
      expect(result).toMatchObject({
        ok: false,
        formError: "The form contained unexpected fields.",
      });
    }
    const raw = await run(
      createRoleAction,
      form({ org: org.slug, name: "Sneaky", permissions: "org:delete" }),
    );
    expect(raw).toMatchObject({ ok: false, fieldErrors: { permissions: [expect.any(String)] } });
    expect(await inOrg(org, (tx) => tx`select id from org_roles where name = 'Sneaky'`)).toEqual(
      [],
    );
  });

  it("refuses an admin who grants what they don't hold (Z7), and allows what they hold", async () => {
    await as(admin);
    const refused = await run(
      createRoleAction,
      form({ org: org.slug, name: "Deleters" }, ["projects:read", "org:delete"]),
    );
    expect(refused).toMatchObject({
      ok: false,
      formError: "You can't grant permissions you don't hold: org:delete.",
    });
    expect(await inOrg(org, (tx) => tx`select id from org_roles where name = 'Deleters'`)).toEqual(
      [],
    );
    const allowed = await run(
      createRoleAction,
      form({ org: org.slug, name: "Deleters" }, ["projects:read", "members:remove"]),
    );
    expect(allowed).toHaveProperty("redirect");
  });
});

describe("editing and deleting a role", () => {
  it("updates a custom role and audits what was added and removed", async () => {
    await as(org.owner);
    const id = await customRole(org, "Writers", ["projects:read", "projects:create"]);
    const result = await run(
      updateRoleAction,
      form({ org: org.slug, id, name: "Authors", description: "" }, [
        "projects:read",
        "projects:update",
      ]),
    );
    expect(result).toEqual({ ok: true, data: { saved: true } });
    expect(await roleRow(org, id)).toMatchObject([
      { name: "Authors", permissions: ["projects:read", "projects:update"] },
    ]);
    const [audit] = await inOrg(
      org,
      (tx) =>
        tx`select metadata from audit_log where action = 'role.updated' and target_id = ${id}`,
    );
    expect(audit!.metadata).toEqual({
      name: "Authors",
      previousName: "Writers",
      added: ["projects:update"],
      removed: ["projects:create"],
    });
  });

  it("takes effect on the member's next request (Z8)", async () => {
    await as(org.owner);
    const id = await customRole(org, "Readers", ["projects:read"]);
    const reader = await addMember(org, id);
    expect((await getMembership(reader, org.slug))!.permissions).toEqual(["projects:read"]);
    await run(
      updateRoleAction,
      form({ org: org.slug, id, name: "Readers" }, ["projects:read", "projects:create"]),
    );
    expect((await getMembership(reader, org.slug))!.permissions).toEqual([
      "projects:read",
      "projects:create",
    ]);
  });

  it("refuses built-in roles (which the database refuses too, db/org-rules.test.ts)", async () => {
    await as(org.owner);
    for (const builtIn of ["admin", "viewer"]) {
      const id = org.roles[builtIn]!;
      const before = await roleRow(org, id);
      const update = await run(
        updateRoleAction,
        form({ org: org.slug, id, name: "Renamed" }, ["projects:read"]),
      );
      const remove = await run(deleteRoleAction, form({ org: org.slug, id }));
      for (const result of [update, remove]) {
        expect(result).toMatchObject({
          ok: false,
          formError: expect.stringMatching(/^Built-in roles can't be changed/),
        });
      }
      expect(await roleRow(org, id)).toEqual(before);
    }
  });

  it("refuses an admin editing or deleting a role above their own (Z7)", async () => {
    await as(org.owner);
    const id = await customRole(org, "Closers", ["org:delete"]);
    const before = await roleRow(org, id);
    await as(admin);
    const update = await run(updateRoleAction, form({ org: org.slug, id, name: "Closers" }, []));
    const remove = await run(deleteRoleAction, form({ org: org.slug, id }));
    for (const result of [update, remove]) {
      expect(result).toMatchObject({
        ok: false,
        formError:
          "This role has permissions you don't hold (org:delete), so you can't change or delete it.",
      });
    }
    // And one within reach cannot be raised above it.
    const mine = await customRole(org, "Helpers", ["projects:read"]);
    const raise = await run(
      updateRoleAction,
      form({ org: org.slug, id: mine, name: "Helpers" }, ["org:transfer"]),
    );
    expect(raise).toMatchObject({
      formError: "You can't grant permissions you don't hold: org:transfer.",
    });
    expect(await roleRow(org, id)).toEqual(before);
    expect(await roleRow(org, mine)).toMatchObject([{ permissions: ["projects:read"] }]);
  });

  it("refuses changing the role the actor holds", async () => {
    await as(org.owner);
    const id = await customRole(org, "Managers", ["roles:read", "roles:manage", "projects:read"]);
    const manager = await addMember(org, id);
    await as(manager);
    const result = await run(
      updateRoleAction,
      form({ org: org.slug, id, name: "Managers" }, ["roles:read"]),
    );
    expect(result).toMatchObject({
      formError: expect.stringMatching(/the role you hold yourself/),
    });
    expect(await roleRow(org, id)).toMatchObject([
      { permissions: ["roles:read", "roles:manage", "projects:read"] },
    ]);
  });

  it("refuses a member without roles:manage before anything runs", async () => {
    const viewer = await addMember(org, org.roles.viewer!);
    await as(org.owner);
    const id = await customRole(org, "Untouched", ["projects:read"]);
    const before = await roleRow(org, id);
    await as(viewer);
    const results = [
      await run(createRoleAction, form({ org: org.slug, name: "By viewer" }, ["projects:read"])),
      await run(updateRoleAction, form({ org: org.slug, id, name: "By viewer" }, [])),
      await run(deleteRoleAction, form({ org: org.slug, id })),
    ];
    for (const result of results) {
      expect(result).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/Your role in this organization doesn't allow this/),
      });
    }
    expect(await roleRow(org, id)).toEqual(before);
    expect(await inOrg(org, (tx) => tx`select id from org_roles where name = 'By viewer'`)).toEqual(
      [],
    );
  });

  it("answers another org's role id like an unknown or malformed one (Z3)", async () => {
    const other = await newOrg();
    // The actor even holds a custom role in the other org, which RLS lets them read.
    const held = await customRole(other, "Held elsewhere", ["projects:read"]);
    await inOrg(
      other,
      (tx) =>
        tx`insert into memberships (org_id, user_id, role_id) values (${other.id}, ${org.owner}, ${held})`,
    );
    const foreign = await customRole(other, "Theirs", ["projects:read"]);
    const before = [await roleRow(other, held), await roleRow(other, foreign)];
    await as(org.owner);
    const answers = new Set<string>();
    for (const id of [held, foreign, other.roles.viewer!, crypto.randomUUID(), "not-a-uuid", "1"]) {
      const update = await run(updateRoleAction, form({ org: org.slug, id, name: "Stolen" }, []));
      const remove = await run(deleteRoleAction, form({ org: org.slug, id }));
      for (const result of [update, remove]) {
        expect(result).toMatchObject({ ok: false, formError: expect.stringContaining(NOT_FOUND) });
        answers.add((result as { formError: string }).formError);
      }
    }
    expect(answers.size).toBe(1);
    expect([await roleRow(other, held), await roleRow(other, foreign)]).toEqual(before);
  });

  it("refuses deleting a role in use, saying how many use it; an unused one goes", async () => {
    await as(org.owner);
    const id = await customRole(org, "Temporary", ["projects:read"]);
    const user = await addMember(org, id);
    await addMember(org, id);
    await inOrg(
      org,
      (
        tx,
      ) => tx`insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at)
        values (${org.id}, 'invitee@example.test', ${id}, ${randomBytes(32)}, ${org.owner}, now() + interval '7 days')`,
    );
    const inUse = await run(deleteRoleAction, form({ org: org.slug, id }));
    expect(inUse).toMatchObject({
      formError:
        "This role is still used by 2 members and 1 open invitation. Move them to another role before deleting it.",
    });
    // Moving the members and revoking the invitation frees it; the revoked invitation is history.
    await inOrg(org, async (tx) => {
      await tx`update memberships set role_id = ${org.roles.viewer!} where role_id = ${id}`;
      await tx`update invitations set revoked_at = now() where role_id = ${id}`;
    });
    expect(await roleRow(org, id)).toHaveLength(1);
    const deleted = await run(deleteRoleAction, form({ org: org.slug, id }));
    expect(deleted).toEqual({ redirect: `/o/${org.slug}/settings/roles?deleted=1` });
    expect(await roleRow(org, id)).toEqual([]);
    const audit = await inOrg(
      org,
      (tx) =>
        tx`select metadata from audit_log where action = 'role.deleted' and target_id = ${id}`,
    );
    expect(audit).toEqual([{ metadata: { name: "Temporary", permissions: ["projects:read"] } }]);
    expect(user).toBeTruthy();
  });
});
