import { sql } from "drizzle-orm";
import { index, pgPolicy, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { appUser, currentOrgId } from "./roles";
import { users } from "./users";

const inTenant = (orgId: unknown) => sql`${orgId} = ${currentOrgId}`;

/**
 * The demo tenant resource: copy this table to add your own. Every tenant table has a
 * non-null org_id, forced RLS (drizzle/0004), one policy per command on the org in context,
 * an index leading with org_id, and per-tenant uniques.
 */
export const projects = pgTable(
  "projects",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // (org_id, id) is the target for composite foreign keys from child tables, which keeps
    // every child inside its parent's tenant.
    unique("projects_org_id_id_key").on(t.orgId, t.id),
    unique("projects_org_id_name_key").on(t.orgId, t.name),
    index("projects_org_id_created_at_idx").on(t.orgId, t.createdAt.desc()),
    pgPolicy("projects are visible in their org", {
      for: "select",
      to: appUser,
      using: inTenant(t.orgId),
    }),
    pgPolicy("projects are created in the org in context", {
      for: "insert",
      to: appUser,
      withCheck: inTenant(t.orgId),
    }),
    pgPolicy("projects are changed within their org", {
      for: "update",
      to: appUser,
      using: inTenant(t.orgId),
      withCheck: inTenant(t.orgId),
    }),
    pgPolicy("projects are deleted in their org", {
      for: "delete",
      to: appUser,
      using: inTenant(t.orgId),
    }),
  ],
).enableRLS();

export type Project = typeof projects.$inferSelect;
