import { eq, sql as drizzleSql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrganization } from "@/lib/orgs/create-organization";
import { inContextTransaction } from "./context-transaction";
import { startRoundTripProxy, type RoundTripProxy } from "./round-trip-proxy";
import { projects } from "./schema";
import { withTenant } from "./tenant";
import { insertUser, testConnections, testUrls } from "./test-database";

const db = testConnections();
const tag = crypto.randomUUID().slice(0, 8);
let proxy: RoundTripProxy;
/** One connection, through the counting proxy: every statement below shares it. */
let single: postgres.Sql;
let ctx: { orgId: string; userId: string };

const byName = (name: string) =>
  inContextTransaction(single, ctx, (tx) =>
    tx.select({ name: projects.name }).from(projects).where(eq(projects.name, name)),
  );

/** Runs once to prepare its statements on the connection (steady state), then counts a run. */
async function roundTrips<T>(run: () => Promise<T>): Promise<{ trips: number; result: T }> {
  await run();
  proxy.reset();
  const result = await run();
  return { trips: proxy.roundTrips(), result };
}

beforeAll(async () => {
  proxy = await startRoundTripProxy(testUrls().appUrl);
  single = postgres(proxy.url, { max: 1, onnotice: () => {} });
  const user = await insertUser(db.app);
  const org = (await createOrganization(user.id, `Round trips ${tag}`))!;
  ctx = { orgId: org.id, userId: user.id };
  await withTenant(ctx, (tx) =>
    tx.insert(projects).values([
      { orgId: org.id, name: "Alpha", createdBy: user.id },
      { orgId: org.id, name: "Beta", createdBy: user.id },
    ]),
  );
});

afterAll(async () => {
  await single.end();
  await proxy.close();
});

describe("round trips of a context transaction, counted on the wire", () => {
  it("the naive sequence (BEGIN, set_config, query, COMMIT, each awaited) takes at least 4", async () => {
    const naive = drizzle(single, { casing: "snake_case" });
    const run = () =>
      naive.transaction(async (tx) => {
        await tx.execute(
          drizzleSql`select set_config('app.org_id', ${ctx.orgId}, true), set_config('app.user_id', ${ctx.userId}, true)`,
        );
        return tx.select({ name: projects.name }).from(projects).where(eq(projects.name, "Alpha"));
      });
    const { trips, result } = await roundTrips(run);
    expect(result).toEqual([{ name: "Alpha" }]);
    expect(trips).toBeGreaterThanOrEqual(4);
  });

  it("a returned, unsent query takes 1: BEGIN, context, query and COMMIT in one flight", async () => {
    const { trips, result } = await roundTrips(() => byName("Beta"));
    expect(result).toEqual([{ name: "Beta" }]);
    expect(trips).toBe(1);
  });

  it("an awaited query takes 2: BEGIN + context + query, then COMMIT", async () => {
    const { trips, result } = await roundTrips(() =>
      inContextTransaction(single, ctx, async (tx) => {
        const rows = await tx
          .select({ name: projects.name })
          .from(projects)
          .where(eq(projects.name, "Beta"));
        return rows;
      }),
    );
    expect(result).toEqual([{ name: "Beta" }]);
    expect(trips).toBe(2);
  });

  it("queries returned together as an array: count, page and COMMIT in 1, results in order", async () => {
    const { trips, result } = await roundTrips(() =>
      inContextTransaction(single, ctx, (tx) => [
        tx.select({ id: projects.id }).from(projects).limit(1),
        tx.select({ name: projects.name }).from(projects).where(eq(projects.name, "Alpha")),
        tx.select({ name: projects.name }).from(projects).where(eq(projects.name, "Alpha")),
      ]),
    );
    expect(result[0]).toHaveLength(1);
    expect(result[1]).toEqual([{ name: "Alpha" }]);
    expect(result[2]).toEqual([{ name: "Alpha" }]);
    expect(trips).toBe(1);
  });

  it("rolls back every query of a returned array when one fails", async () => {
    const name = `Batch ${tag}`;
    const attempt = inContextTransaction(single, ctx, (tx) => [
      tx.insert(projects).values({ orgId: ctx.orgId, name }),
      tx.insert(projects).values({ orgId: crypto.randomUUID(), name: `${name} elsewhere` }),
    ]);
    await expect(attempt).rejects.toThrow();
    expect(await byName(name)).toEqual([]);
    expect(await byName("Alpha")).toEqual([{ name: "Alpha" }]);
  });

  it("queries sent together share a flight: count and page, then COMMIT, take 2", async () => {
    const { trips, result } = await roundTrips(() =>
      inContextTransaction(single, ctx, (tx) =>
        Promise.all([
          tx.select({ id: projects.id }).from(projects).limit(1),
          tx.select({ name: projects.name }).from(projects).where(eq(projects.name, "Alpha")),
        ]),
      ),
    );
    expect(result[1]).toEqual([{ name: "Alpha" }]);
    expect(trips).toBe(2);
  });

  it("each query that waits for the previous one's answer adds one", async () => {
    const { trips, result } = await roundTrips(() =>
      inContextTransaction(single, ctx, async (tx) => {
        const [first] = await tx.select({ id: projects.id }).from(projects).limit(1);
        return tx.select({ id: projects.id }).from(projects).where(eq(projects.id, first!.id));
      }),
    );
    expect(result).toHaveLength(1);
    expect(trips).toBe(3);
  });
});

