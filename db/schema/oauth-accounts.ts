import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { appUser, currentUserId } from "./roles";
import { users } from "./users";

const ownRow = (userId: unknown) => sql`${userId} = ${currentUserId}`;

/**
 * Logins through an OAuth/OIDC provider (checklist O7): keyed on (provider, the provider's
 * stable subject), never on email. The email is what the provider asserted at link time, kept
 * for display only. No provider tokens are stored. A user sees only their own rows; the login
 * lookup by (provider, subject), before anyone is signed in, goes through a SECURITY DEFINER
 * function.
 */
export const oauthAccounts = pgTable(
  "oauth_accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    providerSubject: text().notNull(),
    email: text(),
    emailVerified: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("oauth_accounts_provider_subject_key").on(t.provider, t.providerSubject),
    uniqueIndex("oauth_accounts_user_id_provider_key").on(t.userId, t.provider),
    index("oauth_accounts_user_id_idx").on(t.userId),
    pgPolicy("oauth accounts are visible to their user", {
      for: "select",
      to: appUser,
      using: ownRow(t.userId),
    }),
    pgPolicy("oauth accounts are linked to the user in context", {
      for: "insert",
      to: appUser,
      withCheck: ownRow(t.userId),
    }),
    pgPolicy("oauth accounts are updated by their user", {
      for: "update",
      to: appUser,
      using: ownRow(t.userId),
      withCheck: ownRow(t.userId),
    }),
    pgPolicy("oauth accounts are unlinked by their user", {
      for: "delete",
      to: appUser,
      using: ownRow(t.userId),
    }),
  ],
).enableRLS();

export type OAuthAccount = typeof oauthAccounts.$inferSelect;
