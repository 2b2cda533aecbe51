import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRoundTripProxy, type RoundTripProxy } from "@/db/round-trip-proxy";
import { insertUser, testConnections, testUrls } from "@/db/test-database";
import { admitLoginAttempt, clearLoginFailures, recordLoginSuccess } from "./login-throttle";
import { createSession } from "./session";

/**
 * Round trips of the steps of a successful password login, counted on the wire: the app's own
 * pool (lib/env, db/client) is pointed at a counting proxy before this file first uses it
 * (vitest runs each file in its own process). A login is 6 in all: admission 2, the login
 * lookup 1, clearing the failures 1, the session 1, the auth event 1.
 */
const db = testConnections();
let proxy: RoundTripProxy;
const meta = { ip: null, userAgent: "vitest" };

/** Runs once to open a connection and prepare its statements (steady state), then counts. */
async function roundTrips(run: () => Promise<unknown>): Promise<number> {
  await run();
  proxy.reset();
  await run();
  return proxy.roundTrips();
}

beforeAll(async () => {
  proxy = await startRoundTripProxy(testUrls().appUrl);
  process.env.DATABASE_APP_URL = proxy.url;
  // One connection, so the warm-up prepares the statements on the one that is counted.
  process.env.DATABASE_POOL_MAX = "1";
});

afterAll(async () => {
  await proxy.close();
});

describe("a successful login's database round trips", () => {
  it("creating the session, with the per-account cap, is one", async () => {
    const user = await insertUser(db.app);
    expect(await roundTrips(() => createSession(user.id, meta))).toBe(1);
    const [row] = await db.owner<{ n: number }[]>`
      select count(*)::int as n from sessions where user_id = ${user.id}`;
    expect(row!.n).toBe(2);
  });

  it("clearing both of the account's failure windows is one", async () => {
    const email = `trips-${crypto.randomUUID()}@example.com`;
    expect(await roundTrips(() => clearLoginFailures(email))).toBe(1);
    expect(await roundTrips(() => recordLoginSuccess(email, null))).toBe(1);
  });

  it("the admission (daily count, then the attempt) is two", async () => {
    const email = `trips-${crypto.randomUUID()}@example.com`;
    expect(await roundTrips(() => admitLoginAttempt(email, null))).toBe(2);
  });
});
