/**
 * Online-guessing limits for password login (checklist A9, I7; ADR 012). Counters live in
 * Postgres (lib/rate-limit), so every app instance sees the same counts.
 *
 * - Per account, keyed by the normalized email whether or not an account exists, so a refusal
 *   says nothing about existence (A10). Every attempt is counted before the password is
 *   checked, so a burst of parallel guesses cannot slip past the count. The first 5 attempts
 *   in a 15-minute window are free; then each must wait 2, 4, 8, 16, 32 s after the previous
 *   one (timed by the database's clock, shared by every instance, never the app's); past 10
 *   the account is locked until the window ends. A daily cap of 100 failures
 *   (NIST 800-63B §3.2.2) keeps the windows from adding up to thousands of guesses a day.
 * - Per client IP, when one is known (TRUST_PROXY_HOPS): 50 failures in 15 minutes, across
 *   accounts. Every attempt is counted up front (so parallel attempts cannot overshoot) and
 *   given back when the password was right, so only failures use the budget. Without a
 *   trusted IP there is no per-IP limit: one shared "unknown" bucket would let one attacker
 *   lock everybody out.
 * - Locks are temporary, never permanent, and a successful login or a password reset
 *   (`clearLoginFailures`) ends them; while locked the password is not checked at all, so a
 *   correct guess gets the same refusal as a wrong one.
 */
import "server-only";
import { normalizeEmail } from "@/lib/auth/email";
import { check, consume, refund, reset, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { tooManyAttemptsMessage } from "@/lib/rate-limit/too-many-attempts";

const MINUTES_15 = 15 * 60;

export const LOGIN_LIMITS = {
  account: { name: "login.account", limit: 10, windowSeconds: MINUTES_15 },
  accountDaily: { name: "login.account.daily", limit: 100, windowSeconds: 24 * 3600 },
  ip: { name: "login.ip", limit: 50, windowSeconds: MINUTES_15 },
} satisfies Record<string, RateLimitRule>;

/** Attempts in a window that need no waiting; later ones wait twice as long each time. */
export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_SECONDS = 2;

export type LoginAdmission =
  | {
      admitted: true;
      /** This attempt is the last one before the account locks, should it fail. */
      lastBeforeLock: boolean;
    }
  | {
      admitted: false;
      retryAfterSeconds: number;
      limit: "account" | "ip";
      /** This refusal was the account's last attempt: it is locked from now on. */
      lockedNow: boolean;
    };

/** Seconds attempt number `attempt` (1-based, within the window) must wait after the previous. */
export function backoffSeconds(attempt: number): number {
  if (attempt <= FREE_ATTEMPTS) return 0;
  return FIRST_DELAY_SECONDS * 2 ** (attempt - FREE_ATTEMPTS - 1);
}

/** Counts the attempt and says whether the password may be checked now. */
export async function admitLoginAttempt(email: string, ip: string | null): Promise<LoginAdmission> {
  const account = normalizeEmail(email);
  if (ip) {
    const byIp = await consume(LOGIN_LIMITS.ip, ip);
    if (!byIp.allowed) return refused(byIp.retryAfterSeconds, "ip");
  }
  const daily = await check(LOGIN_LIMITS.accountDaily, account);
  if (!daily.allowed) return refused(daily.retryAfterSeconds, "account");

  const attempt = await consume(LOGIN_LIMITS.account, account);
  if (!attempt.allowed) return refused(attempt.retryAfterSeconds, "account");
  const number = attempt.limit - attempt.remaining;
  const last = number === LOGIN_LIMITS.account.limit;
  if (attempt.secondsSincePreviousHit !== null) {
    // Both durations are on the database's clock, which every app instance shares.
    const wait = backoffSeconds(number) - attempt.secondsSincePreviousHit;
    // Too soon still counts: hammering through the back-off only reaches the lock sooner.
    if (wait > 0) return refused(last ? attempt.resetSeconds : Math.ceil(wait), "account", last);
  }
  return { admitted: true, lastBeforeLock: last };
}

function refused(
  retryAfterSeconds: number,
  limit: "account" | "ip",
  lockedNow = false,
): LoginAdmission {
  return { admitted: false, retryAfterSeconds: Math.max(1, retryAfterSeconds), limit, lockedNow };
}

/**
 * A wrong password (or an unknown email): counts toward the daily limit (the per-IP one
 * counted it on admission). Returns whether this failure locked the account (the moment to
 * record a `locked_out` event).
 */
export async function recordLoginFailure(
  email: string,
  admission: { lastBeforeLock: boolean },
): Promise<{ lockedNow: boolean }> {
  const daily = await consume(LOGIN_LIMITS.accountDaily, normalizeEmail(email));
  const dailyJustFull = daily.allowed && daily.remaining === 0;
  return { lockedNow: admission.lastBeforeLock || dailyJustFull };
}

/** A right password: the attempt comes off the IP's failure budget, the account's slate is clean. */
export async function recordLoginSuccess(email: string, ip: string | null): Promise<void> {
  await Promise.all([clearLoginFailures(email), ip ? refund(LOGIN_LIMITS.ip, ip) : null]);
}

/**
 * Forgets an account's failures, ending any back-off or lock: after a successful login, and
 * when a password reset completes (so a locked-out user always gets back in by email).
 */
export async function clearLoginFailures(email: string): Promise<void> {
  const account = normalizeEmail(email);
  await reset([LOGIN_LIMITS.account, LOGIN_LIMITS.accountDaily], account);
}

/** "Too many attempts. Try again in 4 seconds, or reset your password." */
export function throttledMessage(retryAfterSeconds: number): string {
  return tooManyAttemptsMessage(retryAfterSeconds, "reset your password");
}
