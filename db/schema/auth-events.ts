import { sql } from "drizzle-orm";
import { check, index, pgPolicy, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { appUser, currentUserId } from "./roles";
import { users } from "./users";

export const AUTH_EVENTS = [
  "login",
  "logout",
  "signup",
  "email_verified",
  "password_reset_requested",
  "password_reset",
  "password_changed",
  "email_change_requested",
  "email_changed",
  "session_revoked",
  "account_deleted",
  "oauth_linked",
  "oauth_unlinked",
  "locked_out",
] as const;
export type AuthEventKind = (typeof AUTH_EVENTS)[number];

/**
 * The user-level security log (checklist A15): every sign-in attempt, sign-up and sign-out,
 * with its outcome, method, email, IP and user agent; never a password, token or code. Written
 * only through `app_record_auth_event` (drizzle/0008), which resolves the account from the
 * email itself, so the app cannot attach an event to an arbitrary user id; append-only for
 * everyone. Each user can read their own events (Account → Security activity).
 */
export const authEvents = pgTable(
  "auth_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id, { onDelete: "cascade" }),
    email: text(),
    event: text().$type<AuthEventKind>().notNull(),
    outcome: text().$type<"success" | "failure">().notNull(),
    method: text().notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("auth_events_user_id_created_at_idx").on(t.userId, t.createdAt.desc()),
    index("auth_events_email_created_at_idx").on(t.email, t.createdAt.desc()),
    check(
      "auth_events_event_check",
      // sql.raw, because drizzle-kit writes bound parameters into DDL as $1, $2, ... (tried:
      // it generated a CHECK with placeholders). Only the constant AUTH_EVENTS reaches it, and
      // db/auth-events.test.ts checks each is a bare identifier and that the DB's CHECK matches.
      sql.raw(`event in (${AUTH_EVENTS.map((e) => `'${e}'`).join(", ")})`),
    ),
    check("auth_events_outcome_check", sql`${t.outcome} in ('success', 'failure')`),
    pgPolicy("users read their own auth events", {
      for: "select",
      to: appUser,
      using: sql`${t.userId} = ${currentUserId}`,
    }),
    pgPolicy("auth events are written only by app_record_auth_event", {
      for: "insert",
      to: appUser,
      withCheck: sql`false`,
    }),
    pgPolicy("auth events are never changed", {
      for: "update",
      to: appUser,
      using: sql`false`,
      withCheck: sql`false`,
    }),
    pgPolicy("auth events are never deleted", {
      for: "delete",
      to: appUser,
      using: sql`false`,
    }),
  ],
).enableRLS();

export type AuthEvent = typeof authEvents.$inferSelect;
