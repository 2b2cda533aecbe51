import { sql } from "drizzle-orm";
import {
  check,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { appUser, currentOrgId, currentUserId } from "./roles";

export const BUILT_IN_ROLES = ["owner", "admin", "member", "viewer"] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

const inTenant = (orgId: unknown) => sql`${orgId} = ${currentOrgId}`;

/**
 * Roles, per organization. Every org gets the four built-in roles when it is created; their
 * permissions live in code (lib/authz/roles.ts), so the row only names them and the database
 * refuses to change or delete them. Custom roles carry their own permission list, checked
 * against the catalogue when written and filtered through it when read.
 */
export const orgRoles = pgTable(
  "org_roles",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    builtIn: text().$type<BuiltInRole>(),
    permissions: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("org_roles_org_id_id_key").on(t.orgId, t.id),
    uniqueIndex("org_roles_org_id_name_key").on(t.orgId, sql`lower(${t.name})`),
    unique("org_roles_org_id_built_in_key").on(t.orgId, t.builtIn),
    check(
      "org_roles_built_in_check",
      sql`${t.builtIn} is null or (${t.builtIn} in ('owner', 'admin', 'member', 'viewer') and cardinality(${t.permissions}) = 0)`,
    ),
    pgPolicy("roles are visible in their org, and to their holders outside any org", {
      for: "select",
      to: appUser,
      using: sql`${inTenant(t.orgId)} or (${currentOrgId} is null and (${t.orgId}, ${t.id}) in (select m.org_id, m.role_id from memberships m where m.user_id = ${currentUserId}))`,
    }),
    pgPolicy("roles are created in the org in context", {
      for: "insert",
      to: appUser,
      withCheck: inTenant(t.orgId),
    }),
    pgPolicy("only custom roles are changed, within their org", {
      for: "update",
      to: appUser,
      using: sql`${inTenant(t.orgId)} and ${t.builtIn} is null`,
      withCheck: sql`${inTenant(t.orgId)} and ${t.builtIn} is null`,
    }),
    pgPolicy("only custom roles are deleted, within their org", {
      for: "delete",
      to: appUser,
      using: sql`${inTenant(t.orgId)} and ${t.builtIn} is null`,
    }),
  ],
).enableRLS();

export type OrgRole = typeof orgRoles.$inferSelect;
