import { sql } from "drizzle-orm";
import {
  check,
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { appUser, currentUserId } from "./roles";
import { users } from "./users";

export const ACCOUNT_TOKEN_PURPOSES = ["verify_email", "reset_password", "change_email"] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

const ownRow = (userId: unknown) => sql`${userId} = ${currentUserId}`;

/**
 * Emailed one-time tokens: email verification, password reset and email change (checklist
 * A12). Only SHA-256 of the token is stored. `email` is the address the link was sent to (for
 * an email change, the new address). At most one live token per user and purpose: issuing a
 * new one deletes the old, and the partial unique index makes that a rule, not a habit. A
 * token is spent by a conditional UPDATE of `used_at`, so it works once. Lookups by hash,
 * before anyone is signed in, go through a SECURITY DEFINER function.
 */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text().$type<AccountTokenPurpose>().notNull(),
    tokenHash: bytea().notNull(),
    email: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("account_tokens_token_hash_key").on(t.tokenHash),
    uniqueIndex("account_tokens_live_purpose_key")
      .on(t.userId, t.purpose)
      .where(sql`${t.usedAt} is null`),
    index("account_tokens_user_id_idx").on(t.userId),
    check(
      "account_tokens_purpose_check",
      sql`${t.purpose} in ('verify_email', 'reset_password', 'change_email')`,
    ),
    pgPolicy("account tokens are visible to their user", {
      for: "select",
      to: appUser,
      using: ownRow(t.userId),
    }),
    pgPolicy("account tokens are issued to the user in context", {
      for: "insert",
      to: appUser,
      withCheck: ownRow(t.userId),
    }),
    pgPolicy("account tokens are spent by their user", {
      for: "update",
      to: appUser,
      using: ownRow(t.userId),
      withCheck: ownRow(t.userId),
    }),
    pgPolicy("account tokens are withdrawn by their user", {
      for: "delete",
      to: appUser,
      using: ownRow(t.userId),
    }),
  ],
).enableRLS();

export type AccountToken = typeof accountTokens.$inferSelect;
