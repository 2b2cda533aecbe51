/**
 * Fixed-window rate limits shared by every app instance (checklist A9, K5): the counters live
 * in Postgres (db/rate-limits.ts), one atomic upsert per check. A rule names what is limited;
 * the subject is who (an IP, an account, an API key id). Subjects are hashed into the key, so
 * the table holds no emails or IPs in clear.
 */
import "server-only";
import { createHash } from "node:crypto";
import {
  clearWindows,
  hitWindow,
  peekWindow,
  refundWindow,
  type WindowCount,
} from "@/db/rate-limits";

export interface RateLimitRule {
  /** Stable name, part of the key: renaming it resets every count under it. */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Whole seconds until the current window ends (the count starts again). */
  resetSeconds: number;
  /** Whole seconds until a refused caller may try again; 0 when allowed. */
  retryAfterSeconds: number;
  /**
   * Seconds since the hit before this one in the window (consume), or since the last hit
   * (check), on the database's clock; null when there was none. For back-off.
   */
  secondsSincePreviousHit: number | null;
}

export function rateLimitKey(rule: RateLimitRule, subject: string): string {
  const digest = createHash("sha256").update(subject).digest("base64url").slice(0, 32);
  return `${rule.name}:${digest}`;
}

/** A window's count as a verdict (also for callers that count through their own query). */
export function resultOf(rule: RateLimitRule, window: WindowCount): RateLimitResult {
  const allowed = window.hits <= rule.limit;
  const resetSeconds = Math.max(0, Math.ceil(window.secondsLeft ?? rule.windowSeconds));
  return {
    allowed,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - window.hits),
    resetSeconds,
    retryAfterSeconds: allowed ? 0 : Math.max(1, resetSeconds),
    secondsSincePreviousHit: window.secondsSincePrevious,
  };
}

/** Counts one attempt (or `cost`) and says whether it is within the limit. */
export async function consume(
  rule: RateLimitRule,
  subject: string,
  cost = 1,
): Promise<RateLimitResult> {
  return resultOf(rule, await hitWindow(rateLimitKey(rule, subject), rule.windowSeconds, cost));
}

/** Whether one more attempt would be allowed, without counting one. */
export async function check(rule: RateLimitRule, subject: string): Promise<RateLimitResult> {
  const window = await peekWindow(rateLimitKey(rule, subject));
  return resultOf(rule, { ...window, hits: window.hits + 1 });
}

/**
 * Gives back a hit counted by `consume`, for limits on failures that must count attempts up
 * front to stay exact under parallel requests (login per IP).
 */
export async function refund(rule: RateLimitRule, subject: string, cost = 1): Promise<void> {
  await refundWindow(rateLimitKey(rule, subject), cost);
}

/** Forgets the subject's counts under `rules` (e.g. an account's failures after it signs in). */
export async function reset(rules: readonly RateLimitRule[], subject: string): Promise<void> {
  await clearWindows(rules.map((rule) => rateLimitKey(rule, subject)));
}

/**
 * Response headers for a limited response: `RateLimit-Policy`/`RateLimit` (IETF httpapi
 * draft) and, when refused, `Retry-After`.
 */
export function rateLimitHeaders(rule: RateLimitRule, result: RateLimitResult): HeadersInit {
  const headers: Record<string, string> = {
    "RateLimit-Policy": `"${rule.name}";q=${rule.limit};w=${rule.windowSeconds}`,
    RateLimit: `"${rule.name}";r=${result.remaining};t=${result.resetSeconds}`,
  };
  if (!result.allowed) headers["Retry-After"] = String(result.retryAfterSeconds);
  return headers;
}
