import "server-only";
import { requestMeta } from "@/lib/request-meta";
import type { CurrentSession } from "./current-session";
import { authenticate } from "./authenticate";
import {
  admitLoginAttempt,
  recordLoginFailure,
  recordLoginSuccess,
  throttledMessage,
} from "./login-throttle";

export const WRONG_PASSWORD = "That password is not right.";

/**
 * Step-up for sensitive actions (password and email change, ownership transfer, …): the
 * signed-in user re-enters their password. Same verification path as login, so an account
 * without a password never passes, and the same per-account limits (ADR 012): a stolen session
 * must not become a way to guess the password without the login's back-off and lock.
 * Returns null when the password is right, else the message for the password field.
 */
export async function passwordRefusal(
  session: CurrentSession,
  password: string,
): Promise<string | null> {
  if (password.length === 0 || password.length > 4096) return WRONG_PASSWORD;
  // Outside a request (scripts, tests) there is no client IP.
  const { ip } = await requestMeta().catch(() => ({ ip: null }));
  const admission = await admitLoginAttempt(session.email, ip);
  if (!admission.admitted) return throttledMessage(admission.retryAfterSeconds);
  if ((await authenticate(session.email, password)) !== session.userId) {
    await recordLoginFailure(session.email, admission);
    return WRONG_PASSWORD;
  }
  await recordLoginSuccess(session.email, ip);
  return null;
}
