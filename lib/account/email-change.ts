/**
 * Changing the account's email (checklist S10; docs/auth.md "Email change"). The request needs
 * re-authentication and mails a link to the NEW address; the old one is told. Nothing changes
 * until that link is used: then the address is switched (uniqueness is checked again, by the
 * database), it counts as verified, links sent to the old address die, and every other session
 * ends. A request for an address that already has an account answers the same and mails that
 * address a notice instead, so the form reveals no accounts.
 */
import "server-only";
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import { findLoginByEmail } from "@/db/lookups";
import { accountTokens, sessions, users } from "@/db/schema";
import { withUser } from "@/db/tenant";
import { isUniqueViolation } from "@/db/unique-violation";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import type { CurrentSession } from "@/lib/auth/current-session";
import { now } from "@/lib/clock";
import {
  issueAccountToken,
  redeemAccountToken,
  withdrawAccountTokens,
  type TokenProblem,
} from "./account-tokens";
import {
  notify,
  sendEmailChangedNotice,
  sendEmailChangeLink,
  sendEmailChangeRequestedNotice,
  sendEmailChangeTakenNotice,
} from "./account-mail";

/** Mails the link (or, for a taken address, the notice) and tells the current address. */
export async function deliverEmailChange(userId: string, oldEmail: string, newEmail: string) {
  const existing = await findLoginByEmail(newEmail);
  await recordAuthEvent({
    event: "email_change_requested",
    outcome: existing ? "failure" : "success",
    email: oldEmail,
  });
  if (existing) {
    if (existing.userId !== userId) await sendEmailChangeTakenNotice(newEmail);
    return;
  }
  const { token, expiresAt } = await issueAccountToken(userId, "change_email", newEmail);
  await sendEmailChangeLink(newEmail, token, expiresAt);
  await notify(() => sendEmailChangeRequestedNotice(oldEmail, newEmail));
}

/** The address a live email-change link was sent to, for the security page. */
export async function pendingEmailChange(
  userId: string,
): Promise<{ email: string; expiresAt: Date } | null> {
  const [row] = await withUser(userId, (tx) =>
    tx
      .select({ email: accountTokens.email, expiresAt: accountTokens.expiresAt })
      .from(accountTokens)
      .where(
        and(
          eq(accountTokens.userId, userId),
          eq(accountTokens.purpose, "change_email"),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, now()),
        ),
      ),
  );
  return row ?? null;
}

export type ConfirmEmailOutcome =
  { ok: true; email: string; userId: string } | { ok: false; reason: TokenProblem | "taken" };

/**
 * Uses an email-change link. `current` is the browser's session, if any: when it belongs to
 * the same account it stays signed in; every other session of the account ends.
 */
export async function confirmEmailChange(
  token: string,
  current: CurrentSession | null,
): Promise<ConfirmEmailOutcome> {
  const redeemed = await redeemAccountToken(token, "change_email", async (tx, record) => {
    try {
      // A savepoint: a taken address must not abort the transaction that spends the token.
      await tx.transaction((sp) =>
        sp
          .update(users)
          .set({ email: record.email, emailVerifiedAt: now(), updatedAt: now() })
          .where(eq(users.id, record.userId)),
      );
    } catch (error) {
      if (isUniqueViolation(error, "users_email_lower_key")) return "taken" as const;
      throw error;
    }
    const keep = current?.userId === record.userId ? current.tokenHash : null;
    await tx
      .delete(sessions)
      .where(
        keep
          ? and(eq(sessions.userId, record.userId), ne(sessions.tokenHash, keep))
          : eq(sessions.userId, record.userId),
      );
    // Links that went to the old address prove nothing about the new one.
    await withdrawAccountTokens(tx, record.userId, ["verify_email", "reset_password"]);
    return "changed" as const;
  });
  if (!redeemed.ok) return redeemed;
  if (redeemed.value === "taken") return { ok: false, reason: "taken" };
  const { email, userEmail: oldEmail, userId } = redeemed.record;
  await recordAuthEvent({
    event: "email_changed",
    outcome: "success",
    email,
    method: "email_link",
  });
  await notify(() => sendEmailChangedNotice(oldEmail, email));
  return { ok: true, email, userId };
}
