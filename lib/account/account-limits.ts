/**
 * Rate limits of the account lifecycle (checklist A9, A10), counted in Postgres so every app
 * instance shares them (lib/rate-limit). Refusals are form messages with the wait, never an
 * error page. Per-IP rules use the client IP from lib/request-meta (a trusted proxy hop only,
 * I7). Without one they are skipped, like the per-IP login limit (ADR 012): one bucket shared
 * by every unknown client would let one noisy client lock everyone out. The per-email and
 * per-user rules still apply; set TRUST_PROXY_HOPS in production (docs/deploying.md).
 */
import "server-only";
import { consume, type RateLimitResult, type RateLimitRule } from "@/lib/rate-limit/rate-limit";
import { requestMeta } from "@/lib/request-meta";

const MINUTE = 60;
const HOUR = 60 * MINUTE;

export const ACCOUNT_LIMITS = {
  /** Accounts created (or attempted) from one IP. */
  signupPerIp: { name: "signup-ip", limit: 20, windowSeconds: HOUR },
  /** Reset requests from one IP, whatever the email. */
  resetPerIp: { name: "reset-ip", limit: 20, windowSeconds: HOUR },
  /** Reset requests for one email: bounds the mail a stranger can make someone receive. */
  resetPerEmail: { name: "reset-email", limit: 5, windowSeconds: HOUR },
  /** Verification emails one account can ask for again. */
  verificationResendPerUser: { name: "verify-resend-user", limit: 5, windowSeconds: HOUR },
  /** Email change links one account can ask for. */
  emailChangePerUser: { name: "email-change-user", limit: 5, windowSeconds: HOUR },
} as const satisfies Record<string, RateLimitRule>;

/** The trusted client IP, or null (then per-IP rules are skipped). */
export async function clientIpSubject(): Promise<string | null> {
  const { ip } = await requestMeta().catch(() => ({ ip: null }));
  return ip;
}

/** "Try again in 12 minutes." for a refused result. */
export function retryMessage(result: RateLimitResult): string {
  const minutes = Math.ceil(result.retryAfterSeconds / 60);
  if (result.retryAfterSeconds < 60) return "Try again in a minute.";
  return `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Counts one attempt against every rule that has a subject; the first refusal (all are
 * counted) or null.
 */
export async function consumeAll(
  checks: [RateLimitRule, string | null][],
): Promise<RateLimitResult | null> {
  const counted = checks.filter((check): check is [RateLimitRule, string] => check[1] !== null);
  const results = await Promise.all(counted.map(([rule, subject]) => consume(rule, subject)));
  return results.find((r) => !r.allowed) ?? null;
}
