/**
 * API budgets reserved a few requests at a time (checklist K5, ADR 018): a signed-in user's
 * (every cookie call) and an organization's (the cookie calls that name it in `X-Org`).
 *
 * A budget is a Postgres counter shared by every app instance (lib/rate-limit). Instead of
 * writing it on every request, an instance counts `leaseSize(limit)` requests at once and
 * serves the subject's next requests from what that reservation was granted. A user's
 * reservation rides in the session lookup the request makes anyway (`costFor` says how much it
 * should count); an org's is a round trip of its own, made only when the lease has run dry.
 *
 * Invariants:
 * - Never more than the limit per window across all instances: a reservation is counted in
 *   the shared row first and granted only what the row had left, so the grants of every
 *   instance together (and the API keys' requests, which the key lookup counts one by one in
 *   the same org row) stay within the limit. Requests an instance reserved and did not use
 *   count as used: a budget can only run out early, never late.
 * - One reservation at a time per subject, mostly: while a lookup reserves for a user, the
 *   user's other lookups count nothing (that one was sent first, so its answer usually comes
 *   first), and requests that find the lease dry share one reservation of their own. So a
 *   burst does not reserve once per request; only a session's first lookups, before its user
 *   is known here, each reserve.
 * - A reservation belongs to its window and ends with it; the window's end is reckoned from
 *   when the reservation was sent, so it ends here no later than in the database.
 * - The session itself is still looked up, and its row still decides, on every request; the
 *   map from token hash to user only chooses how much the lookup counts.
 */
import "server-only";
import { hitWindow, type WindowCount } from "@/db/rate-limits";
import {
  rateLimitKey,
  type RateLimitResult,
  type RateLimitRule,
} from "@/lib/rate-limit/rate-limit";

/** Requests one reservation asks for: a fiftieth of the budget, from 1 to 20. */
export function leaseSize(limit: number): number {
  return Math.min(20, Math.max(1, Math.floor(limit / 50)));
}

interface Lease {
  /** When the window ends, on this process's clock (ms). */
  endsAt: number;
  /** Reserved requests not served yet. */
  left: number;
  /** The shared count after this instance's latest reservation in the window. */
  hits: number;
}

/** What a lookup counted: `cost` requests, and the window after them (null when cost was 0). */
export interface Counted {
  cost: number;
  window: WindowCount | null;
  /** Date.now() when the lookup was sent. */
  sentAt: number;
}

const MAX_ENTRIES = 10_000;
/** How long other requests leave a subject's reservation to a lookup in flight (ms). */
const LOOKUP_RESERVING_MS = 1_000;

/** Inserts into a bounded map; the oldest entry goes first (a dropped lease only runs out early). */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= MAX_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}

/** Nothing counted yet: the lease answers, or `admit` reserves on its own. */
export const uncounted = (): Counted => ({ cost: 0, window: null, sentAt: Date.now() });

