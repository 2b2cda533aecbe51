/**
 * Integration: the API's rate limits (checklist K5, I7), with small limits set for this file.
 * Counters live in Postgres, so they hold across app instances; these tests use the real table.
 */
import { describe, expect, it } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { apiFixtures, call } from "@/lib/api/test-fixtures";
import { createSession } from "@/lib/auth/session";
import { SESSION_COOKIE, sealSessionToken } from "@/lib/auth/session-cookie";
import { hashToken } from "@/lib/auth/session-token";
import * as me from "./me/route";
import * as projects from "./projects/route";

// Read by lib/env.ts on first use, which comes after this.
process.env.API_RATE_LIMIT_PER_MINUTE = "3";
process.env.API_ORG_RATE_LIMIT_PER_MINUTE = "8";
process.env.API_IP_RATE_LIMIT_PER_MINUTE = "5";
process.env.TRUST_PROXY_HOPS = "1";

const db = testConnections();
const f = apiFixtures(db);
/** A `Cookie` header for a new session of the user, as the browser would send it. */
async function sessionCookie(userId: string): Promise<Record<string, string>> {
  const { token } = await createSession(userId, { ip: null, userAgent: "vitest" });
  return { cookie: `${SESSION_COOKIE}=${await sealSessionToken(token)}` };
}

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
    // Three orgs, so that no org budget (8) is reached either.
    const orgs = await Promise.all([1, 2, 3].map(() => f.newOrg()));
    const keys = await Promise.all(orgs.map((o) => f.createKey(o, o.owner, ["projects:read"])));
    // No X-Forwarded-For: the IP is unknown. Nine requests in all, over the IP limit of 5.
    for (const { key } of keys) {
      for (let i = 0; i < 3; i++)
        expect((await call(me.GET, "/api/v1/me", { key })).status).toBe(200);
    }
  });

  it("give a signed-in user one budget over all of their sessions, with no client IP known", async () => {
    const user = (await insertUser(db.app)).id;
    const [first, second] = [await sessionCookie(user), await sessionCookie(user)];
    const statuses = [];
    for (const headers of [first, second, first, second]) {
      statuses.push((await call(me.GET, "/api/v1/me", { headers })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call(me.GET, "/api/v1/me", { headers: first });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("ratelimit-policy")).toBe('"api-user";q=3;w=60');
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.json).toMatchObject({ type: expect.stringContaining("rate-limited") });
    // Another user is unaffected, and sees their own budget.
    const other = await call(me.GET, "/api/v1/me", {
      headers: await sessionCookie((await insertUser(db.app)).id),
    });
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit")).toMatch(/^"api-user";r=2;t=\d+$/);
  });

  it("give an organization one budget for all of its keys and its members' cookie calls", async () => {
    const [org, elsewhere] = [await f.newOrg(), await f.newOrg()];
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => f.createKey(org, org.owner, ["projects:read"])),
    );
    const owner = await sessionCookie(org.owner);
    const inOrg = { ...owner, "x-org": org.slug };
    const statuses = [];
    // 3 + 3 key calls and 2 cookie calls naming the org: its 8, each caller within its own 3.
    for (const key of [a, a, a, b, b, b]) {
      statuses.push((await call(me.GET, "/api/v1/me", { key: key!.key })).status);
    }
    for (let i = 0; i < 2; i++) {
      statuses.push((await call(projects.GET, "/api/v1/projects", { headers: inOrg })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
    // Answers show the caller's budget, then the org's.
    const served = await call(projects.GET, "/api/v1/projects", {
      headers: await sessionCookie(await f.addMember(elsewhere, "member")).then((h) => ({
        ...h,
        "x-org": elsewhere.slug,
      })),
    });
    expect(served.headers.get("ratelimit-policy")).toBe('"api-user";q=3;w=60, "api-org";q=8;w=60');
    expect(served.headers.get("ratelimit")).toMatch(/^"api-user";r=2;t=\d+, "api-org";r=7;t=\d+$/);
    // A fresh key of the same org is refused: the org's budget is spent, not the key's.
    const refused = await call(me.GET, "/api/v1/me", { key: c!.key });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("ratelimit-policy")).toBe('"api-org";q=8;w=60');
    expect(refused.json?.detail).toMatch(/for this organization/);
    // So is a member's cookie call naming it; one that names no org is not counted in it.
    const cookieRefused = await call(projects.GET, "/api/v1/projects", { headers: inOrg });
    expect(cookieRefused.status).toBe(429);
    expect(cookieRefused.headers.get("ratelimit-policy")).toBe('"api-org";q=8;w=60');
    const member = await sessionCookie(await f.addMember(org, "member"));
    const noOrg = await call(me.GET, "/api/v1/me", { headers: member });
    expect(noOrg.status).toBe(200);
    expect(noOrg.headers.get("ratelimit-policy")).toBe('"api-user";q=3;w=60');
    // Another org's key is unaffected.
    const theirs = await f.createKey(elsewhere, elsewhere.owner, ["projects:read"]);
    const theirAnswer = await call(me.GET, "/api/v1/me", { key: theirs.key });
    expect(theirAnswer.status).toBe(200);
    expect(theirAnswer.headers.get("ratelimit-policy")).toBe('"api";q=3;w=60, "api-org";q=8;w=60');
    expect(theirAnswer.headers.get("ratelimit")).toMatch(/^"api";r=2;t=\d+, "api-org";r=6;t=\d+$/);
  });

  it("count in the org only requests it serves: not a revoked, expired or orphaned key's, nor a key's over its own budget", async () => {
    const org = await f.newOrg();
    const leaver = await f.addMember(org, "admin");
    const [revoked, expired, orphaned, runaway, probe] = await Promise.all([
      f.createKey(org, org.owner, ["projects:read"]),
      f.createKey(org, org.owner, ["projects:read"]),
      f.createKey(org, leaver, ["projects:read"]),
      f.createKey(org, org.owner, ["projects:read"]),
      f.createKey(org, org.owner, ["projects:read"]),
    ]);
    await f.inOrg(org, org.owner, async (tx) => {
      await tx`update api_keys set revoked_at = now() where id = ${revoked.id}`;
      await tx`update api_keys set expires_at = now() - interval '1 minute' where id = ${expired.id}`;
    });
    await f.removeMember(org, leaver);
    for (const key of [revoked, expired, orphaned]) {
      for (let i = 0; i < 10; i++) {
        expect((await call(me.GET, "/api/v1/me", { key: key.key })).status).toBe(401);
      }
    }
    // 3 served, then 5 refused by the key's own budget: the org counts the 3.
    const runs = [];
    for (let i = 0; i < 8; i++)
      runs.push((await call(me.GET, "/api/v1/me", { key: runaway.key })).status);
    expect(runs).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    const answer = await call(me.GET, "/api/v1/me", { key: probe.key });
    expect(answer.status).toBe(200);
    // 3 of the runaway key's, and this one: 4 of 8.
    expect(answer.headers.get("ratelimit")).toMatch(/, "api-org";r=4;t=\d+$/);
  });

  it("refuse an ended session's cookie (401) and delete its row", async () => {
    const user = (await insertUser(db.app)).id;
    const { token } = await createSession(user, { ip: null, userAgent: "vitest" });
    await db.app.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${user}, true)`;
      await tx`update sessions set expires_at = now() - interval '1 second'
        where token_hash = ${hashToken(token)}`;
    });
    const headers = { cookie: `${SESSION_COOKIE}=${await sealSessionToken(token)}` };
    const answer = await call(me.GET, "/api/v1/me", { headers });
    expect(answer.status).toBe(401);
    const left = await db.app.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${user}, true)`;
      return tx`select 1 from sessions where token_hash = ${hashToken(token)}`;
    });
    expect(left).toHaveLength(0);
  });
});
