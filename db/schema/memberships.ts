import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  pgPolicy,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { orgRoles } from "./org-roles";
import { appUser, currentOrgId, currentUserId } from "./roles";
import { users } from "./users";

/**
 * Who belongs to which organization, with which of the org's roles (a composite foreign key,
 * so a membership cannot point at another org's role). Visible in the org's context, and each
 * user sees their own memberships everywhere (the org switcher). Written only in the org's
 * context. A deferred trigger (drizzle/0006) refuses any change that leaves an org without an
 * owner, whoever makes it and however concurrently.
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
    roleId: uuid().notNull(),
    joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    index("memberships_user_id_idx").on(t.userId),
    index("memberships_org_id_role_id_idx").on(t.orgId, t.roleId),
    foreignKey({
      name: "memberships_role_fk",
      columns: [t.orgId, t.roleId],
      foreignColumns: [orgRoles.orgId, orgRoles.id],
    }),
    // Inside an org's context, that org's memberships only; the user's own memberships in
    // every org only outside one (the org switcher, account deletion). Otherwise a member of
    // two orgs would see their other membership in this org's member list.
    pgPolicy("memberships are visible in their org, and to their user outside any org", {
      for: "select",
      to: appUser,
      using: sql`${t.orgId} = ${currentOrgId} or (${currentOrgId} is null and ${t.userId} = ${currentUserId})`,
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