describe("a context transaction is isolated and always ends", () => {
  const settingsOutside = async () => {
    const [row] = await single`
      select current_setting('app.org_id', true) as org, current_setting('app.user_id', true) as usr,
             (select count(*)::int from projects) as visible,
             pg_current_xact_id_if_assigned() is null as fresh`;
    return row;
  };

  it("the pipelined first query already sees the org in context", async () => {
    const rows = await inContextTransaction(single, ctx, (tx) =>
      tx.select({ name: projects.name }).from(projects).orderBy(projects.name),
    );
    expect(rows).toEqual([{ name: "Alpha" }, { name: "Beta" }]);
  });

  it("leaves no context on the connection after a commit", async () => {
    await byName("Alpha");
    expect(await settingsOutside()).toEqual({ org: "", usr: "", visible: 0, fresh: true });
  });

  it("rolls back when fn throws, and the connection carries nothing over", async () => {
    const attempt = inContextTransaction(single, ctx, async (tx) => {
      await tx.insert(projects).values({ orgId: ctx.orgId, name: `Rolled back ${tag}` });
      throw new Error("boom");
    });
    await expect(attempt).rejects.toThrow("boom");
    expect(await settingsOutside()).toEqual({ org: "", usr: "", visible: 0, fresh: true });
    expect(await byName(`Rolled back ${tag}`)).toEqual([]);
  });

  it("fails and rolls back when the context is not a valid org id", async () => {
    const attempt = inContextTransaction(single, { ...ctx, orgId: "not-a-uuid" }, (tx) =>
      tx.select().from(projects),
    );
    await expect(attempt).rejects.toMatchObject({ cause: { code: "22P02" } });
    expect(await settingsOutside()).toEqual({ org: "", usr: "", visible: 0, fresh: true });
  });

  it("rolls back a nested transaction to its savepoint and keeps the outer one", async () => {
    const names = await inContextTransaction(single, ctx, async (tx) => {
      await tx.insert(projects).values({ orgId: ctx.orgId, name: `Outer ${tag}` });
      await tx
        .transaction(async (sp) => {
          await sp.insert(projects).values({ orgId: ctx.orgId, name: `Inner ${tag}` });
          throw new Error("inner");
        })
        .catch(() => undefined);
      return tx.select({ name: projects.name }).from(projects);
    });
    expect(names.map((r) => r.name)).toContain(`Outer ${tag}`);
    expect(names.map((r) => r.name)).not.toContain(`Inner ${tag}`);
  });

  it("commits a returned write in its flight, and rolls everything back if it fails", async () => {
    const name = `Returned ${tag}`;
    await inContextTransaction(single, ctx, (tx) =>
      tx.insert(projects).values({ orgId: ctx.orgId, name }),
    );
    expect(await byName(name)).toEqual([{ name }]);

    const attempt = inContextTransaction(single, ctx, async (tx) => {
      await tx.insert(projects).values({ orgId: ctx.orgId, name: `Before ${tag}` });
      return tx.insert(projects).values({ orgId: ctx.orgId, name }); // unique (org_id, name)
    });
    await expect(attempt).rejects.toMatchObject({ cause: { code: "23505" } });
    expect(await byName(`Before ${tag}`)).toEqual([]);
    const returnedFailing = inContextTransaction(single, ctx, (tx) =>
      tx.insert(projects).values({ orgId: ctx.orgId, name }),
    );
    await expect(returnedFailing).rejects.toMatchObject({ cause: { code: "23505" } });
    expect(await settingsOutside()).toEqual({ org: "", usr: "", visible: 0, fresh: true });
  });

  it("puts COMMIT behind the returned query, not behind one started earlier without await", async () => {
    const name = `Unawaited ${tag}`;
    let inserted: Promise<unknown> = Promise.resolve();
    const rows = await inContextTransaction(single, ctx, (tx) => {
      // Reaches the connection a microtask later: before the returned query does.
      inserted = Promise.resolve().then(() =>
        tx.insert(projects).values({ orgId: ctx.orgId, name }).execute(),
      );
      return tx.select({ name: projects.name }).from(projects).where(eq(projects.name, name));
    });
    await inserted;
    expect(rows).toEqual([{ name }]);
    expect(await settingsOutside()).toEqual({ org: "", usr: "", visible: 0, fresh: true });
  });

  it("refuses a query on tx after the call has returned", async () => {
    let leaked: Parameters<Parameters<typeof inContextTransaction>[2]>[0] | null = null;
    await inContextTransaction(single, ctx, async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.select().from(projects)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/transaction has ended/) },
    });
  });
});
