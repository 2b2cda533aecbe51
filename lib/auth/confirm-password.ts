import "server-only";
import type { CurrentSession } from "./current-session";
import { authenticate } from "./authenticate";

/**
 * Step-up for sensitive actions (ownership transfer, ...): the signed-in user re-enters their
 * password. Same verification path as login, so an account without a password never passes.
 */
export async function confirmPassword(session: CurrentSession, password: string): Promise<boolean> {
  if (password.length === 0 || password.length > 4096) return false;
  return (await authenticate(session.email, password)) === session.userId;
}
