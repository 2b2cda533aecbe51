/**
 * Password reset (checklist A10, A12, A13; docs/auth.md "Password reset").
 *
 * - The request answers the same whether or not the email has an account, and does the same
 *   work before answering: the lookup, the link and the email run after the response
 *   (`deliverPasswordReset`, scheduled with next/server `after()`).
 * - The link works once, for 30 minutes; a newer request replaces it.
 * - Completing a reset (`completePasswordReset`, the one place it happens) sets the password,
 *   ends every session of the account, withdraws pending email-change links, marks the email
 *   verified (the link went to it) and tells the user by email. It never signs anyone in:
 *   the user logs in with the new password, so every factor that login asks for still applies
 *   (`AFTER_RESET_PATH`: when MFA is added, that login is where its challenge runs; a reset
 *   must never skip it).
 */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { findLoginByEmail } from "@/db/lookups";
import { sessions, users } from "@/db/schema";
import { clearLoginFailures } from "@/lib/auth/login-throttle";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { passwordHasher } from "@/lib/auth/password-hasher";
import { checkNewPassword } from "@/lib/auth/password-policy";
import { log } from "@/lib/log";
import {
  findAccountToken,
  issueAccountToken,
  redeemAccountToken,
  withdrawAccountTokens,
  type TokenProblem,
} from "./account-tokens";
import { notify, sendPasswordChangedNotice, sendPasswordResetEmail } from "./account-mail";

/** Where a completed reset sends the user: login, never a session (A13). */
export const AFTER_RESET_PATH = "/login?reset=1";

/** Sends a reset link if `email` has an account; nothing (but the same lookup) if not. */
export async function deliverPasswordReset(email: string): Promise<void> {
  const account = await findLoginByEmail(email);
  await recordAuthEvent({
    event: "password_reset_requested",
    outcome: account ? "success" : "failure",
    email,
    method: "email_link",
  });
  if (!account) return;
  const { token, expiresAt } = await issueAccountToken(account.userId, "reset_password", email);
  await sendPasswordResetEmail(email, token, expiresAt);
}

export type ResetOutcome =
  | { ok: true; email: string }
  | { ok: false; reason: TokenProblem }
  | { ok: false; reason: "weak"; message: string };

/**
 * Sets a new password from a reset link. On success every session of the account has ended.
 * Anything that must also happen after a reset (e.g. forgetting failed-login counters) belongs
 * here, so there is one path.
 */
export async function completePasswordReset(
  token: string,
  password: string,
): Promise<ResetOutcome> {
  const found = await findAccountToken(token, "reset_password");
  if (!found.ok) return { ok: false, reason: found.reason };
  const weakness = checkNewPassword(password, { email: found.record.userEmail });
  if (weakness) return { ok: false, reason: "weak", message: weakness };
  // Hashed before the transaction, so no row stays locked while argon2 runs.
  const passwordHash = await passwordHasher.hash(password);
  const redeemed = await redeemAccountToken(token, "reset_password", async (tx, record) => {
    const sentToCurrentAddress = record.email.toLowerCase() === record.userEmail.toLowerCase();
    await tx
      .update(users)
      .set({
        passwordHash,
        updatedAt: new Date(),
        ...(sentToCurrentAddress
          ? { emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }
          : {}),
      })
      .where(eq(users.id, record.userId));
    await tx.delete(sessions).where(eq(sessions.userId, record.userId));
    // A pending email change could hand the account to whoever asked for it: cancel it.
    await withdrawAccountTokens(tx, record.userId, ["change_email"]);
  });
  if (!redeemed.ok) return redeemed;
  const email = redeemed.record.userEmail;
  // A reset is how a locked-out owner gets back in (A9): the lock ends with it.
  await clearLoginFailures(email);
  log("info", "auth.password_reset", { userId: redeemed.record.userId });
  await recordAuthEvent({
    event: "password_reset",
    outcome: "success",
    email,
    method: "email_link",
  });
  await notify(() => sendPasswordChangedNotice(email, "reset"));
  return { ok: true, email };
}
