import { sql } from "drizzle-orm";
import { index, integer, pgPolicy, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { appUser } from "./roles";

/**
 * Shared counters for rate limits and brute-force back-off (checklist A9, K5). In Postgres so
 * every app instance sees the same counts. One row per key (e.g. `login:ip:203.0.113.7`), a
 * fixed window that restarts when it has passed. The runtime role has no grant on the table:
 * it counts only through the SECURITY DEFINER functions of drizzle/0009, each one atomic
 * upsert, and its policies admit nothing.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    hits: integer().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
    lastHitAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("rate_limits_expires_at_idx").on(t.expiresAt),
    pgPolicy("rate limits are read only through the limiter functions", {
      for: "select",
      to: appUser,
      using: sql`false`,
    }),
    pgPolicy("rate limits are counted only through the limiter functions", {
      for: "insert",
      to: appUser,
      withCheck: sql`false`,
    }),
    pgPolicy("rate limits are changed only through the limiter functions", {
      for: "update",
      to: appUser,
      using: sql`false`,
      withCheck: sql`false`,
    }),
    pgPolicy("rate limits are cleared only through the limiter functions", {
      for: "delete",
      to: appUser,
      using: sql`false`,
    }),
  ],
).enableRLS();
