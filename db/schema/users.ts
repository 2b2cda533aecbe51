import { sql } from "drizzle-orm";
import { pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appUser, currentOrgId, currentUserId } from "./roles";

/**
 * Accounts. Not a tenant table: a user belongs to many organizations. The runtime role sees
 * only the row of the user in context (`app.user_id`); lookups by email before anyone is
 * signed in go through the SECURITY DEFINER function `app_login_lookup`.
 */
export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    passwordHash: text(),
    /** When the user proved control of `email` (an emailed link). Null: not yet. */
    emailVerifiedAt: timestamp({ withTimezone: true }),
    displayName: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    pgPolicy("users can read their own row and fellow members of the org in context", {
      for: "select",
      to: appUser,
      using: sql`${t.id} = ${currentUserId} or ${t.id} in (select m.user_id from memberships m where m.org_id = ${currentOrgId})`,
    }),
    pgPolicy("users are created only as themselves", {
      for: "insert",
      to: appUser,
      withCheck: sql`${t.id} = ${currentUserId}`,
    }),
    pgPolicy("users can update their own row", {
      for: "update",
      to: appUser,
      using: sql`${t.id} = ${currentUserId}`,
      withCheck: sql`${t.id} = ${currentUserId}`,
    }),
    pgPolicy("users can delete their own row", {
      for: "delete",
      to: appUser,
      using: sql`${t.id} = ${currentUserId}`,
    }),
  ],
).enableRLS();

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
