import { describe, expect, it } from "vitest";
import { testConnections } from "@/db/test-database";
import {
  check,
  consume,
  rateLimitHeaders,
  rateLimitKey,
  refund,
  reset,
  type RateLimitRule,
} from "./rate-limit";

/** The shared Postgres-backed limiter, as the runtime role. */
const db = testConnections();

const rule = (limit: number, windowSeconds = 60): RateLimitRule => ({
  name: `test-${crypto.randomUUID()}`,
  limit,
  windowSeconds,
});

describe("rate limits in Postgres (A9, K5)", () => {
  it("allows up to the limit, then refuses with a retry time inside the window", async () => {
    const r = rule(3);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consume(r, "203.0.113.7"));
    expect(results.map((x) => x.allowed)).toEqual([true, true, true, false]);
    expect(results.map((x) => x.remaining)).toEqual([2, 1, 0, 0]);
    const refused = results[3]!;
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(rateLimitHeaders(r, refused)).toMatchObject({
      "Retry-After": String(refused.retryAfterSeconds),
    });
  });

  it("counts every one of many concurrent hits, across separate connections", async () => {
    const r = rule(1000);
    await Promise.all(Array.from({ length: 40 }, () => consume(r, "subject")));
    const next = await consume(r, "subject");
    expect(next.remaining).toBe(1000 - 41);
  });

  it("keeps subjects and rules apart", async () => {
    const a = rule(1);
    const b = rule(1);
    expect((await consume(a, "x")).allowed).toBe(true);
    expect((await consume(a, "x")).allowed).toBe(false);
    expect((await consume(a, "y")).allowed).toBe(true);
    expect((await consume(b, "x")).allowed).toBe(true);
  });

  it("peeks without counting, and reset forgets the subject under every rule given", async () => {
    const r = rule(2);
    const other = rule(1);
    const untouched = rule(1);
    expect((await check(r, "s")).allowed).toBe(true);
    await consume(r, "s");
    await consume(r, "s");
    await consume(other, "s");
    await consume(untouched, "s");
    await consume(r, "t");
    expect((await check(r, "s")).allowed).toBe(false);
    expect((await check(r, "s")).allowed).toBe(false);
    await reset([r, other], "s");
    expect((await check(r, "s")).remaining).toBe(1);
    expect((await check(other, "s")).allowed).toBe(true);
    // Only that subject, only those rules.
    expect((await check(untouched, "s")).allowed).toBe(false);
    expect((await check(r, "t")).remaining).toBe(0);
  });

  it("refund gives hits back, never below zero, and only in a live window", async () => {
    const r = rule(2);
    await consume(r, "s");
    await consume(r, "s");
    await refund(r, "s");
    expect((await consume(r, "s")).remaining).toBe(0);
    await refund(r, "s", 5);
    expect((await check(r, "s")).remaining).toBe(1);
    await refund(r, "never-counted");
    expect((await check(r, "never-counted")).remaining).toBe(1);
    await expect(refund(r, "s", 0)).rejects.toThrow();
  });

  it("starts a new window once the old one has passed", async () => {
    const r = rule(1, 1);
    await consume(r, "s");
    expect((await consume(r, "s")).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await consume(r, "s")).allowed).toBe(true);
  });

  it("stores no subject in clear, and the runtime role cannot touch the table directly", async () => {
    const r = rule(5);
    await consume(r, "victim@example.test");
    const rows = await db.owner`select key from rate_limits where key like ${r.name + ":%"}`;
    expect(rows).toEqual([{ key: rateLimitKey(r, "victim@example.test") }]);
    expect(rows[0]!.key).not.toContain("victim");
    await expect(db.app`select * from rate_limits`).rejects.toMatchObject({ code: "42501" });
    await expect(db.app`delete from rate_limits`).rejects.toMatchObject({ code: "42501" });
  });
});
