/**
 * The per-request lookup for org pages and actions: session and membership in one call of the
 * reviewed SECURITY DEFINER function `app_request_context` (drizzle/0014), one round trip.
 */
import "server-only";
import type { BuiltInRole } from "./schema";
import { client } from "./client";
import type { SessionRecord } from "./lookups";

export interface MembershipRecord {
  orgId: string;
  slug: string;
  name: string;
  roleId: string;
  roleName: string;
  builtIn: BuiltInRole | null;
  rolePermissions: string[];
}

export interface RequestContextRecord {
  session: SessionRecord;
  /** Null when there was no slug, or the session's user is not a member of that org. */
  membership: MembershipRecord | null;
}

type Row = {
  session_id: string;
  user_id: string;
  email: string;
  display_name: string | null;
  // Strings: drizzle's postgres-js driver turns off the client's date parsing.
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  authenticated_at: string;
  email_verified_at: string | null;
  org_id: string | null;
  org_slug: string;
  org_name: string;
  role_id: string;
  role_name: string;
  role_built_in: BuiltInRole | null;
  role_permissions: string[];
};

/** The session for SHA-256(token) and its user's membership in the org `slug`, or null. */
export async function findRequestContext(
  tokenHash: Buffer,
  slug: string | null,
): Promise<RequestContextRecord | null> {
  const [row] = await client().sql<Row[]>`
    select * from app_request_context(${tokenHash}, ${slug})`;
  if (!row) return null;
  return {
    session: {
      userId: row.user_id,
      email: row.email,
      displayName: row.display_name,
      createdAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
      authenticatedAt: new Date(row.authenticated_at),
      sessionId: row.session_id,
      emailVerifiedAt: row.email_verified_at === null ? null : new Date(row.email_verified_at),
    },
    membership:
      row.org_id === null
        ? null
        : {
            orgId: row.org_id,
            slug: row.org_slug,
            name: row.org_name,
            roleId: row.role_id,
            roleName: row.role_name,
            builtIn: row.role_built_in,
            rolePermissions: row.role_permissions,
          },
  };
}
