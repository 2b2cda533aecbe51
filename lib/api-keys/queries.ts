/**
 * The org's API keys as tenant data: create, list, revoke, each in the caller's tenant
 * transaction (row-level security scopes them to the org in context). The runtime role cannot
 * read `secret_hash` back (drizzle/0012), so every select names its columns.
 */
import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { apiKeys, memberships, users } from "@/db/schema";
import { withTenant, type TenantContext, type Transaction } from "@/db/tenant";
import { isPermission, type Permission } from "@/lib/authz/permissions";
import { now } from "@/lib/clock";
import { generateApiKey } from "./api-key-token";

export type ApiKeyStatus = "active" | "expired" | "revoked" | "creator_left";

export interface ApiKeyView {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: Permission[];
  /** The creator's email while they are a member (RLS shows only fellow members); else null. */
  creatorEmail: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  status: ApiKeyStatus;
}

export async function insertApiKey(
  tx: Transaction,
  values: {
    orgId: string;
    name: string;
    scopes: Permission[];
    createdBy: string;
    expiresAt: Date | null;
  },
): Promise<{ id: string; key: string; displayPrefix: string }> {
  const { key, displayPrefix, secretHash } = generateApiKey();
  const [row] = await tx
    .insert(apiKeys)
    .values({ ...values, displayPrefix, secretHash })
    .returning({ id: apiKeys.id });
  return { id: row!.id, key, displayPrefix };
}

export async function selectApiKeys(tx: Transaction): Promise<ApiKeyView[]> {
  const rows = await tx
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      displayPrefix: apiKeys.displayPrefix,
      scopes: apiKeys.scopes,
      creatorEmail: users.email,
      creatorIsMember: sql<boolean>`${memberships.userId} is not null`,
      createdAt: apiKeys.createdAt,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      lastUsedIp: apiKeys.lastUsedIp,
    })
    .from(apiKeys)
    .leftJoin(
      memberships,
      and(eq(memberships.orgId, apiKeys.orgId), eq(memberships.userId, apiKeys.createdBy)),
    )
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.createdAt));
  const at = now();
  return rows.map(({ creatorIsMember, ...row }) => ({
    ...row,
    scopes: row.scopes.filter(isPermission),
    status: row.revokedAt
      ? "revoked"
      : row.expiresAt && row.expiresAt <= at
        ? "expired"
        : creatorIsMember
          ? "active"
          : "creator_left",
  }));
}

/** Revokes a live key of the org in context; null when there is none with this id. */
export async function revokeApiKey(
  tx: Transaction,
  id: string,
  revokedBy: string,
): Promise<{ name: string; displayPrefix: string } | null> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: now(), revokedBy })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ name: apiKeys.name, displayPrefix: apiKeys.displayPrefix });
  return row ?? null;
}

/** The org's keys for the settings page, newest first. */
export async function listApiKeys(ctx: TenantContext): Promise<ApiKeyView[]> {
  return withTenant(ctx, (tx) => selectApiKeys(tx));
}
