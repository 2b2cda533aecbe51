/**
 * Pre-authentication lookups: the few reads that must happen before any user is in context.
 * Each calls a reviewed SECURITY DEFINER function (drizzle/0002_grants_and_lookups.sql) that
 * returns exactly one account or session for one key, so the runtime role never holds a
 * policy that lets it list users or sessions.
 */
import "server-only";
import { client } from "./client";

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
}

export async function findSessionByTokenHash(tokenHash: Buffer): Promise<SessionRecord | null> {
  const rows = await client().sql<
    {
      user_id: string;
      email: string;
      display_name: string | null;
      // Strings: drizzle's postgres-js driver turns off the client's date parsing.
      created_at: string;
      last_seen_at: string;
      expires_at: string;
      authenticated_at: string;
    }[]
  >`select * from app_session_lookup(${tokenHash})`;
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    expiresAt: new Date(row.expires_at),
    authenticatedAt: new Date(row.authenticated_at),
  };
}
