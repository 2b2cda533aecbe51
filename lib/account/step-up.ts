/**
 * Re-authentication before sensitive account changes (checklist S9, S10; docs/auth.md): the
 * password when the account has one, otherwise a sign-in within the last FRESH_AUTH_MS (an
 * account that signs in only through OAuth has no password to re-enter).
 */
import "server-only";
import { findLoginByEmail } from "@/db/lookups";
import { fail, type ActionFailure } from "@/lib/actions/action-result";
import type { CurrentSession } from "@/lib/auth/current-session";
import { passwordRefusal, WRONG_PASSWORD } from "@/lib/auth/password-refusal";
import { now } from "@/lib/clock";

export const FRESH_AUTH_MS = 10 * 60_000;

/** "ok", or what to tell the user: about the password field, or about the whole form. */
export type StepUp = "ok" | { password: string } | { form: string };

export async function hasPassword(email: string): Promise<boolean> {
  return Boolean((await findLoginByEmail(email))?.passwordHash);
}

export async function reauthenticate(session: CurrentSession, password: string): Promise<StepUp> {
  if (await hasPassword(session.email)) {
    const refusal = await passwordRefusal(session, password);
    return refusal ? { password: refusal } : "ok";
  }
  const fresh = now().getTime() - session.authenticatedAt.getTime() <= FRESH_AUTH_MS;
  return fresh ? "ok" : { form: STEP_UP_MESSAGES.sign_in_again };
}

export const STEP_UP_MESSAGES = {
  wrong_password: WRONG_PASSWORD,
  sign_in_again: "For your security, log out and sign in again, then retry within 10 minutes.",
} as const;

/** For actions: the refusal to return when re-authentication fails, or null to go on. */
export async function refuseUnlessReauthenticated(
  session: CurrentSession,
  password: string,
): Promise<ActionFailure | null> {
  const answer = await reauthenticate(session, password);
  if (answer === "ok") return null;
  if ("password" in answer) return fail({ fieldErrors: { password: [answer.password] } });
  return fail({ formError: answer.form });
}
