import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { organizations } from "./organizations";
import { orgRoles } from "./org-roles";
import { appUser, currentOrgId } from "./roles";
import { users } from "./users";

const inTenant = (orgId: unknown) => sql`${orgId} = ${currentOrgId}`;

/**
 * Invitations to join an organization. Only SHA-256 of the emailed token is stored; the row
 * binds the token to one email address, one org and one role (checklist Z9, A12). A row is
 * pending until accepted, revoked or expired; at most one pending invitation per address.
 * Read before the org is known only through `app_invitation_lookup(token_hash)`.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text().notNull(),
    roleId: uuid().notNull(),
    tokenHash: bytea().notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    foreignKey({
      name: "invitations_role_fk",
      columns: [t.orgId, t.roleId],
      foreignColumns: [orgRoles.orgId, orgRoles.id],
    }),
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    uniqueIndex("invitations_pending_email_key")
      .on(t.orgId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    index("invitations_org_id_created_at_idx").on(t.orgId, t.createdAt.desc()),
    pgPolicy("invitations are visible in their org", {
      for: "select",
      to: appUser,
      using: inTenant(t.orgId),
    }),
    pgPolicy("invitations are created in the org in context", {
      for: "insert",
      to: appUser,
      withCheck: inTenant(t.orgId),
    }),
    pgPolicy("invitations are changed within their org", {
      for: "update",
      to: appUser,
      using: inTenant(t.orgId),
      withCheck: inTenant(t.orgId),
    }),
    pgPolicy("invitations are deleted in their org", {
      for: "delete",
      to: appUser,
      using: inTenant(t.orgId),
    }),
  ],
).enableRLS();

export type Invitation = typeof invitations.$inferSelect;
