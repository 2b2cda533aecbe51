/**
 * The request's session. `get*` returns null, `require*` redirects. Wrapped in React
 * `cache()` so one request validates once; nothing is cached across requests, so a deleted
 * session row or a removed user takes effect on the very next request.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { validateSessionToken, type ValidSession } from "./session";
import { SESSION_COOKIE, unsealSessionToken } from "./session-cookie";

export type CurrentSession = ValidSession;

export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  const sealed = (await cookies()).get(SESSION_COOKIE)?.value;
  const token = await unsealSessionToken(sealed);
  if (!token) return null;
  return validateSessionToken(token);
});

/** For pages: sends a signed-out visitor to /login, remembering where they were going. */
export async function requireSession(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (session) return session;
  const path = (await headers()).get("x-pathname");
  const next = safeNextPath(path);
  redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
}
