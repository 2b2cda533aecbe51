/**
 * Keyset page cursors (`<created_at to the microsecond>Z_<uuid>`), as the project list API and
 * the audit log write them. Both go back into SQL as `::timestamptz` and `::uuid`, so a cursor
 * is accepted only if Postgres can read both parts: a real calendar date and time in years
 * 1000 to 9999 (JavaScript's Date would roll 2026-02-30 over to March; Postgres refuses it) and a
 * UUID. Anything else is the caller's mistake, never a 500. No `server-only`: it is pure.
 * The two SQL halves live here too, so what Postgres writes and what the parser accepts are
 * one definition: `cursorTimeSql` reads a row's time in exactly this format, and `cursorSql`
 * turns a cursor back into a `(timestamptz, uuid)` row value to compare positions with.
 */
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";

export interface KeysetCursor {
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, UTC. */
  time: string;
  id: string;
}

const CURSOR = /^((\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.\d{6}Z)_([0-9a-f-]{36})$/;
const uuid = z.uuid();

/** The cursor's parts, or null when Postgres could not read them. */
export function parseKeysetCursor(value: string): KeysetCursor | null {
  const match = CURSOR.exec(value);
  if (!match) return null;
  const [, time, ...fields] = match;
  const [year, month, day, hour, minute, second] = fields.slice(0, 6).map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  const real =
    year! >= 1000 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  const id = match[8]!;
  return real && uuid.safeParse(id).success ? { time: time!, id } : null;
}

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return `${cursor.time}_${cursor.id}`;
}

/** A row's `created_at` as the cursor's time: UTC, to the microsecond (a JS Date would round). */
export function cursorTimeSql(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/**
 * The cursor as a row value, for `(created_at, id) < …`. `::text` first, so the microseconds
 * survive whatever a driver does with a parameter the server types as timestamptz
 * (postgres.js alone would pass it through a JS Date).
 */
export function cursorSql(cursor: KeysetCursor): SQL {
  return sql`(${cursor.time}::text::timestamptz, ${cursor.id}::uuid)`;
}
