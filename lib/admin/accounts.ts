/**
 * What a platform admin reads and changes about accounts (checklist S8, S9, Z10), each through
 * one reviewed SECURITY DEFINER function of drizzle/0018 with the admin in context. Those
 * functions refuse anyone who is not a platform admin and write the platform audit entry in
 * the same transaction as the change.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { withUser } from "@/db/tenant";

export const ACCOUNTS_PAGE_SIZE = 50;

export interface AdminAccount {
  userId: string;
  email: string;
  displayName: string | null;
  createdAt: Date;
  emailVerifiedAt: Date | null;
  hasPassword: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  isPlatformAdmin: boolean;
  sessionCount: number;
  orgCount: number;
  liveKeyCount: number;
}

type AccountRow = {
  user_id: string;
  email: string;
  display_name: string | null;
  created_at: string;
  email_verified_at: string | null;
  has_password: boolean;
  disabled_at: string | null;
  disabled_reason: string | null;
  is_platform_admin: boolean;
  session_count: number;
  org_count: number;
  live_key_count: number;
  total_count: number;
};

const date = (value: string | null) => (value === null ? null : new Date(value));

function toAccount(row: AccountRow): AdminAccount {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    createdAt: new Date(row.created_at),
    emailVerifiedAt: date(row.email_verified_at),
    hasPassword: row.has_password,
    disabledAt: date(row.disabled_at),
    disabledReason: row.disabled_reason,
    isPlatformAdmin: row.is_platform_admin,
    sessionCount: row.session_count,
    orgCount: row.org_count,
    liveKeyCount: row.live_key_count,
  };
}

/** Accounts, newest first, whose email or name contains `search`; `page` counts from 1. */
export async function listAccounts(
  adminId: string,
  search: string,
  page: number,
): Promise<{ accounts: AdminAccount[]; total: number }> {
  const offset = (page - 1) * ACCOUNTS_PAGE_SIZE;
  const rows = await withUser(adminId, (tx) =>
    tx.execute<AccountRow>(
      sql`select * from app_admin_users(${search}, null, ${ACCOUNTS_PAGE_SIZE}, ${offset})`,
    ),
  );
  return { accounts: rows.map(toAccount), total: rows[0]?.total_count ?? 0 };
}

export async function getAccount(adminId: string, userId: string): Promise<AdminAccount | null> {
  const [row] = await withUser(adminId, (tx) =>
    tx.execute<AccountRow>(sql`select * from app_admin_users(null, ${userId}::uuid, 1, 0)`),
  );
  return row ? toAccount(row) : null;
}

export type DisableOutcome =
  | { status: "disabled"; sessionsEnded: number; keysRevoked: number }
  | { status: "already_disabled" }
  | { status: "not_found" }
  | { status: "own_account" };

export async function disableAccount(
  adminId: string,
  userId: string,
  reason: string,
): Promise<DisableOutcome> {
  // Ids are compared as text here; an upper-case spelling is the same account.
  if (userId.toLowerCase() === adminId.toLowerCase()) return { status: "own_account" };
  const [row] = await withUser(adminId, (tx) =>
    tx.execute<{ changed: boolean; sessions_ended: number; keys_revoked: number }>(
      sql`select * from app_admin_disable_user(${userId}::uuid, ${reason})`,
    ),
  );
  if (!row) return { status: "not_found" };
  if (!row.changed) return { status: "already_disabled" };
  return { status: "disabled", sessionsEnded: row.sessions_ended, keysRevoked: row.keys_revoked };
}

/** False when the account was not disabled. */
export async function enableAccount(adminId: string, userId: string): Promise<boolean> {
  const [row] = await withUser(adminId, (tx) =>
    tx.execute<{ changed: boolean }>(sql`select app_admin_enable_user(${userId}::uuid) as changed`),
  );
  return row?.changed === true;
}

/**
 * Ends every session of `userId`, or of everyone when it is null, except the session whose
 * token hash is `keep` (the admin's own). Returns how many ended.
 */
export async function endSessions(
  adminId: string,
  userId: string | null,
  keep: Buffer,
): Promise<number> {
  const [row] = await withUser(adminId, (tx) =>
    tx.execute<{ ended: number }>(
      sql`select app_admin_end_sessions(${userId}::uuid, ${keep}) as ended`,
    ),
  );
  return row?.ended ?? 0;
}

export interface PlatformAuditRow {
  id: string;
  createdAt: Date;
  actorEmail: string | null;
  action: string;
  targetUserId: string | null;
  targetEmail: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The newest platform audit entries, or only those about `userId`. */
export async function platformAuditEntries(
  adminId: string,
  userId: string | null,
  limit = 50,
): Promise<PlatformAuditRow[]> {
  const rows = await withUser(adminId, (tx) =>
    tx.execute<{
      id: string;
      created_at: string;
      actor_email: string | null;
      action: string;
      target_user_id: string | null;
      target_email: string | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>(sql`select * from app_admin_audit(${userId}::uuid, ${limit})`),
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at),
    actorEmail: r.actor_email,
    action: r.action,
    targetUserId: r.target_user_id,
    targetEmail: r.target_email,
    before: r.before,
    after: r.after,
  }));
}
