import { sql } from "drizzle-orm";
import {
  check,
  index,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { appUser, currentOrgId, currentUserId } from "./roles";
import { users } from "./users";

/**
 * Tenants. A row is visible in its own tenant context, and to its members (so the org
 * switcher can list a user's organizations before any org is chosen).
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
    pgPolicy("organizations are visible in their context and to their members", {
      for: "select",
      to: appUser,
      using: sql`${t.id} = ${currentOrgId} or ${t.id} in (select m.org_id from memberships m where m.user_id = ${currentUserId})`,
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

export const MEMBER_ROLES = ["owner", "admin", "member", "viewer"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * Who belongs to which organization. Visible in the org's context, and each user sees their
 * own memberships everywhere (the org switcher). Written only in the org's context.
 */
export const memberships = pgTable(
  "memberships",
  {
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text().$type<MemberRole>().notNull(),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    index("memberships_user_id_idx").on(t.userId),
    check("memberships_role_check", sql`${t.role} in ('owner', 'admin', 'member', 'viewer')`),
    pgPolicy("memberships are visible in their org and to their user", {
      for: "select",
      to: appUser,
      using: sql`${t.orgId} = ${currentOrgId} or ${t.userId} = ${currentUserId}`,
    }),
    pgPolicy("memberships are added in their org", {
      for: "insert",
      to: appUser,
      withCheck: sql`${t.orgId} = ${currentOrgId}`,
    }),
    pgPolicy("memberships are changed in their org", {
      for: "update",
      to: appUser,
      using: sql`${t.orgId} = ${currentOrgId}`,
      withCheck: sql`${t.orgId} = ${currentOrgId}`,
    }),
    pgPolicy("memberships are removed in their org", {
      for: "delete",
      to: appUser,
      using: sql`${t.orgId} = ${currentOrgId}`,
    }),
  ],
).enableRLS();

export type Membership = typeof memberships.$inferSelect;
