/**
 * Rate limits for /api/v1 (checklist K5), counted in Postgres so every app instance shares them
 * (lib/rate-limit). Budgets per minute, all from the environment:
 * - per caller: each API key, and each user calling with the session cookie (all of the
 *   user's sessions together), API_RATE_LIMIT_PER_MINUTE;
 * - per organization, for every request that acts in it (its keys' and its members' cookie
 *   calls that name it in X-Org), API_ORG_RATE_LIMIT_PER_MINUTE;
 * - per client IP for every caller, API_IP_RATE_LIMIT_PER_MINUTE. The IP comes only from the
 *   trusted proxy hop (I7); when it is unknown there is no IP budget at all, rather than one
 *   bucket that every unknown caller would share and could exhaust for the others.
 * A request with a key is counted in its key's, org's and IP's buckets by the key lookup itself
 * (drizzle/0022), in the same round trip, the org's only when the key works and is within its
 * own and its IP's budgets. A signed-in user's cookie calls, and the org such a call names (once
 * the user's budget admitted it), are counted a reservation at a time (lib/api/budget-leases.ts,
 * ADR 018): the user's in the session lookup, the org's in a round trip of its own when this
 * instance holds none left. The IP of any other request is counted with `consume`.
 */
import "server-only";
import type { WindowCount } from "@/db/rate-limits";
import type { KeyBuckets } from "@/lib/api-keys/authenticate-api-key";
import { env } from "@/lib/env";
import { budgetLeases, uncounted } from "./budget-leases";
import {
  consume,
  rateLimitKey,
  resultOf,
  type RateLimitResult,
  type RateLimitRule,
} from "@/lib/rate-limit/rate-limit";

export interface RateVerdict {
  rule: RateLimitRule;
  result: RateLimitResult;
}

const WINDOW_SECONDS = 60;

export function keyRule(): RateLimitRule {
  return { name: "api", limit: env().API_RATE_LIMIT_PER_MINUTE, windowSeconds: WINDOW_SECONDS };
}

export function userRule(): RateLimitRule {
  return {
    name: "api-user",
    limit: env().API_RATE_LIMIT_PER_MINUTE,
    windowSeconds: WINDOW_SECONDS,
  };
}

export function orgRule(): RateLimitRule {
  return {
    name: "api-org",
    limit: env().API_ORG_RATE_LIMIT_PER_MINUTE,
    windowSeconds: WINDOW_SECONDS,
  };
}

export function ipRule(): RateLimitRule {
  return {
    name: "api-ip",
    limit: env().API_IP_RATE_LIMIT_PER_MINUTE,
    windowSeconds: WINDOW_SECONDS,
  };
}

/** The buckets a key lookup counts in: the key (by its hash), its org and, when known, the IP. */
export function keyBuckets(ip: string | null): KeyBuckets {
  return {
    key: (secretHash) => rateLimitKey(keyRule(), `key:${secretHash.toString("hex")}`),
    keyLimit: keyRule().limit,
    ip: ip ? rateLimitKey(ipRule(), ip) : null,
    ipLimit: ipRule().limit,
    orgRule: orgRule().name,
    windowSeconds: WINDOW_SECONDS,
  };
}

export function verdictOf(rule: RateLimitRule, window: WindowCount | null): RateVerdict | null {
  return window
    ? {
        rule,
        result: resultOf(rule, window),
      }
    : null;
}

/** The org budgets of this process's cookie calls, reserved a few requests at a time. */
const orgBudgets = budgetLeases();

/**
 * Admits one request of a cookie call in the org it names, from this instance's reservation of
 * the org's budget (ADR 018); a key's request is counted by its lookup.
 */
export async function countOrg(orgId: string): Promise<RateVerdict> {
  const rule = orgRule();
  return { rule, result: await orgBudgets.admit(orgId, rule, uncounted()) };
}

/** Counts one request for the client IP; null when the IP is unknown (nothing is counted). */
export async function countIp(ip: string | null): Promise<RateVerdict | null> {
  if (!ip) return null;
  const rule = ipRule();
  return { rule, result: await consume(rule, ip) };
}
