/**
 * The pre-authentication lookups of OAuth login (drizzle/0011_oauth_rules.sql): who owns a
 * provider identity, and what the linking rules need to know about the account that owns an
 * email. Each calls a reviewed SECURITY DEFINER function that answers for one key only.
 */
import "server-only";
import { client } from "./client";

export interface OAuthLoginRecord {
  userId: string;
  email: string;
}

export async function findOAuthLogin(
  provider: string,
  subject: string,
): Promise<OAuthLoginRecord | null> {
  const rows = await client().sql<{ user_id: string; email: string }[]>`
    select user_id, email from app_oauth_login_lookup(${provider}, ${subject})`;
  const row = rows[0];
  return row ? { userId: row.user_id, email: row.email } : null;
}

export interface EmailAccountRecord {
  userId: string;
  emailVerified: boolean;
  hasPassword: boolean;
}

export async function findAccountByEmail(email: string): Promise<EmailAccountRecord | null> {
  const rows = await client().sql<
    { user_id: string; email_verified_at: string | null; has_password: boolean }[]
  >`select user_id, email_verified_at, has_password from app_oauth_email_lookup(${email})`;
  const row = rows[0];
  if (!row) return null;
  return {
    userId: row.user_id,
    emailVerified: row.email_verified_at !== null,
    hasPassword: row.has_password,
  };
}
