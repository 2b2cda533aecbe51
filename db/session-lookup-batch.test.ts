import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/session";
import { generateSessionToken, hashToken } from "@/lib/auth/session-token";
import { startRoundTripProxy, type RoundTripProxy } from "./round-trip-proxy";
import { MAX_BATCH } from "./batched-calls";
import { apiSessionLookupBatcher, sessionLookupBatcher } from "./session-lookup-batch";
import { insertUser, testConnections, testUrls } from "./test-database";

const db = testConnections();
let proxy: RoundTripProxy;
/** A pool of 10 through the counting proxy, like the app's own. */
let pool: postgres.Sql;
let lookup: ReturnType<typeof sessionLookupBatcher>;
const meta = { ip: null, userAgent: "vitest" };

async function newSession() {
  const user = await insertUser(db.app);
  const { token } = await createSession(user.id, meta);
  return { userId: user.id, email: user.email, hash: hashToken(token) };
}

async function deleteSession(userId: string, hash: Buffer) {
  await db.app.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${userId}, true)`;
    await tx`delete from sessions where token_hash = ${hash}`;
  });
}

/** Runs once to open and prepare connections (steady state), then counts a second run. */
async function roundTrips<T>(run: () => Promise<T>): Promise<{ trips: number; result: T }> {
  await run();
  proxy.reset();
  const result = await run();
  return { trips: proxy.roundTrips(), result };
}

beforeAll(async () => {
  proxy = await startRoundTripProxy(testUrls().appUrl);
  pool = postgres(proxy.url, { max: 10, onnotice: () => {} });
  lookup = sessionLookupBatcher(() => pool);
});

afterAll(async () => {
  await pool.end();
  await proxy.close();
});

describe("batched session lookups (ADR 014)", () => {
  it("give every concurrent caller its own session, and null for unknown or repeated-unknown hashes", async () => {
    const sessions = await Promise.all(Array.from({ length: 30 }, newSession));
    const unknown = Array.from({ length: 10 }, () => hashToken(generateSessionToken()));
    // Each known hash twice, interleaved with unknown ones, all in flight together.
    const asked = [...sessions, ...sessions].map((s) => ({ hash: s.hash, want: s }));
    const mixed = [...asked, ...unknown.map((hash) => ({ hash, want: null }))].sort(
      () => Math.random() - 0.5,
    );
    const answers = await Promise.all(mixed.map((q) => lookup(q.hash)));
    mixed.forEach((q, i) => {
      const got = answers[i]!;
      if (q.want === null) expect(got).toBeNull();
      else
        expect({ user: got?.user_id, email: got?.email }).toEqual({
          user: q.want.userId,
          email: q.want.email,
        });
    });
  });

  it("share the round trip: 40 concurrent lookups take one, where one query each would take 40", async () => {
    const sessions = await Promise.all(Array.from({ length: 40 }, newSession));
    const { trips, result } = await roundTrips(() =>
      Promise.all(sessions.map((s) => lookup(s.hash))),
    );
    expect(result.map((r) => r?.user_id)).toEqual(sessions.map((s) => s.userId));
    expect(trips).toBe(1);
  });

  it(`send a full batch of ${MAX_BATCH} at once and the rest in the next`, async () => {
    const hashes = Array.from({ length: MAX_BATCH + 5 }, () => hashToken(generateSessionToken()));
    const { trips, result } = await roundTrips(() => Promise.all(hashes.map((h) => lookup(h))));
    expect(result.every((r) => r === null)).toBe(true);
    expect(trips).toBe(2);
  });

  it("never answer from a batch sent before the lookup was asked: a deleted session is gone on the next lookup", async () => {
    const s = await newSession();
    const first = lookup(s.hash);
    // The first lookup's batch is sent at the next check phase; delete after it has answered.
    expect((await first)?.user_id).toBe(s.userId);
    await deleteSession(s.userId, s.hash);
    expect(await lookup(s.hash)).toBeNull();
  });

  it("look up one at a time when requests do not overlap", async () => {
    const a = await newSession();
    const b = await newSession();
    const { trips, result } = await roundTrips(async () => [
      (await lookup(a.hash))?.user_id,
      (await lookup(b.hash))?.user_id,
    ]);
    expect(result).toEqual([a.userId, b.userId]);
    expect(trips).toBe(2);
  });

  it("fail every lookup of a batch whose query fails, and work again afterwards", async () => {
    const broken = postgres(proxy.url.replace(/\/[^/?]+(\?|$)/, "/no_such_database$1"), {
      max: 1,
      onnotice: () => {},
      connection: { application_name: "batch-failure-test" },
    });
    const failing = sessionLookupBatcher(() => broken);
    const s = await newSession();
    const results = await Promise.allSettled([failing(s.hash), failing(s.hash)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    await broken.end();
    expect((await lookup(s.hash))?.user_id).toBe(s.userId);
  });

  it("count each of the API's concurrent lookups once in its user's bucket, in one round trip", async () => {
    const a = await newSession();
    const { token } = await createSession(a.userId, meta);
    const b = await newSession();
    const asks = [
      a.hash,
      hashToken(token),
      a.hash,
      b.hash,
      a.hash,
      hashToken(generateSessionToken()),
    ];
    const rule = `test-user-${generateSessionToken().slice(0, 8)}`;
    // One connection, so the second run finds its statement prepared (a pool of 10 may send
    // it on a connection that has not prepared it yet: a Parse round trip more).
    const single = postgres(proxy.url, { max: 1, onnotice: () => {} });
    const counted = apiSessionLookupBatcher(() => single);
    const run = () =>
      Promise.all(asks.map((h) => counted(h, { rule, windowSeconds: 60, cost: 1 })));
    const { trips, result } = await roundTrips(run).finally(() => single.end());
    expect(trips).toBe(1);
    expect(result.map((r) => r.session?.user_id ?? null)).toEqual([
      a.userId,
      a.userId,
      a.userId,
      b.userId,
      a.userId,
      null,
    ]);
    // The second run: a's four asks (two sessions) are hits 5..8, b's is 2; unknown counts nothing.
    const hits = (user: string) =>
      result
        .filter((r) => r.session?.user_id === user)
        .map((r) => r.userWindow!.hits)
        .sort();
    expect(hits(a.userId)).toEqual([5, 6, 7, 8]);
    expect(hits(b.userId)).toEqual([2]);
    expect(result[5]).toEqual({ session: null, userWindow: null });
    expect(result[0]!.userWindow!.secondsLeft).toBeGreaterThan(0);
  });

  it("count what each call asks for in its user's bucket: nothing at cost 0, several at once", async () => {
    const a = await newSession();
    const rule = `test-user-${generateSessionToken().slice(0, 8)}`;
    const counted = apiSessionLookupBatcher(() => pool);
    const ask = (cost: number) => counted(a.hash, { rule, windowSeconds: 60, cost });
    const [none, five, alsoNone, one] = await Promise.all([ask(0), ask(5), ask(0), ask(1)]);
    // Cost 0 still finds the session (a read), and says nothing about the bucket.
    expect(none).toEqual({
      session: expect.objectContaining({ user_id: a.userId }),
      userWindow: null,
    });
    expect(alsoNone.userWindow).toBeNull();
    // In call order: 5, then 6.
    expect(five.userWindow?.hits).toBe(5);
    expect(one.userWindow?.hits).toBe(6);
    expect((await ask(0)).userWindow).toBeNull();
    expect((await ask(2)).userWindow?.hits).toBe(8);
    // An unknown session counts nothing, whatever it asks.
    const unknown = await counted(hashToken(generateSessionToken()), {
      rule,
      windowSeconds: 60,
      cost: 3,
    });
    expect(unknown).toEqual({ session: null, userWindow: null });
    await expect(counted(a.hash, { rule, windowSeconds: 60, cost: -1 })).rejects.toThrow(
      /invalid rate limit arguments/,
    );
  });
});
