import { sql } from "drizzle-orm";
import { index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { appUser, currentOrgId } from "./roles";
import { users } from "./users";

/**
 * What happened in an organization, append-only. The runtime role is granted INSERT and
 * SELECT only (drizzle/0006), and the UPDATE/DELETE policies admit no row either, so an entry
 * cannot be changed or removed by the app, even by a bug. Entries are written in the same
 * transaction as the action they record.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    ip: text(),
    userAgent: text(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_org_id_created_at_idx").on(t.orgId, t.createdAt.desc(), t.id.desc()),
    pgPolicy("audit entries are visible in their org", {
      for: "select",
      to: appUser,
      using: sql`${t.orgId} = ${currentOrgId}`,
    }),
    pgPolicy("audit entries are written in the org in context", {
      for: "insert",
      to: appUser,
      withCheck: sql`${t.orgId} = ${currentOrgId}`,
    }),
    pgPolicy("audit entries are never changed", {
      for: "update",
      to: appUser,
      using: sql`false`,
      withCheck: sql`false`,
    }),
    pgPolicy("audit entries are never deleted", {
      for: "delete",
      to: appUser,
      using: sql`false`,
    }),
  ],
).enableRLS();

export type AuditEntry = typeof auditLog.$inferSelect;
