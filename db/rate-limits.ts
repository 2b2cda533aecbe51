/**
 * The shared rate-limit counters (drizzle/0010, 0015): SECURITY DEFINER functions over a table
 * the runtime role cannot otherwise touch. Each call is one statement and one round trip.
 */
import "server-only";
import { client } from "./client";

export interface WindowCount {
  hits: number;
  windowEndsAt: Date | null;
  /** The hit before this one in the same window (hit) or the last hit (peek), if any. */
  lastHitAt: Date | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

/** Counts `cost` hits against `key` in a fixed window; returns the count including them. */
export async function hitWindow(
  key: string,
  windowSeconds: number,
  cost: number,
): Promise<WindowCount> {
  const [row] = await client().sql<
    { hits: number; window_ends_at: string; previous_hit_at: string | null }[]
  >`select * from app_rate_limit_hit(${key}, ${windowSeconds}, ${cost})`;
  if (!row) throw new Error("app_rate_limit_hit returned no row");
  return {
    hits: row.hits,
    windowEndsAt: date(row.window_ends_at),
    lastHitAt: date(row.previous_hit_at),
  };
}

/** The current window of `key` without counting: zero hits when there is none. */
export async function peekWindow(key: string): Promise<WindowCount> {
  const [row] = await client().sql<
    { hits: number; window_ends_at: string | null; last_hit_at: string | null }[]
  >`select * from app_rate_limit_peek(${key})`;
  if (!row) throw new Error("app_rate_limit_peek returned no row");
  return {
    hits: row.hits,
    windowEndsAt: date(row.window_ends_at),
    lastHitAt: date(row.last_hit_at),
  };
}

export async function clearWindow(key: string): Promise<void> {
  await client().sql`select app_rate_limit_clear(${key})`;
}

/** Gives back `cost` hits in `key`'s current window (never below zero). */
export async function refundWindow(key: string, cost: number): Promise<void> {
  await client().sql`select app_rate_limit_refund(${key}, ${cost})`;
}
