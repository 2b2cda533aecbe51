import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { testConnections } from "@/db/test-database";
import { normalizeEmail } from "@/lib/auth/email";
import { advanceClock, resetClock } from "@/lib/clock";
import { rateLimitKey } from "@/lib/rate-limit/rate-limit";
import {
  admitLoginAttempt,
  backoffSeconds,
  clearLoginFailures,
  FREE_ATTEMPTS,
  LOGIN_LIMITS,
  recordLoginFailure,
  recordLoginSuccess,
  throttledMessage,
  type LoginAdmission,
} from "./login-throttle";

afterEach(() => resetClock());

const db = testConnections();
const email = () => `Victim-${randomBytes(4).toString("hex")}@Example.test`;
const ip = () =>
  `203.0.113.${Math.floor(Math.random() * 250) + 1}-${randomBytes(3).toString("hex")}`;

/**
 * Time passing for an account's counters: the back-off is timed on the database's clock, so
 * tests move the account's rows into the past (as the owner) instead of moving the app's clock.
 */
async function letTimePass(address: string, seconds: number): Promise<void> {
  const keys = [LOGIN_LIMITS.account, LOGIN_LIMITS.accountDaily].map((rule) =>
    rateLimitKey(rule, normalizeEmail(address)),
  );
  const by = `${seconds} seconds`;
  await db.owner`
    update rate_limits set last_hit_at = last_hit_at - ${by}::interval,
      window_started_at = window_started_at - ${by}::interval,
      expires_at = expires_at - ${by}::interval
    where key in ${db.owner(keys)}`;
}

/** One failed attempt, a minute after the previous one, so the back-off never refuses it. */
async function failOnce(address: string, from: string | null = null): Promise<LoginAdmission> {
  await letTimePass(address, 60);
  const admission = await admitLoginAttempt(address, from);
  if (admission.admitted) await recordLoginFailure(address, admission);
  return admission;
}

