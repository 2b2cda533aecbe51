import { sql } from "drizzle-orm";
import { pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appUser, currentOrgId, currentUserId } from "./roles";

/**
 * Tenants. A row is visible in its own tenant context, and to its members outside any tenant
 * context (so the org switcher can list a user's organizations); inside one org's context, no
 * other org is visible, not even to its members.
 */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    slug: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organizations_slug_key").on(t.slug),
    pgPolicy("organizations are visible in their context, and to their members outside any", {
      for: "select",
      to: appUser,
      using: sql`${t.id} = ${currentOrgId} or (${currentOrgId} is null and ${t.id} in (select m.org_id from memberships m where m.user_id = ${currentUserId}))`,
    }),
    pgPolicy("organizations are created in their own context", {
      for: "insert",
      to: appUser,
      withCheck: sql`${t.id} = ${currentOrgId}`,
    }),
    pgPolicy("organizations are changed in their own context", {
      for: "update",
      to: appUser,
      using: sql`${t.id} = ${currentOrgId}`,
      withCheck: sql`${t.id} = ${currentOrgId}`,
    }),
    pgPolicy("organizations are deleted in their own context", {
      for: "delete",
      to: appUser,
      using: sql`${t.id} = ${currentOrgId}`,
    }),
  ],
).enableRLS();

export type Organization = typeof organizations.$inferSelect;
