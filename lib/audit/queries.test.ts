import { randomBytes } from "node:crypto";
import type postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withTenant } from "@/db/tenant";
import { insertUser, testConnections } from "@/db/test-database";
import { parseAuditFilters, type AuditFilters } from "./audit-filters";
import { AUDIT_PAGE_SIZE, listAuditActors, listAuditEntries, pageQuery } from "./queries";

/** Integration: the audit log as the page reads it, as the runtime role, under RLS. */
const db = testConnections();

interface Org {
  id: string;
  owner: string;
}

const NONE: AuditFilters = {
  actor: null,
  action: null,
  from: null,
  to: null,
  before: null,
  after: null,
};

function inOrg<T>(org: Org, fn: (tx: postgres.TransactionSql) => Promise<T>) {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${org.owner}, true)`;
    return fn(tx);
  }) as Promise<T>;
}

/** An org with an owner and an empty audit log (createOrganization would log org.created). */
async function newOrg(): Promise<Org> {
  const owner = (await insertUser(db.app)).id;
  const org = { id: crypto.randomUUID(), owner };
  const slug = `audit-${randomBytes(4).toString("hex")}`;
  await inOrg(org, async (tx) => {
    await tx`insert into organizations (id, name, slug) values (${org.id}, ${slug}, ${slug})`;
    await tx`
      insert into memberships (org_id, user_id, role_id)
      select ${org.id}, ${owner}, id from org_roles where org_id = ${org.id} and built_in = 'owner'`;
  });
  return org;
}

async function addMember(org: Org): Promise<string> {
  const user = (await insertUser(db.app)).id;
  await inOrg(
    org,
    (tx) => tx`
      insert into memberships (org_id, user_id, role_id)
      select ${org.id}, ${user}, id from org_roles where org_id = ${org.id} and built_in = 'member'`,
  );
  return user;
}

/** Inserts entries as the runtime role: `n` in metadata, times given as SQL timestamptz text. */
async function seed(
  org: Org,
  rows: { n: number; at: string; action?: string; actor?: string | null }[],
) {
  await inOrg(org, async (tx) => {
    for (const r of rows) {
      await tx`
        insert into audit_log (org_id, actor_id, action, metadata, created_at)
        values (${org.id}, ${r.actor === undefined ? org.owner : r.actor}, ${r.action ?? "project.created"},
                ${tx.json({ n: r.n })}, ${r.at}::text::timestamptz)`;
    }
  });
}

const ctxOf = (org: Org) => ({ orgId: org.id, userId: org.owner });
const numbers = (entries: { metadata: Record<string, unknown> }[]) =>
  entries.map((e) => e.metadata.n);

describe("paging", () => {
  let org: Org;
  const TOTAL = 123;
  beforeAll(async () => {
    org = await newOrg();
    // Groups of three entries share one timestamp, so the id must break the ties; times keep
    // microseconds that a JS Date would round away.
    await seed(
      org,
      Array.from({ length: TOTAL }, (_, i) => ({
        n: i,
        at: `2026-03-01T00:${String(Math.floor(i / 3)).padStart(2, "0")}:00.000001Z`,
      })),
    );
  });

  it("walks older pages of 50 without skipping or repeating, then back to the newest", async () => {
    const seen: unknown[] = [];
    let filters = NONE;
    const pages: number[] = [];
    for (;;) {
      const page = await listAuditEntries(ctxOf(org), filters);
      pages.push(page.entries.length);
      seen.push(...numbers(page.entries));
      const times = page.entries.map((e) => e.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      if (!page.older) break;
      filters = { ...NONE, before: page.older };
    }
    expect(pages).toEqual([AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE, TOTAL - 2 * AUDIT_PAGE_SIZE]);
    expect(new Set(seen).size).toBe(TOTAL);

    // And back with "Newer" from the last page: the same pages in reverse.
    const back: unknown[][] = [];
    let page = await listAuditEntries(ctxOf(org), filters);
    back.unshift(numbers(page.entries));
    while (page.newer) {
      page = await listAuditEntries(ctxOf(org), { ...NONE, after: page.newer });
      back.unshift(numbers(page.entries));
    }
    expect(back.flat()).toEqual(seen);
    expect(page.newer).toBeNull();
  });

  it.each([
    ["the first page", {}],
    ["an older page", { before: { time: "2026-03-01T00:20:00.000001Z", id: crypto.randomUUID() } }],
    ["a newer page", { after: { time: "2026-03-01T00:20:00.000001Z", id: crypto.randomUUID() } }],
  ])("reads %s straight from the index, without sorting the org's log", async (_, cursor) => {
    const plan = await withTenant(ctxOf(org), async (tx) => {
      // Test tables are small, so the planner may scan and sort because it is cheap there.
      // Discouraging that leaves a Sort in the plan only if the index cannot give the order.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      const rows = await tx.execute(sql`explain ${pageQuery(tx, { ...NONE, ...cursor })}`);
      return rows.map((r) => String(r["QUERY PLAN"])).join("\n");
    });
    expect(plan).toContain("Index Scan");
    expect(plan).toContain("audit_log_org_id_created_at_idx");
    expect(plan).not.toContain("Sort");
  });

  it("the first page links only to older entries", async () => {
    const first = await listAuditEntries(ctxOf(org), NONE);
    expect(first.newer).toBeNull();
    expect(first.older).not.toBeNull();
  });
});

describe("filters", () => {
  let org: Org;
  let member: string;
  beforeAll(async () => {
    org = await newOrg();
    member = await addMember(org);
    await seed(org, [
      { n: 1, at: "2026-01-10T23:59:59.999999Z" },
      { n: 2, at: "2026-01-11T00:00:00Z", action: "org.updated" },
      { n: 3, at: "2026-01-11T12:00:00Z", actor: member },
      { n: 4, at: "2026-01-12T23:59:59.999999Z", action: "org.updated", actor: member },
      { n: 5, at: "2026-01-13T00:00:00Z" },
    ]);
  });

  const list = async (params: Record<string, string>) => {
    const parsed = parseAuditFilters(params, [org.owner, member]);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return numbers((await listAuditEntries(ctxOf(org), parsed.filters)).entries);
  };

  it("by action", async () => {
    expect(await list({ action: "org.updated" })).toEqual([4, 2]);
  });

  it("by actor", async () => {
    expect(await list({ actor: member })).toEqual([4, 3]);
  });

  it("by date, whole UTC days with both ends included", async () => {
    expect(await list({ from: "2026-01-11", to: "2026-01-12" })).toEqual([4, 3, 2]);
    expect(await list({ from: "2026-01-11", to: "2026-01-11" })).toEqual([3, 2]);
    expect(await list({ from: "2026-01-13" })).toEqual([5]);
    expect(await list({ to: "2026-01-10" })).toEqual([1]);
  });

  it("combined", async () => {
    expect(await list({ actor: member, action: "org.updated", from: "2026-01-12" })).toEqual([4]);
    expect(await list({ actor: org.owner, action: "org.updated", to: "2026-01-10" })).toEqual([]);
  });

  it("offers the org's members as actors, by name or email", async () => {
    const actors = await listAuditActors(ctxOf(org));
    expect(actors.map((a) => a.id).sort()).toEqual([org.owner, member].sort());
    expect(actors.every((a) => a.label.endsWith("@example.test"))).toBe(true);
  });

  it("shows who acted: a member, a former member, a deleted user", async () => {
    const gone = await addMember(org);
    await seed(org, [
      { n: 10, at: "2027-01-01T00:00:00Z", actor: gone },
      { n: 11, at: "2027-01-01T00:00:01Z", actor: null },
    ]);
    await inOrg(org, (tx) => tx`delete from memberships where user_id = ${gone}`);
    const { entries } = await listAuditEntries(ctxOf(org), { ...NONE, from: "2027-01-01" });
    expect(entries.map((e) => e.actor)).toEqual([{ kind: "deleted" }, { kind: "former" }]);
    const [own] = (await listAuditEntries(ctxOf(org), { ...NONE, actor: member })).entries;
    expect(own!.actor).toMatchObject({ kind: "member", label: expect.stringContaining("@") });
  });
});

describe("isolation", () => {
  it("an org never sees another org's entries, not even through a cursor from it", async () => {
    const a = await newOrg();
    const b = await newOrg();
    await seed(a, [{ n: 1, at: "2026-05-01T00:00:00Z" }]);
    await seed(b, [
      { n: 2, at: "2026-05-02T00:00:00Z" },
      { n: 3, at: "2026-04-30T00:00:00Z" },
    ]);
    expect(numbers((await listAuditEntries(ctxOf(a), NONE)).entries)).toEqual([1]);
    const fromB = (await listAuditEntries(ctxOf(b), NONE)).entries[0]!.cursor;
    const viaCursor = await listAuditEntries(ctxOf(a), { ...NONE, before: fromB });
    expect(numbers(viaCursor.entries)).toEqual([1]);
    // A's context with B's owner as the acting user changes nothing either: RLS keys on the org.
    const crossed = await listAuditEntries({ orgId: a.id, userId: b.owner }, NONE);
    expect(numbers(crossed.entries)).toEqual([1]);
    expect(await listAuditActors({ orgId: a.id, userId: b.owner })).toEqual([
      expect.objectContaining({ id: a.owner }),
    ]);
  });
});
