import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/lib/orgs/create-organization";
import { getMembership, listMemberships } from "@/lib/orgs/membership";
import { listProjects } from "@/lib/projects/queries";
import { projects } from "./schema";
import { withTenant, withUser } from "./tenant";
import { insertUser, testConnections, testUrls } from "./test-database";

const db = testConnections();
const tag = crypto.randomUUID().slice(0, 8);
let a: { orgId: string; userId: string; slug: string };
let b: { orgId: string; userId: string; slug: string };
let projectB: string;

beforeAll(async () => {
  const ua = await insertUser(db.app);
  const ub = await insertUser(db.app);
  const orgA = (await createOrganization(ua.id, `Org A ${tag}`))!;
  const orgB = (await createOrganization(ub.id, `Org B ${tag}`))!;
  a = { orgId: orgA.id, userId: ua.id, slug: orgA.slug };
  b = { orgId: orgB.id, userId: ub.id, slug: orgB.slug };
  // Overlapping names across tenants are fine: uniqueness is per org.
  await withTenant(a, (tx) =>
    tx.insert(projects).values([
      { orgId: a.orgId, name: "Roadmap", description: "SENTINEL_A", createdBy: a.userId },
      { orgId: a.orgId, name: "Website", description: "SENTINEL_A", createdBy: a.userId },
    ]),
  );
  const [row] = await withTenant(b, (tx) =>
    tx
      .insert(projects)
      .values({ orgId: b.orgId, name: "Roadmap", description: "SENTINEL_B", createdBy: b.userId })
      .returning({ id: projects.id }),
  );
  projectB = row!.id;
});

const descriptions = (rows: { description: string }[]) => [
  ...new Set(rows.map((r) => r.description)),
];

describe("tenant isolation in Postgres, as the runtime role (Z4, checklist §3.6)", () => {
  it("SELECT without a WHERE sees only the org in context", async () => {
    const rows = await withTenant(a, (tx) => tx.select().from(projects));
    expect(rows).toHaveLength(2);
    expect(descriptions(rows)).toEqual(["SENTINEL_A"]);
  });

  it("INSERT into another org fails with 42501 (WITH CHECK)", async () => {
    const attempt = withTenant(a, (tx) =>
      tx.insert(projects).values({ orgId: b.orgId, name: `Planted ${tag}`, createdBy: a.userId }),
    );
    await expect(attempt).rejects.toMatchObject({ cause: { code: "42501" } });
  });

  it("UPDATE and DELETE of another org's row affect zero rows and leave it intact", async () => {
    const updated = await withTenant(a, (tx) =>
      tx.update(projects).set({ name: "Hijacked" }).where(eq(projects.id, projectB)).returning(),
    );
    const deleted = await withTenant(a, (tx) =>
      tx.delete(projects).where(eq(projects.id, projectB)).returning(),
    );
    expect(updated).toEqual([]);
    expect(deleted).toEqual([]);
    const [still] = await withTenant(b, (tx) =>
      tx.select().from(projects).where(eq(projects.id, projectB)),
    );
    expect(still).toMatchObject({ name: "Roadmap", description: "SENTINEL_B" });
  });

  it("moving a row to another org fails with 42501", async () => {
    const attempt = withTenant(a, (tx) =>
      tx.update(projects).set({ orgId: b.orgId }).where(eq(projects.description, "SENTINEL_A")),
    );
    await expect(attempt).rejects.toMatchObject({ cause: { code: "42501" } });
  });

  it("returns zero rows from every tenant table without a tenant context (fail closed)", async () => {
    for (const table of ["organizations", "memberships", "projects"]) {
      const [row] = await db.app.unsafe(`select count(*)::int as n from ${table}`);
      expect(row, table).toEqual({ n: 0 });
    }
  });

  it("does not leak a tenant to the next user of a pooled connection", async () => {
    const single = postgres(testUrls().appUrl, { max: 1, onnotice: () => {} });
    try {
      await single.begin(async (tx) => {
        await tx`select set_config('app.org_id', ${a.orgId}, true), set_config('app.user_id', ${a.userId}, true)`;
        expect((await tx`select count(*)::int as n from projects`)[0]).toEqual({ n: 2 });
      });
      expect((await single`select count(*)::int as n from projects`)[0]).toEqual({ n: 0 });
      expect((await single`select current_setting('app.org_id', true) as v`)[0]!.v).toBe("");
    } finally {
      await single.end();
    }
  });

  it("never returns the other org's sentinel across 500 interleaved concurrent requests", async () => {
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => {
        const ctx = i % 2 === 0 ? a : b;
        return listProjects(ctx, 1).then((page) => ({
          own: ctx === a ? "SENTINEL_A" : "SENTINEL_B",
          page,
        }));
      }),
    );
    for (const { own, page } of results) expect(descriptions(page.items)).toEqual([own]);
  });

  it("uses the org_id index and evaluates the tenant setting once (InitPlan)", async () => {
    // Enough orgs that one org's rows are a small slice, as in production; the owner refreshes
    // the planner's statistics.
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const org = (await createOrganization(a.userId, `Plan probe ${tag} ${i}`))!;
        await withTenant({ orgId: org.id, userId: a.userId }, (tx) =>
          tx.execute(
            sql`insert into projects (org_id, name) select ${org.id}, 'bulk ' || g from generate_series(1, 50) g`,
          ),
        );
      }),
    );
    await db.owner`analyze projects`;
    const plan = await withTenant(b, (tx) =>
      tx.execute(
        sql`explain (format json) select * from projects order by created_at desc limit 20`,
      ),
    );
    const text = JSON.stringify(plan);
    expect(text).toMatch(/Index Scan/);
    expect(text).toContain("projects_org_id_created_at_idx");
    expect(text).toMatch(/InitPlan/);
  });
});

