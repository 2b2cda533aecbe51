/**
 * The shared rate-limit counters (drizzle/0010, 0015): SECURITY DEFINER functions over a table
 * the runtime role cannot otherwise touch. Each call is one statement and one round trip.
 *
 * Times come back as durations measured on the database's clock (`clock_timestamp()` right after
 * the count), never as timestamps for the app to compare with its own clock: the counters are
 * shared by every app instance, and a skewed instance clock must not shorten a back-off.
 */
import "server-only";
import { client } from "./client";

export interface WindowCount {
  hits: number;
  /** Seconds until the window ends (the count starts again), or null without a window. */
  secondsLeft: number | null;
  /** Seconds since the hit before this one in the window (hit) or the last hit (peek). */
  secondsSincePrevious: number | null;
}

type Row = { hits: number; seconds_left: number | null; seconds_since_previous: number | null };

const seconds = (value: number | string | null) => (value === null ? null : Number(value));

export const windowCount = (row: Row): WindowCount => ({
  hits: row.hits,
  secondsLeft: seconds(row.seconds_left),
  secondsSincePrevious: seconds(row.seconds_since_previous),
});

/** A window a lookup counted in its own statement (no previous hit); null when it counted none. */
export const countedWindow = (hits: number | null, secondsLeft: number | null) =>
  hits === null
    ? null
    : windowCount({ hits, seconds_left: secondsLeft, seconds_since_previous: null });

/** Counts `cost` hits against `key` in a fixed window; returns the count including them. */
export async function hitWindow(
  key: string,
  windowSeconds: number,
  cost: number,
): Promise<WindowCount> {
  const [row] = await client().sql<Row[]>`
    select w.hits,
      extract(epoch from w.window_ends_at - clock_timestamp())::float8 as seconds_left,
      extract(epoch from clock_timestamp() - w.previous_hit_at)::float8 as seconds_since_previous
    from app_rate_limit_hit(${key}, ${windowSeconds}, ${cost}) w`;
  if (!row) throw new Error("app_rate_limit_hit returned no row");
  return windowCount(row);
}

/** The current window of `key` without counting: zero hits when there is none. */
export async function peekWindow(key: string): Promise<WindowCount> {
  const [row] = await client().sql<Row[]>`
    select w.hits,
      extract(epoch from w.window_ends_at - clock_timestamp())::float8 as seconds_left,
      extract(epoch from clock_timestamp() - w.last_hit_at)::float8 as seconds_since_previous
    from app_rate_limit_peek(${key}) w`;
  if (!row) throw new Error("app_rate_limit_peek returned no row");
  return windowCount(row);
}

/** Forgets every key in `keys`, in one statement. */
export async function clearWindows(keys: readonly string[]): Promise<void> {
  const sql = client().sql;
  await sql`select app_rate_limit_clear(k) from unnest(${sql.array([...keys])}::text[]) as k`;
}

/** Gives back `cost` hits in `key`'s current window (never below zero). */
export async function refundWindow(key: string, cost: number): Promise<void> {
  await client().sql`select app_rate_limit_refund(${key}, ${cost})`;
}
