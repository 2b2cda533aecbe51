import { sql } from "drizzle-orm";
import { index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { appUser, currentUserId } from "./roles";
import { users } from "./users";

/**
 * The platform (operator) layer above organizations (ADR 015, docs/admin.md). None of these
 * tables is a tenant table, and the runtime role can change none of them: every write goes
 * through the reviewed SECURITY DEFINER functions of drizzle/0018, which check that the user in
 * context is a platform admin and write the platform audit entry in the same transaction.
 */

const noWrites = (name: string) => [
  pgPolicy(`${name} are written only through the admin functions`, {
    for: "insert",
    to: appUser,
    withCheck: sql`false`,
  }),
  pgPolicy(`${name} are changed only through the admin functions`, {
    for: "update",
    to: appUser,
    using: sql`false`,
    withCheck: sql`false`,
  }),
  pgPolicy(`${name} are removed only through the admin functions`, {
    for: "delete",
    to: appUser,
    using: sql`false`,
  }),
];

/** Who may use `/admin`. Granted only by a one-time bootstrap token (`npm run admin:grant`). */
export const platformAdmins = pgTable(
  "platform_admins",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    pgPolicy("platform admins see only their own grant", {
      for: "select",
      to: appUser,
      using: sql`${t.userId} = ${currentUserId}`,
    }),
    ...noWrites("platform admin grants"),
  ],
).enableRLS();

/**
 * Accounts a platform admin has disabled (checklist S8). While a row exists the account has no
 * session: the session lookups skip it, new sessions are refused, and its API keys are dead.
 * Kept apart from `users`, which the runtime role may update for the user in context, so no
 * code path that edits one's own profile can clear it.
 */
export const disabledAccounts = pgTable(
  "disabled_accounts",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    disabledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    disabledBy: uuid().references(() => users.id, { onDelete: "set null" }),
    reason: text().notNull(),
  },
  (t) => [
    pgPolicy("a disabled account can see that it is disabled", {
      for: "select",
      to: appUser,
      using: sql`${t.userId} = ${currentUserId}`,
    }),
    ...noWrites("account suspensions"),
  ],
).enableRLS();

/**
 * One-time tokens that make the signed-in, verified owner of `email` a platform admin
 * (checklist A11: no default admin account). Issued from the command line as the schema owner;
 * only SHA-256 of the token is stored; claiming one deletes it.
 */
export const platformAdminTokens = pgTable(
  "platform_admin_tokens",
  {
    tokenHash: bytea().primaryKey(),
    email: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  () => [
    pgPolicy("admin tokens are read only by the claim function", {
      for: "select",
      to: appUser,
      using: sql`false`,
    }),
    ...noWrites("admin tokens"),
  ],
).enableRLS();

/**
 * Every platform-admin change (checklist Z10): who, to whom, what it was before and after.
 * Emails are copied so the trail outlives deleted accounts.
 */
export const platformAudit = pgTable(
  "platform_audit",
  {
    id: uuid().primaryKey().defaultRandom(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: uuid(),
    actorEmail: text(),
    action: text().notNull(),
    targetUserId: uuid(),
    targetEmail: text(),
    before: jsonb().$type<Record<string, unknown>>(),
    after: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    index("platform_audit_created_at_idx").on(t.createdAt),
    pgPolicy("the platform audit is read only through the admin functions", {
      for: "select",
      to: appUser,
      using: sql`false`,
    }),
    ...noWrites("platform audit entries"),
  ],
).enableRLS();

export type PlatformAuditEntry = typeof platformAudit.$inferSelect;
