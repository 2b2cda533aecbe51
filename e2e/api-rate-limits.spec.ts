/**
 * The API's rate limits over HTTP (checklist K5, docs/api.md), on a second app instance of the
 * same build and database (B) with small budgets: 3 requests a minute per key or signed-in
 * user, 5 per organization. The counters are shared through Postgres, so requests served by the
 * main instance (A, default budgets) count on B too.
 */
import { bearer, createApiKey } from "./api-fixtures";
import { startAppInstance, type AppInstance } from "./app-instance";
import { createOrg, createSession, createUser, expect, SESSION_COOKIE, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

let b: AppInstance;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  b = await startAppInstance({
    API_RATE_LIMIT_PER_MINUTE: "3",
    API_ORG_RATE_LIMIT_PER_MINUTE: "5",
  });
});
test.afterAll(async () => {
  await b?.stop();
});

test("a key, its organization and a signed-in user each get a budget, shared by every instance (K5)", async ({
  request,
  baseURL,
}) => {
  const owner = await createUser();
  const org = await createOrg(owner.id, "Budgeted");
  const otherOwner = await createUser();
  const elsewhere = await createOrg(otherOwner.id, "Elsewhere");
  const [first, second] = [
    await createApiKey(org, owner.id, ["projects:read"]),
    await createApiKey(org, owner.id, ["projects:read"]),
  ];
  const me = (base: string, headers: Record<string, string>) =>
    request.get(`${base}/api/v1/me`, { headers });

  // The key's own budget: 3 on B, then 429 naming it.
  for (let i = 0; i < 3; i++) expect((await me(b.url, bearer(first.key))).status()).toBe(200);
  const overKey = await me(b.url, bearer(first.key));
  expect(overKey.status()).toBe(429);
  expect(overKey.headers()["content-type"]).toBe("application/problem+json");
  expect(overKey.headers()["ratelimit-policy"]).toBe('"api";q=3;w=60');
  expect(Number(overKey.headers()["retry-after"])).toBeGreaterThan(0);

  // The org's: the 3 requests served above (the refused one is not counted in the org), one of
  // the second key on A and one on B make 5; B refuses the next of that key, whose own count is
  // 3 of 3, because the org's budget is spent.
  expect((await me(baseURL!, bearer(second.key))).status()).toBe(200);
  expect((await me(b.url, bearer(second.key))).status()).toBe(200);
  const overOrg = await me(b.url, bearer(second.key));
  expect(overOrg.status()).toBe(429);
  expect(overOrg.headers()["ratelimit-policy"]).toBe('"api-org";q=5;w=60');
  expect((await overOrg.json()).detail).toMatch(/for this organization/);

  // Another org's key is unaffected.
  const theirs = await createApiKey(elsewhere, otherOwner.id, ["projects:read"]);
  expect((await me(b.url, bearer(theirs.key))).status()).toBe(200);

  // A signed-in user: one budget over all of their sessions, with no client IP known to B.
  const user = await createUser();
  const cookies = [await createSession(user.id), await createSession(user.id)].map((s) => ({
    Cookie: `${SESSION_COOKIE}=${s.cookie}`,
  }));
  const statuses = [];
  for (const headers of [cookies[0]!, cookies[1]!, cookies[0]!, cookies[1]!]) {
    statuses.push((await me(b.url, headers)).status());
  }
  expect(statuses).toEqual([200, 200, 200, 429]);
  const overUser = await me(b.url, cookies[0]!);
  expect(overUser.headers()["ratelimit-policy"]).toBe('"api-user";q=3;w=60');
});

test("two instances that reserve a user's budget a few requests at a time serve no more than it together (ADR 018)", async ({
  request,
}) => {
  test.setTimeout(120_000);
  // 100 a minute: each instance reserves 2 at a time.
  const budget = { API_RATE_LIMIT_PER_MINUTE: "100" };
  const [c, d] = await Promise.all([startAppInstance(budget), startAppInstance(budget)]);
  try {
    const user = await createUser();
    const cookies = [await createSession(user.id), await createSession(user.id)].map((s) => ({
      Cookie: `${SESSION_COOKIE}=${s.cookie}`,
    }));
    const answers = [];
    // 130 requests, ten at a time, spread over both instances and both sessions.
    for (let round = 0; round < 13; round++) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            request.get(`${[c, d][i % 2]!.url}/api/v1/me`, { headers: cookies[(i >> 1) % 2]! }),
          ),
        )),
      );
    }
    const served = answers.filter((a) => a.status() === 200);
    const refused = answers.filter((a) => a.status() === 429);
    expect(served.length + refused.length).toBe(130);
    // Never more than the budget; at most one reserved and unused request left on each.
    expect(served.length).toBeLessThanOrEqual(100);
    expect(served.length).toBeGreaterThanOrEqual(98);
    for (const answer of refused) {
      expect(answer.headers()["ratelimit-policy"]).toBe('"api-user";q=100;w=60');
      expect(Number(answer.headers()["retry-after"])).toBeGreaterThan(0);
    }
  } finally {
    await Promise.all([c.stop(), d.stop()]);
  }
});
