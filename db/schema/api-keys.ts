import { sql } from "drizzle-orm";
import {
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { organizations } from "./organizations";
import { appUser, currentOrgId } from "./roles";
import { users } from "./users";

const inTenant = (orgId: unknown) => sql`${orgId} = ${currentOrgId}`;

/**
 * Organization API keys (checklist K1–K7). The key itself is shown once; the table holds only
 * SHA-256 of it and a short display prefix, so a leaked table yields no usable key. A key acts
 * with `scopes` intersected with its creator's current permissions in the org, so demoting or
 * removing the creator narrows every key they made at once. Lookup by hash, before the org is
 * known, goes through a SECURITY DEFINER function; everything else is tenant data.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** The start of the key as shown in lists (e.g. `sk_live_AbC123`); not a secret. */
    displayPrefix: text().notNull(),
    secretHash: bytea().notNull(),
    scopes: text().array().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Null: the key does not expire. */
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: timestamp({ withTimezone: true }),
    lastUsedIp: text(),
  },
  (t) => [
    unique("api_keys_org_id_id_key").on(t.orgId, t.id),
    uniqueIndex("api_keys_secret_hash_key").on(t.secretHash),
    index("api_keys_org_id_created_at_idx").on(t.orgId, t.createdAt.desc()),
    pgPolicy("api keys are visible in their org", {
      for: "select",
      to: appUser,
      using: inTenant(t.orgId),
    }),
    pgPolicy("api keys are created in the org in context", {
      for: "insert",
      to: appUser,
      withCheck: inTenant(t.orgId),
    }),
    pgPolicy("api keys are changed within their org", {
      for: "update",
      to: appUser,
      using: inTenant(t.orgId),
      withCheck: inTenant(t.orgId),
    }),
    pgPolicy("api keys are deleted in their org", {
      for: "delete",
      to: appUser,
      using: inTenant(t.orgId),
    }),
  ],
).enableRLS();

export type ApiKey = typeof apiKeys.$inferSelect;
