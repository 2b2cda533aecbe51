/**
 * Re-authentication before sensitive account changes (checklist S9, S10; docs/auth.md): the
 * password when the account has one, otherwise a sign-in within the last FRESH_AUTH_MS (an
 * account that signs in only through OAuth has no password to re-enter).
 */
import "server-only";
import { findLoginByEmail } from "@/db/lookups";
import { fail, type ActionFailure } from "@/lib/actions/action-result";
import type { CurrentSession } from "@/lib/auth/current-session";
import { confirmPassword } from "@/lib/auth/confirm-password";
import { now } from "@/lib/clock";

export const FRESH_AUTH_MS = 10 * 60_000;

export type StepUp = "ok" | "wrong_password" | "sign_in_again";

export async function hasPassword(email: string): Promise<boolean> {
  return Boolean((await findLoginByEmail(email))?.passwordHash);
}

export async function reauthenticate(session: CurrentSession, password: string): Promise<StepUp> {
  if (await hasPassword(session.email)) {
    return (await confirmPassword(session, password)) ? "ok" : "wrong_password";
  }
  const fresh = now().getTime() - session.authenticatedAt.getTime() <= FRESH_AUTH_MS;
  return fresh ? "ok" : "sign_in_again";
}

export const STEP_UP_MESSAGES = {
  wrong_password: "That password is not right.",
  sign_in_again: "For your security, log out and sign in again, then retry within 10 minutes.",
} as const;

/** For actions: the refusal to return when re-authentication fails, or null to go on. */
export async function refuseUnlessReauthenticated(
  session: CurrentSession,
  password: string,
): Promise<ActionFailure | null> {
  const answer = await reauthenticate(session, password);
  if (answer === "wrong_password") {
    return fail({ fieldErrors: { password: [STEP_UP_MESSAGES.wrong_password] } });
  }
  if (answer === "sign_in_again") return fail({ formError: STEP_UP_MESSAGES.sign_in_again });
  return null;
}
