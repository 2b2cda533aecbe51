/**
 * Integration: API budgets reserved a few requests at a time (ADR 018), against the real
 * counter table: a user's, reserved in the session lookup, and an org's, reserved on its own.
 * Two `budgetLeases()` are two app instances sharing the table.
 */
import { describe, expect, it } from "vitest";
import { findApiSessionByTokenHash } from "@/db/lookups";
import { hitWindow, peekWindow } from "@/db/rate-limits";
import { insertUser, testConnections } from "@/db/test-database";
import { createSession } from "@/lib/auth/session";
import { generateSessionToken, hashToken } from "@/lib/auth/session-token";
import { rateLimitKey, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { budgetLeases, leaseSize, uncounted, type BudgetLeases } from "./budget-leases";

const db = testConnections();

async function newSession(userId?: string) {
  const id = userId ?? (await insertUser(db.app)).id;
  const { token } = await createSession(id, { ip: null, userAgent: "vitest" });
  return { userId: id, hash: hashToken(token) };
}

const newRule = (limit: number, windowSeconds = 60): RateLimitRule => ({
  name: `test-lease-${generateSessionToken().slice(0, 8)}`,
  limit,
  windowSeconds,
});

/** One cookie call as lib/api/authenticate-request.ts makes it; reports what it counted. */
async function callWith(budgets: BudgetLeases, session: { hash: Buffer }, rule: RateLimitRule) {
  const hashKey = session.hash.toString("hex");
  const counted = { cost: budgets.costFor(hashKey, rule), sentAt: Date.now() };
  const found = await findApiSessionByTokenHash(session.hash, {
    rule: rule.name,
    windowSeconds: rule.windowSeconds,
    cost: counted.cost,
  });
  const result = await budgets.admit(
    found.session!.userId,
    rule,
    { ...counted, window: found.userWindow },
    hashKey,
  );
  return { ...result, cost: counted.cost };
}

const sharedHits = async (rule: RateLimitRule, userId: string) =>
  (await peekWindow(rateLimitKey(rule, userId))).hits;

describe("API budgets reserved a few requests at a time", () => {
  it("reserves a fiftieth of the budget, from 1 to 20 requests", () => {
    expect([3, 49, 50, 600, 999, 1000, 1_000_000_000].map(leaseSize)).toEqual([
      1, 1, 1, 12, 19, 20, 20,
    ]);
  });

  it("serves exactly the limit from one instance, writing the counter once per reservation", async () => {
    const session = await newSession();
    const rule = newRule(251); // leases of 5
    const budgets = budgetLeases();
    const answers = [];
    for (let i = 0; i < 260; i++) answers.push(await callWith(budgets, session, rule));
    expect(answers.filter((a) => a.allowed)).toHaveLength(251);
    expect(answers.slice(251).every((a) => !a.allowed && a.retryAfterSeconds > 0)).toBe(true);
    // Each answer shows what is left, one less each time, as if counted one by one.
    expect(answers.slice(0, 251).map((a) => a.remaining)).toEqual(
      Array.from({ length: 251 }, (_, i) => 250 - i),
    );
    // 51 lookups counted 5 each; the other 209 (the refusals too) counted nothing. The last
    // reservation was granted the 1 the budget had left.
    expect(answers.filter((a) => a.cost > 0).map((a) => a.cost)).toEqual(Array(51).fill(5));
    expect(await sharedHits(rule, session.userId)).toBe(255);
  });

  it("never lets instances together serve more than the limit, and strands little", async () => {
    const user = (await insertUser(db.app)).id;
    const sessions = [await newSession(user), await newSession(user)];
    const rule = newRule(100); // leases of 2
    const instances = [budgetLeases(), budgetLeases()];
    let allowed = 0;
    for (let round = 0; round < 15; round++) {
      // Ten at once, spread over both instances and both sessions.
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          callWith(instances[i % 2]!, sessions[(i >> 1) % 2]!, rule),
        ),
      );
      allowed += answers.filter((a) => a.allowed).length;
    }
    expect(allowed).toBeLessThanOrEqual(100);
    // What the two instances may hold reserved and unused: less than a lease each.
    expect(allowed).toBeGreaterThanOrEqual(100 - 2 * (leaseSize(100) - 1));
    expect(await sharedHits(rule, user)).toBeGreaterThanOrEqual(allowed);
  });

  it("reserves again on its own when concurrent requests took the last reserved one", async () => {
    const session = await newSession();
    const rule = newRule(100); // leases of 2
    const budgets = budgetLeases();
    expect((await callWith(budgets, session, rule)).cost).toBe(2); // one left
    const raced = await Promise.all([1, 2, 3].map(() => callWith(budgets, session, rule)));
    // All three looked up without counting; one took the last, and the other two shared one
    // reservation of their own.
    expect(raced.map((a) => [a.allowed, a.cost])).toEqual([
      [true, 0],
      [true, 0],
      [true, 0],
    ]);
    expect(await sharedHits(rule, session.userId)).toBe(4);
    expect((await callWith(budgets, session, rule)).remaining).toBe(100 - 6 + 1);
  });

  it("lets a reservation end with its window", async () => {
    const session = await newSession();
    const rule = newRule(100, 1); // leases of 2, one-second windows
    const budgets = budgetLeases();
    expect(await callWith(budgets, session, rule)).toMatchObject({ allowed: true, cost: 2 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    // The unused one of the ended window is not served: the new window is counted afresh.
    expect(await callWith(budgets, session, rule)).toMatchObject({
      allowed: true,
      cost: 2,
      remaining: 99,
    });
    expect(await sharedHits(rule, session.userId)).toBe(2);
  });

  it("refuses until the window ends once the budget is spent, and then serves again", async () => {
    const session = await newSession();
    const rule = newRule(3, 1);
    const budgets = budgetLeases();
    const first = [];
    for (let i = 0; i < 5; i++) first.push((await callWith(budgets, session, rule)).allowed);
    expect(first).toEqual([true, true, true, false, false]);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await callWith(budgets, session, rule)).allowed).toBe(true);
  });

  it("reserves an org's budget in a round trip of its own, only when its lease ran dry", async () => {
    const orgId = crypto.randomUUID();
    const rule = newRule(100); // leases of 2
    const budgets = budgetLeases();
    for (let i = 0; i < 9; i++) {
      expect((await budgets.admit(orgId, rule, uncounted())).allowed).toBe(true);
    }
    // 9 served from 5 reservations of 2; the 10th takes the one left, counting nothing.
    expect(await sharedHits(rule, orgId)).toBe(10);
    expect(await budgets.admit(orgId, rule, uncounted())).toMatchObject({ remaining: 90 });
    expect(await sharedHits(rule, orgId)).toBe(10);
  });

  it("shares a budget with requests counted one by one (an org's API keys), never serving more than it", async () => {
    const orgId = crypto.randomUUID();
    const rule = newRule(100);
    const budgets = budgetLeases();
    let served = 0;
    for (let i = 0; i < 80; i++) {
      if ((await budgets.admit(orgId, rule, uncounted())).allowed) served += 1;
      // A key's request: counted alone by its lookup, served while within the limit.
      if ((await hitWindow(rateLimitKey(rule, orgId), rule.windowSeconds, 1)).hits <= rule.limit) {
        served += 1;
      }
    }
    expect(served).toBeLessThanOrEqual(100);
    expect(served).toBeGreaterThanOrEqual(100 - (leaseSize(100) - 1));
  });

  it("makes one reservation for concurrent requests that find the lease dry", async () => {
    const orgId = crypto.randomUUID();
    const rule = newRule(1000); // leases of 20
    const budgets = budgetLeases();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => budgets.admit(orgId, rule, uncounted())),
    );
    expect(answers.every((a) => a.allowed)).toBe(true);
    // 20 served from the first reservation, the other 10 from one more: not 30 of them.
    expect(await sharedHits(rule, orgId)).toBe(40);
  });

  it("leaves a user's reservation to the lookup already making it", async () => {
    const user = (await insertUser(db.app)).id;
    const sessions = [await newSession(user), await newSession(user)];
    const rule = newRule(1000); // leases of 20
    const budgets = budgetLeases();
    // Each session's first call reserves (its user is not known yet); spend both reservations.
    for (let i = 0; i < 40; i++) await callWith(budgets, sessions[i % 2]!, rule);
    expect(await sharedHits(rule, user)).toBe(40);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => callWith(budgets, sessions[i % 2]!, rule)),
    );
    expect(answers.every((a) => a.allowed)).toBe(true);
    // One lookup reserved; the other nine counted nothing and were served from it.
    expect(answers.map((a) => a.cost).sort((x, y) => y - x)).toEqual([20, ...Array(9).fill(0)]);
    expect(await sharedHits(rule, user)).toBe(60);
  });
});