export function budgetLeases() {
  const leases = new Map<string, Lease>();
  const subjectOfHint = new Map<string, string>();
  /** Leases a lookup is reserving for (costFor said so), until when (ms): others wait for it. */
  const lookupReserving = new Map<string, number>();
  /** Reservations of their own in flight: concurrent requests share one. */
  const reserving = new Map<string, Promise<Lease>>();
  const leaseKey = (rule: RateLimitRule, subject: string) => `${rule.name}:${subject}`;

  const current = (key: string, at: number): Lease | null => {
    const lease = leases.get(key);
    if (lease && lease.endsAt > at) return lease;
    leases.delete(key);
    return null;
  };

  /** Adds a reservation's grant to the lease of its window (a later window replaces it). */
  const settle = (key: string, rule: RateLimitRule, counted: Counted, window: WindowCount) => {
    const granted = Math.min(counted.cost, Math.max(0, rule.limit - (window.hits - counted.cost)));
    const endsAt = counted.sentAt + (window.secondsLeft ?? rule.windowSeconds) * 1000;
    const lease = leases.get(key);
    // Windows of one key end at least a window's length apart; within half of one, it is ours.
    const sameWindow = lease && Math.abs(lease.endsAt - endsAt) < (rule.windowSeconds * 1000) / 2;
    if (lease && sameWindow) {
      lease.left += granted;
      lease.hits = Math.max(lease.hits, window.hits);
      lease.endsAt = Math.min(lease.endsAt, endsAt);
      return lease;
    }
    if (lease && lease.endsAt > endsAt) return lease; // An older window's answer, arriving late.
    const fresh = { endsAt, left: granted, hits: window.hits };
    remember(leases, key, fresh);
    return fresh;
  };

  /** One reservation at a time per lease: a request that finds one in flight waits for it. */
  const reserve = (key: string, subject: string, rule: RateLimitRule): Promise<Lease> => {
    let pending = reserving.get(key);
    if (!pending) {
      const again = { cost: leaseSize(rule.limit), sentAt: Date.now() };
      pending = hitWindow(rateLimitKey(rule, subject), rule.windowSeconds, again.cost)
        .then((window) => settle(key, rule, { ...again, window }, window))
        .finally(() => reserving.delete(key));
      reserving.set(key, pending);
    }
    return pending;
  };

  const dry = (lease: Lease | null, rule: RateLimitRule) =>
    !lease || (lease.left === 0 && lease.hits < rule.limit);

  const take = (lease: Lease, rule: RateLimitRule, at: number): RateLimitResult => {
    const resetSeconds = Math.max(0, Math.ceil((lease.endsAt - at) / 1000));
    const allowed = lease.left > 0;
    if (allowed) lease.left -= 1;
    return {
      allowed,
      limit: rule.limit,
      remaining: allowed ? Math.max(0, rule.limit - lease.hits) + lease.left : 0,
      resetSeconds,
      retryAfterSeconds: allowed ? 0 : Math.max(1, resetSeconds),
      secondsSincePreviousHit: null,
    };
  };

  return {
    /**
     * How many requests a lookup that finds the subject by `hint` (a session's token hash)
     * should count: none when the subject's lease can answer (a request left to serve, or the
     * window's budget known to be spent).
     */
    costFor(hint: string, rule: RateLimitRule): number {
      const subject = subjectOfHint.get(hint);
      if (subject === undefined) return leaseSize(rule.limit);
      const key = leaseKey(rule, subject);
      const at = Date.now();
      if (!dry(current(key, at), rule)) return 0;
      // Another request's lookup is reserving already: this one waits for that in admit.
      if ((lookupReserving.get(key) ?? 0) > at) return 0;
      remember(lookupReserving, key, at + LOOKUP_RESERVING_MS);
      return leaseSize(rule.limit);
    },

    /**
     * One request of the subject's: served from the lease (reserving more if it ran dry) or
     * refused. `counted` is what the request's own lookup counted; `hint`, what it found the
     * subject by (remembered for `costFor`).
     */
    async admit(
      subject: string,
      rule: RateLimitRule,
      counted: Counted,
      hint?: string,
    ): Promise<RateLimitResult> {
      if (hint !== undefined && subjectOfHint.get(hint) !== subject) {
        remember(subjectOfHint, hint, subject);
      }
      const key = leaseKey(rule, subject);
      if (counted.cost > 0) lookupReserving.delete(key);
      let lease = counted.window ? settle(key, rule, counted, counted.window) : null;
      lease ??= current(key, Date.now());
      // Nothing reserved yet, or concurrent requests took it: reserve (or wait for the
      // reservation in flight), until a request is left for this one or the budget is spent.
      while (dry(lease, rule)) lease = await reserve(key, subject, rule);
      return take(lease!, rule, Date.now());
    },
  };
}

export type BudgetLeases = ReturnType<typeof budgetLeases>;
