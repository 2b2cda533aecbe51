import "server-only";
import { cookies } from "next/headers";
import { requestMeta } from "@/lib/request-meta";
import { getCurrentSession } from "./current-session";
import { createSession, deleteSession } from "./session";
import { SESSION_COOKIE, sealSessionToken, sessionCookieOptions } from "./session-cookie";

/**
 * Starts a brand-new session for `userId` and replaces whatever session cookie the browser
 * had; a session the browser already held is deleted, so no token survives a login.
 */
export async function startSession(userId: string): Promise<void> {
  const previous = await getCurrentSession();
  if (previous) await deleteSession(previous.userId, previous.tokenHash);
  const { token } = await createSession(userId, await requestMeta());
  (await cookies()).set(SESSION_COOKIE, await sealSessionToken(token), sessionCookieOptions);
}

/** Deletes the current session row (if any) and clears the cookie. */
export async function endSession(): Promise<void> {
  const session = await getCurrentSession();
  if (session) await deleteSession(session.userId, session.tokenHash);
  (await cookies()).set(SESSION_COOKIE, "", { ...sessionCookieOptions, maxAge: 0 });
}
