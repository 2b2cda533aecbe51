import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "@/lib/api-keys/api-key-token";
import { rateLimitKey } from "@/lib/rate-limit/rate-limit";
import { apiFixtures } from "@/lib/api/test-fixtures";
import { apiKeyLookupBatcher } from "./api-key-lookup";
import { startRoundTripProxy, type RoundTripProxy } from "./round-trip-proxy";
import { testConnections, testUrls } from "./test-database";

const db = testConnections();
const fx = apiFixtures(db);
let proxy: RoundTripProxy;
let pool: postgres.Sql;
let lookup: ReturnType<typeof apiKeyLookupBatcher>;
const bucket = (name: string) => `test:${name}:${randomBytes(6).toString("hex")}`;
const unknownHash = () => randomBytes(32);
const LIMITS = { keyLimit: 1000, ipLimit: 1000 };

beforeAll(async () => {
  proxy = await startRoundTripProxy(testUrls().appUrl);
  pool = postgres(proxy.url, { max: 10, onnotice: () => {} });
  lookup = apiKeyLookupBatcher(() => pool);
});

afterAll(async () => {
  await pool.end();
  await proxy.close();
});

describe("batched API key lookups (ADR 014)", () => {
  it("count every concurrent call once, each caller seeing its own count", async () => {
    const ip = bucket("ip");
    const calls = Array.from({ length: 25 }, () =>
      lookup(unknownHash(), {
        key: bucket("key"),
        ip,
        ...LIMITS,
        orgRule: bucket("org"),
        windowSeconds: 60,
      }),
    );
    const answers = await Promise.all(calls);
    expect(
      answers.every((a) => a.key === null && a.keyWindow === null && a.orgWindow === null),
    ).toBe(true);
    const hits = answers.map((a) => a.ipWindow?.hits).sort((x, y) => x! - y!);
    expect(hits).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it("answer each caller for its own key, among unknown ones, in one round trip", async () => {
    const orgs = await Promise.all([fx.newOrg(), fx.newOrg(), fx.newOrg()]);
    const keys = await Promise.all(orgs.map((o) => fx.createKey(o, o.owner, ["projects:read"])));
    const asks = [
      ...keys.map((k, i) => ({ hash: hashApiKey(k.key), want: { id: k.id, org: orgs[i]!.id } })),
      ...Array.from({ length: 5 }, () => ({ hash: unknownHash(), want: null })),
    ].sort(() => Math.random() - 0.5);
    const run = () =>
      Promise.all(
        asks.map((a) =>
          lookup(a.hash, {
            key: bucket("key"),
            ip: null,
            ...LIMITS,
            orgRule: bucket("org"),
            windowSeconds: 60,
          }),
        ),
      );
    await run(); // open and prepare connections first
    proxy.reset();
    const answers = await run();
    expect(proxy.roundTrips()).toBe(1);
    asks.forEach((a, i) => {
      const key = answers[i]!.key;
      expect(key && { id: key.id, org: key.orgId }).toEqual(a.want);
      expect(answers[i]!.keyWindow?.hits ?? null).toBe(a.want ? 1 : null);
    });
  });

  it("count the keys of one org in its one org bucket, the bucket the app's own key names", async () => {
    const [org, other] = await Promise.all([fx.newOrg(), fx.newOrg()]);
    const keys = await Promise.all(
      [org, org, org, other].map((o) => fx.createKey(o, o.owner, ["projects:read"])),
    );
    const orgRule = bucket("org");
    const answers = await Promise.all(
      [0, 1, 2, 0, 1, 3].map((i) =>
        lookup(hashApiKey(keys[i]!.key), {
          key: bucket("key"),
          ip: null,
          ...LIMITS,
          orgRule,
          windowSeconds: 60,
        }),
      ),
    );
    const orgHits = (i: number) => answers[i]!.orgWindow?.hits;
    expect([0, 1, 2, 3, 4].map(orgHits).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(orgHits(5)).toBe(1); // the other org's key: its own bucket
    // The bucket is the row the app's rateLimitKey names for that org (consume() with X-Org).
    const [row] = await db.owner<{ hits: number }[]>`
      select hits from rate_limits
      where key = ${rateLimitKey({ name: orgRule, limit: 1, windowSeconds: 60 }, org.id)}`;
    expect(row?.hits).toBe(5);
  });
});
