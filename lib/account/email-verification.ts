/**
 * Email verification (ADR 011): a link to the account's address proves the user reads that
 * mailbox. The link page only shows a button; the POST spends the token (no state change on
 * GET, checklist C3, so mail scanners that open links cannot use it up).
 */
import "server-only";
import { eq, sql } from "drizzle-orm";
import { users } from "@/db/schema";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { issueAccountToken, redeemAccountToken, type TokenProblem } from "./account-tokens";
import { sendVerificationEmail } from "./account-mail";

/** Issues a fresh link (the previous one stops working) and mails it to `email`. */
export async function sendVerificationLink(userId: string, email: string): Promise<void> {
  const { token, expiresAt } = await issueAccountToken(userId, "verify_email", email);
  await sendVerificationEmail(email, token, expiresAt);
}

export type VerifyOutcome =
  { ok: true; email: string; userId: string } | { ok: false; reason: TokenProblem };

export async function verifyEmail(token: string): Promise<VerifyOutcome> {
  const redeemed = await redeemAccountToken(token, "verify_email", async (tx, record) => {
    // A link proves only the address it went to: after an email change it is worthless.
    if (record.email.toLowerCase() !== record.userEmail.toLowerCase()) return false;
    await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, record.userId));
    return true;
  });
  if (!redeemed.ok) return redeemed;
  if (!redeemed.value) return { ok: false, reason: "invalid" };
  await recordAuthEvent({
    event: "email_verified",
    outcome: "success",
    email: redeemed.record.email,
    method: "email_link",
  });
  return { ok: true, email: redeemed.record.email, userId: redeemed.record.userId };
}
