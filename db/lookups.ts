/**
 * Pre-authentication lookups: the few reads that must happen before any user is in context.
 * Each calls a reviewed SECURITY DEFINER function (drizzle/0002, 0006, 0008, 0013) that
 * returns exactly one account or session for one key, so the runtime role never holds a
 * policy that lets it list users or sessions.
 */
import "server-only";
import { client } from "./client";
import type { WindowCount } from "./rate-limits";
import {
  apiSessionLookupBatcher,
  sessionLookupBatcher,
  type SessionRow,
} from "./session-lookup-batch";
import type { AccountTokenPurpose } from "./schema/account-tokens";
import type { AuthEventKind } from "./schema/auth-events";
import type { BuiltInRole } from "./schema/org-roles";

export interface LoginRecord {
  userId: string;
  passwordHash: string | null;
}

export async function findLoginByEmail(email: string): Promise<LoginRecord | null> {
  const rows = await client().sql<{ user_id: string; password_hash: string | null }[]>`
    select user_id, password_hash from app_login_lookup(${email})`;
  const row = rows[0];
  return row ? { userId: row.user_id, passwordHash: row.password_hash } : null;
}

export interface SessionRecord {
  userId: string;
  email: string;
  displayName: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  authenticatedAt: Date;
  /** The session's public handle (the sessions page); never the token or its hash. */
  sessionId: string;
  /** When the account's email was verified; null while it is not. */
  emailVerifiedAt: Date | null;
}

const lookupSessionRow = sessionLookupBatcher(() => client().sql);
const lookupApiSessionRow = apiSessionLookupBatcher(() => client().sql);

function sessionRecord(row: SessionRow): SessionRecord {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    authenticatedAt: new Date(row.authenticated_at),
    sessionId: row.session_id,
    emailVerifiedAt: row.email_verified_at === null ? null : new Date(row.email_verified_at),
  };
}

/** Batched with the lookups of concurrent requests (db/session-lookup-batch.ts, ADR 014). */
export async function findSessionByTokenHash(tokenHash: Buffer): Promise<SessionRecord | null> {
  const row = await lookupSessionRow(tokenHash);
  return row ? sessionRecord(row) : null;
}

/**
 * The API's session lookup: the same session, and `bucket.cost` requests counted in its user's
 * bucket under `bucket.rule` (lib/rate-limit's key format) in the same round trip; cost 0
 * counts nothing (lib/api/budget-leases.ts serves from its reservation).
 */
export async function findApiSessionByTokenHash(
  tokenHash: Buffer,
  bucket: { rule: string; windowSeconds: number; cost: number },
): Promise<{ session: SessionRecord | null; userWindow: WindowCount | null }> {
  const { session, userWindow } = await lookupApiSessionRow(tokenHash, bucket);
  return { session: session ? sessionRecord(session) : null, userWindow };
}

/** A role as the invitation lookup returns it: a built-in's name, or a custom role's list. */
export interface RoleGrant {
  builtIn: BuiltInRole | null;
  permissions: string[];
}

export interface InvitationRecord {
  id: string;
  orgId: string;
  orgName: string;
  orgSlug: string;
  email: string;
  roleName: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  /** The role the invitation offers. */
  offered: RoleGrant;
  /** Who sent (or last resent) it and the role they hold now; null once they are not a member. */
  inviter: (RoleGrant & { userId: string }) | null;
}

/** One invitation by SHA-256(token), before its org is known (the invitation page). */
export async function findInvitationByTokenHash(
  tokenHash: Buffer,
): Promise<InvitationRecord | null> {
  const rows = await client().sql<
    {
      id: string;
      org_id: string;
      org_name: string;
      org_slug: string;
      email: string;
      role_name: string;
      expires_at: string;
      accepted_at: string | null;
      revoked_at: string | null;
      role_built_in: BuiltInRole | null;
      role_permissions: string[];
      inviter_id: string | null;
      inviter_built_in: BuiltInRole | null;
      inviter_permissions: string[] | null;
    }[]
  >`select * from app_invitation_lookup(${tokenHash})`;
  const row = rows[0];
  if (!row) return null;
  const date = (value: string | null) => (value === null ? null : new Date(value));
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    orgSlug: row.org_slug,
    email: row.email,
    roleName: row.role_name,
    expiresAt: new Date(row.expires_at),
    acceptedAt: date(row.accepted_at),
    revokedAt: date(row.revoked_at),
    offered: { builtIn: row.role_built_in, permissions: row.role_permissions },
    inviter: row.inviter_id
      ? {
          userId: row.inviter_id,
          builtIn: row.inviter_built_in,
          permissions: row.inviter_permissions ?? [],
        }
      : null,
  };
}

export interface AccountTokenRecord {
  id: string;
  userId: string;
  /** The address the link was sent to (for an email change, the new address). */
  email: string;
  /** The account's email now. */
  userEmail: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** One emailed account token of `purpose` by SHA-256(token), before anyone is signed in. */
export async function findAccountTokenByHash(
  tokenHash: Buffer,
  purpose: AccountTokenPurpose,
): Promise<AccountTokenRecord | null> {
  const rows = await client().sql<
    {
      id: string;
      user_id: string;
      email: string;
      user_email: string;
      expires_at: string;
      used_at: string | null;
    }[]
  >`select * from app_account_token_lookup(${tokenHash}, ${purpose})`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    userEmail: row.user_email,
    expiresAt: new Date(row.expires_at),
    usedAt: row.used_at === null ? null : new Date(row.used_at),
  };
}

/** Appends one event to the user-level security log through its reviewed writer (A15). */
export async function insertAuthEvent(event: {
  event: AuthEventKind;
  outcome: "success" | "failure";
  method: string;
  email: string | null;
  ip: string | null;
  userAgent: string | null;
}): Promise<void> {
  await client().sql`
    select app_record_auth_event(${event.event}, ${event.outcome}, ${event.method},
      ${event.email}, ${event.ip}, ${event.userAgent})`;
}
