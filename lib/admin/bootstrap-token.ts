/**
 * The only way anyone becomes a platform admin (checklist A11: no default admin account).
 * Someone with the schema owner's credentials runs `npm run admin:grant -- <email>`, which
 * stores SHA-256 of a fresh 256-bit token for that email, valid for BOOTSTRAP_TOKEN_MINUTES.
 * The owner of that email signs in (verified address), opens /admin/claim, pastes the token
 * and confirms their password; `app_claim_platform_admin` (drizzle/0018) spends it once.
 */
import "server-only";
import { sql } from "drizzle-orm";
import type postgres from "postgres";
import { withUser } from "@/db/tenant";
import { generateSessionToken, hashToken } from "@/lib/auth/session-token";

export const BOOTSTRAP_TOKEN_MINUTES = 30;

/** Run as the schema owner (the CLI); returns the token to hand over, shown once. */
export async function issueBootstrapToken(owner: postgres.Sql, email: string): Promise<string> {
  const token = generateSessionToken();
  await owner`
    insert into platform_admin_tokens (token_hash, email, expires_at)
    values (${hashToken(token)}, ${email.trim().toLowerCase()},
            now() + make_interval(mins => ${BOOTSTRAP_TOKEN_MINUTES}))`;
  return token;
}

/** True when `userId` is now a platform admin. */
export async function claimPlatformAdmin(userId: string, token: string): Promise<boolean> {
  const [row] = await withUser(userId, (tx) =>
    tx.execute<{ claimed: boolean }>(
      sql`select app_claim_platform_admin(${hashToken(token)}) as claimed`,
    ),
  );
  return row?.claimed === true;
}