describe("login back-off and lock (A9)", () => {
  it("doubles the wait after the free attempts", () => {
    const waits = Array.from({ length: 10 }, (_, i) => backoffSeconds(i + 1));
    expect(waits).toEqual([0, 0, 0, 0, 0, 2, 4, 8, 16, 32]);
  });

  it("lets the free attempts through, then makes the next one wait", async () => {
    const address = email();
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      const admission = await admitLoginAttempt(address, null);
      expect(admission.admitted, `attempt ${i + 1}`).toBe(true);
    }
    const early = await admitLoginAttempt(address, null);
    expect(early).toMatchObject({ admitted: false, limit: "account", lockedNow: false });
    expect(early.admitted === false && early.retryAfterSeconds).toBeLessThanOrEqual(4);
  });

  it("times the wait on the database's clock: an app clock running ahead does not shorten it", async () => {
    const address = email();
    for (let i = 0; i < FREE_ATTEMPTS; i++) await admitLoginAttempt(address, null);
    // An instance whose clock is an hour ahead of the database and of the other instances.
    advanceClock(3600_000);
    const early = await admitLoginAttempt(address, null);
    expect(early).toMatchObject({ admitted: false, limit: "account" });
    expect(early.admitted === false && early.retryAfterSeconds).toBeLessThanOrEqual(2);
    // The refused attempt counted too, so the next (the 7th) waits 4 s after it: once they have
    // passed on the database's clock, it is let through.
    await letTimePass(address, 4);
    expect(await admitLoginAttempt(address, null)).toMatchObject({ admitted: true });
  });

  it("locks after the limit, for what remains of the 15-minute window, and says so once", async () => {
    const address = email();
    const results: LoginAdmission[] = [];
    for (let i = 0; i < LOGIN_LIMITS.account.limit; i++) results.push(await failOnce(address));
    expect(results.every((r) => r.admitted)).toBe(true);
    expect(results.map((r) => r.admitted && r.lastBeforeLock)).toEqual([
      ...Array(LOGIN_LIMITS.account.limit - 1).fill(false),
      true,
    ]);
    const locked = await admitLoginAttempt(address, null);
    expect(locked).toMatchObject({ admitted: false, limit: "account", lockedNow: false });
    if (locked.admitted) return;
    expect(locked.retryAfterSeconds).toBeGreaterThan(60);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    expect(throttledMessage(locked.retryAfterSeconds)).toMatch(
      /^Too many attempts\. Try again in \d+ minutes?, or reset your password\.$/,
    );
  });

  it("reaches the lock sooner when the back-off is hammered, and marks that moment", async () => {
    const address = email();
    const results: LoginAdmission[] = [];
    for (let i = 0; i < LOGIN_LIMITS.account.limit + 2; i++)
      results.push(await admitLoginAttempt(address, null));
    expect(results.filter((r) => r.admitted)).toHaveLength(FREE_ATTEMPTS);
    const lockedNow = results.map((r) => !r.admitted && r.lockedNow);
    expect(lockedNow.indexOf(true)).toBe(LOGIN_LIMITS.account.limit - 1);
    expect(lockedNow.filter(Boolean)).toHaveLength(1);
    const lock = results[LOGIN_LIMITS.account.limit - 1]!;
    expect(!lock.admitted && lock.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it("keys the account by normalized email, known or not", async () => {
    const address = email();
    for (let i = 0; i < LOGIN_LIMITS.account.limit; i++) {
      await failOnce(i % 2 ? address.toLowerCase() : ` ${address.toUpperCase()} `);
    }
    expect((await admitLoginAttempt(address.toLowerCase(), null)).admitted).toBe(false);
  });

  it("is lifted by clearLoginFailures, which a successful login or a password reset calls", async () => {
    const address = email();
    for (let i = 0; i < LOGIN_LIMITS.account.limit; i++) await failOnce(address);
    expect((await admitLoginAttempt(address, null)).admitted).toBe(false);
    await clearLoginFailures(address.toUpperCase());
    expect(await admitLoginAttempt(address, null)).toMatchObject({ admitted: true });
  });
});

describe("per-IP limit (A9, I7)", () => {
  it("refuses an IP after its failures across many accounts, and leaves other IPs alone", async () => {
    const attacker = ip();
    for (let i = 0; i < LOGIN_LIMITS.ip.limit; i++) {
      const admission = await admitLoginAttempt(email(), attacker);
      expect(admission.admitted).toBe(true);
      await recordLoginFailure(email(), { lastBeforeLock: false });
    }
    expect(await admitLoginAttempt(email(), attacker)).toMatchObject({
      admitted: false,
      limit: "ip",
    });
    expect((await admitLoginAttempt(email(), ip())).admitted).toBe(true);
  });

  it("counts parallel attempts exactly: a burst cannot slip past the limit", async () => {
    const attacker = ip();
    const burst = await Promise.all(
      Array.from({ length: LOGIN_LIMITS.ip.limit + 20 }, () =>
        admitLoginAttempt(email(), attacker),
      ),
    );
    expect(burst.filter((a) => a.admitted)).toHaveLength(LOGIN_LIMITS.ip.limit);
    expect(burst.filter((a) => !a.admitted && a.limit === "ip")).toHaveLength(20);
  });

  it("spends the budget on failures only: right passwords give their attempt back", async () => {
    const office = ip();
    for (let i = 0; i < LOGIN_LIMITS.ip.limit + 5; i++) {
      const address = email();
      expect((await admitLoginAttempt(address, office)).admitted, `login ${i + 1}`).toBe(true);
      await recordLoginSuccess(address, office);
    }
    for (let i = 0; i < LOGIN_LIMITS.ip.limit; i++) await admitLoginAttempt(email(), office);
    expect(await admitLoginAttempt(email(), office)).toMatchObject({
      admitted: false,
      limit: "ip",
    });
  });

  it("has no shared bucket for callers without a trusted IP", async () => {
    for (let i = 0; i < LOGIN_LIMITS.ip.limit + 5; i++) {
      const admission = await admitLoginAttempt(email(), null);
      expect(admission.admitted, `attempt ${i + 1}`).toBe(true);
      await recordLoginFailure(email(), { lastBeforeLock: false });
    }
  });
});

describe("the daily cap (NIST 800-63B §3.2.2)", () => {
  it("locks an account after 100 failures even when spread over many windows", async () => {
    const address = email();
    let lockedAt = -1;
    for (let i = 0; i < LOGIN_LIMITS.accountDaily.limit; i++) {
      const { lockedNow } = await recordLoginFailure(address, { lastBeforeLock: false });
      if (lockedNow) lockedAt = i + 1;
    }
    expect(lockedAt).toBe(LOGIN_LIMITS.accountDaily.limit);
    expect(await admitLoginAttempt(address, null)).toMatchObject({ admitted: false });
    await clearLoginFailures(address);
    expect((await admitLoginAttempt(address, null)).admitted).toBe(true);
  });
});

describe("the refusal message", () => {
  it("names seconds or whole minutes", () => {
    expect(throttledMessage(1)).toBe(
      "Too many attempts. Try again in 1 second, or reset your password.",
    );
    expect(throttledMessage(32)).toContain("in 32 seconds,");
    expect(throttledMessage(60)).toContain("in 1 minute,");
    expect(throttledMessage(61)).toContain("in 2 minutes,");
    expect(throttledMessage(900)).toContain("in 15 minutes,");
  });
});
