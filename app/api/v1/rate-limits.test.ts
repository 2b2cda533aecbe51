/**
 * Integration: the API's rate limits (checklist K5, I7), with small limits set for this file.
 * Counters live in Postgres, so they hold across app instances; these tests use the real table.
 */
import { describe, expect, it } from "vitest";
import { testConnections } from "@/db/test-database";
import { apiFixtures, call } from "@/lib/api/test-fixtures";
import * as me from "./me/route";

// Read by lib/env.ts on first use, which comes after this.
process.env.API_RATE_LIMIT_PER_MINUTE = "3";
process.env.API_IP_RATE_LIMIT_PER_MINUTE = "5";
process.env.TRUST_PROXY_HOPS = "1";

const db = testConnections();
const f = apiFixtures(db);
const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250)).join(".")}`;

describe("rate limits", () => {
  it("give each key its own budget, then 429 with Retry-After and RateLimit headers", async () => {
    const org = await f.newOrg();
    const mine = await f.createKey(org, org.owner, ["projects:read"]);
    const other = await f.createKey(org, org.owner, ["projects:read"]);
    const ip = () => ({ "x-forwarded-for": randomIp() });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await call(me.GET, "/api/v1/me", { key: mine.key, headers: ip() })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call(me.GET, "/api/v1/me", { key: mine.key, headers: ip() });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit")).toMatch(/^"api";r=0;t=\d+$/);
    expect(refused.headers.get("ratelimit-policy")).toBe('"api";q=3;w=60');
    // Another key, even of the same org and creator, is unaffected.
    expect((await call(me.GET, "/api/v1/me", { key: other.key, headers: ip() })).status).toBe(200);
  });

  it("count every request from one client IP, whoever it claims to be", async () => {
    const ip = randomIp();
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      // Spoofed entries in front of the trusted hop's change nothing (I7).
      const headers = { "x-forwarded-for": `${randomIp()}, ${ip}` };
      statuses.push(
        (await call(me.GET, "/api/v1/me", { key: `sk_live_${"x".repeat(40)}`, headers })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("put callers with an unknown IP in no shared bucket", async () => {
    const org = await f.newOrg();
    const keys = await Promise.all(
      [1, 2, 3].map(() => f.createKey(org, org.owner, ["projects:read"])),
    );
    // No X-Forwarded-For: the IP is unknown. Nine requests in all, over the IP limit of 5.
    for (const { key } of keys) {
      for (let i = 0; i < 3; i++)
        expect((await call(me.GET, "/api/v1/me", { key })).status).toBe(200);
    }
  });
});
