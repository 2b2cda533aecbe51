/**
 * Password change from account settings (checklist A6, M7, S10): the current password is
 * required, the new one passes the password policy, every other session ends, the current
 * one gets a fresh token, and the user is told by email.
 */
import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { sessions, users } from "@/db/schema";
import { withUser } from "@/db/tenant";
import type { CurrentSession } from "@/lib/auth/current-session";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { passwordRefusal } from "@/lib/auth/password-refusal";
import { passwordHasher } from "@/lib/auth/password-hasher";
import { checkNewPassword } from "@/lib/auth/password-policy";
import { startSession } from "@/lib/auth/sign-in";
import { withdrawAccountTokens } from "./account-tokens";
import { notify, sendPasswordChangedNotice } from "./account-mail";

export type ChangePasswordOutcome =
  { ok: true } | { ok: false; field: "currentPassword" | "newPassword"; message: string };

export async function changePassword(
  session: CurrentSession,
  currentPassword: string,
  newPassword: string,
): Promise<ChangePasswordOutcome> {
  const refusal = await passwordRefusal(session, currentPassword);
  if (refusal) {
    await recordAuthEvent({ event: "password_changed", outcome: "failure", email: session.email });
    return { ok: false, field: "currentPassword", message: refusal };
  }
  const weakness = checkNewPassword(newPassword, { email: session.email });
  if (weakness) return { ok: false, field: "newPassword", message: weakness };
  const passwordHash = await passwordHasher.hash(newPassword);
  await withUser(session.userId, async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, session.userId));
    await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, session.userId), ne(sessions.tokenHash, session.tokenHash)));
    await withdrawAccountTokens(tx, session.userId, ["reset_password", "change_email"]);
  });
  // A new token for this browser too (S3): whatever held the old one is out.
  await startSession(session.userId);
  await recordAuthEvent({ event: "password_changed", outcome: "success", email: session.email });
  await notify(() => sendPasswordChangedNotice(session.email, "changed"));
  return { ok: true };
}
