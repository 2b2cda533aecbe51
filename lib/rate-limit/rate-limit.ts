/**
 * Fixed-window rate limits shared by every app instance (checklist A9, K5): the counters live
 * in Postgres (db/rate-limits.ts), one atomic upsert per check. A rule names what is limited;
 * the subject is who (an IP, an account, an API key id). Subjects are hashed into the key, so
 * the table holds no emails or IPs in clear.
 */
import "server-only";
import { createHash } from "node:crypto";
import { clearWindow, hitWindow, peekWindow, refundWindow } from "@/db/rate-limits";

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
  /** When the current window ends (the count starts again). */
  resetAt: Date;
  /** Whole seconds until a refused caller may try again; 0 when allowed. */
  retryAfterSeconds: number;
  /** The hit before this one in the window (consume), or the last hit (check); for back-off. */
  previousHitAt: Date | null;
}

export function rateLimitKey(rule: RateLimitRule, subject: string): string {
  const digest = createHash("sha256").update(subject).digest("base64url").slice(0, 32);
  return `${rule.name}:${digest}`;
}

/** A window's count as a verdict (for callers that count through their own query). */
export function resultOf(
  rule: RateLimitRule,
  hits: number,
  windowEndsAt: Date | null,
  previousHitAt: Date | null,
  now: number,
): RateLimitResult {
  const resetAt = windowEndsAt ?? new Date(now + rule.windowSeconds * 1000);
  const allowed = hits <= rule.limit;
  return {
    allowed,
    limit: rule.limit,
    remaining: Math.max(0, rule.limit - hits),
    resetAt,
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((resetAt.getTime() - now) / 1000)),
    previousHitAt,
  };
}

/** Counts one attempt (or `cost`) and says whether it is within the limit. */
export async function consume(
  rule: RateLimitRule,
  subject: string,
  cost = 1,
): Promise<RateLimitResult> {
  const window = await hitWindow(rateLimitKey(rule, subject), rule.windowSeconds, cost);
  return resultOf(rule, window.hits, window.windowEndsAt, window.lastHitAt, Date.now());
}

/** Whether one more attempt would be allowed, without counting one. */
export async function check(rule: RateLimitRule, subject: string): Promise<RateLimitResult> {
  const window = await peekWindow(rateLimitKey(rule, subject));
  return resultOf(rule, window.hits + 1, window.windowEndsAt, window.lastHitAt, Date.now());
}

/**
 * Gives back a hit counted by `consume`, for limits on failures that must count attempts up
 * front to stay exact under parallel requests (login per IP).
 */
export async function refund(rule: RateLimitRule, subject: string, cost = 1): Promise<void> {
  await refundWindow(rateLimitKey(rule, subject), cost);
}

/** Forgets the subject's count (e.g. an account's failures after it signs in). */
export async function reset(rule: RateLimitRule, subject: string): Promise<void> {
  await clearWindow(rateLimitKey(rule, subject));
}

/**
 * Response headers for a limited response: `RateLimit-Policy`/`RateLimit` (IETF httpapi
 * draft) and, when refused, `Retry-After`.
 */
export function rateLimitHeaders(rule: RateLimitRule, result: RateLimitResult): HeadersInit {
  const resetSeconds = Math.max(0, Math.ceil((result.resetAt.getTime() - Date.now()) / 1000));
  const headers: Record<string, string> = {
    "RateLimit-Policy": `"${rule.name}";q=${rule.limit};w=${rule.windowSeconds}`,
    RateLimit: `"${rule.name}";r=${result.remaining};t=${resetSeconds}`,
  };
  if (!result.allowed) headers["Retry-After"] = String(result.retryAfterSeconds);
  return headers;
}
