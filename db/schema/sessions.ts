import { sql } from "drizzle-orm";
import { index, inet, pgPolicy, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { appUser, currentUserId } from "./roles";
import { users } from "./users";

/**
 * Server-side sessions (Lucia's model). The browser holds a sealed random token; this table
 * holds only SHA-256(token), so a database leak yields no usable cookie. Validation by hash
 * happens in the SECURITY DEFINER function `app_session_lookup`.
 */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: bytea().primaryKey(),
    /** A public handle for one session (the sessions page revokes by it); never the token. */
    id: uuid().notNull().defaultRandom().unique("sessions_id_key"),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    authenticatedAt: timestamp({ withTimezone: true }).notNull(),
    ip: inet(),
    userAgent: text(),
  },
  (t) => [
    index("sessions_user_id_idx").on(t.userId),
    pgPolicy("sessions are visible to their user", {
      for: "select",
      to: appUser,
      using: sql`${t.userId} = ${currentUserId}`,
    }),
    // A disabled account gets no new session, even from a login that raced the disabling.
    pgPolicy("sessions are created for the user in context unless disabled", {
      for: "insert",
      to: appUser,
      withCheck: sql`${t.userId} = ${currentUserId} and not exists (select 1 from disabled_accounts d where d.user_id = sessions.user_id)`,
    }),
    pgPolicy("sessions are renewed by their user", {
      for: "update",
      to: appUser,
      using: sql`${t.userId} = ${currentUserId}`,
      withCheck: sql`${t.userId} = ${currentUserId}`,
    }),
    pgPolicy("sessions are ended by their user", {
      for: "delete",
      to: appUser,
      using: sql`${t.userId} = ${currentUserId}`,
    }),
  ],
).enableRLS();

export type Session = typeof sessions.$inferSelect;