describe("memberships", () => {
  it("resolve a slug only for members; others get the same null as for a missing org", async () => {
    expect(await getMembership(a.userId, a.slug)).toMatchObject({
      orgId: a.orgId,
      role: { builtIn: "owner" },
    });
    expect(await getMembership(a.userId, b.slug)).toBeNull();
    expect(await getMembership(a.userId, `no-such-org-${tag}`)).toBeNull();
  });

  it("let a user list their own organizations and no one else's", async () => {
    const mine = await listMemberships(a.userId);
    expect(mine.map((m) => m.orgId)).toContain(a.orgId);
    expect(mine.map((m) => m.orgId)).not.toContain(b.orgId);
    const visible = await withUser(a.userId, (tx) =>
      tx.execute(sql`select org_id from memberships`),
    );
    expect(JSON.stringify(visible)).not.toContain(b.orgId);
  });

  it("show a member of two orgs only the org in context's memberships, roles and org inside it", async () => {
    // A's owner also joins B as a member. Outside a tenant context they see both of their
    // memberships (the org switcher); in A's context, nothing of B, not even their own rows.
    await withTenant(b, (tx) =>
      tx.execute(sql`
        insert into memberships (org_id, user_id, role_id)
        select ${b.orgId}, ${a.userId}, id from org_roles
        where org_id = ${b.orgId} and built_in = 'member'`),
    );
    const mine = await withUser(a.userId, (tx) =>
      tx.execute<{ org_id: string }>(sql`select org_id from memberships order by org_id`),
    );
    expect(mine.map((r) => r.org_id)).toEqual(expect.arrayContaining([a.orgId, b.orgId]));

    const inA = { orgId: a.orgId, userId: a.userId };
    const [members, roles, orgs] = await withTenant(inA, (tx) => [
      tx.execute<{ org_id: string }>(sql`select org_id from memberships`),
      tx.execute<{ org_id: string }>(sql`select org_id from org_roles`),
      tx.execute<{ id: string }>(sql`select id from organizations`),
    ]);
    expect([...new Set(members.map((r) => r.org_id))]).toEqual([a.orgId]);
    expect([...new Set(roles.map((r) => r.org_id))]).toEqual([a.orgId]);
    expect(orgs.map((r) => r.id)).toEqual([a.orgId]);
    // And the org they were added to still lists them, in its own context.
    const inB = await withTenant({ orgId: b.orgId, userId: a.userId }, (tx) =>
      tx.execute<{ user_id: string }>(sql`select user_id from memberships`),
    );
    expect(inB.map((r) => r.user_id).sort()).toEqual([a.userId, b.userId].sort());
  });

  it("make slugs unique by adding a suffix, and refuse a requested slug that is taken", async () => {
    const again = await createOrganization(a.userId, `Org A ${tag}`);
    expect(again!.slug).not.toBe(a.slug);
    expect(again!.slug.startsWith(a.slug.slice(0, 20))).toBe(true);
    expect(await createOrganization(a.userId, "Whatever", b.slug)).toBeNull();
  });
});
