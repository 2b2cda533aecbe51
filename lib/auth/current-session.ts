/**
 * The request's session. `get*` returns null, `require*` redirects. Wrapped in React
 * `cache()` so one request validates once; nothing is cached across requests, so a deleted
 * session row or a removed user takes effect on the very next request.
 */
import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { pathSlug, resolveRequest } from "./request-context";
import type { ValidSession } from "./session";

export type CurrentSession = ValidSession;

export const getCurrentSession = cache(async (): Promise<CurrentSession | null> => {
  // Fetched with the membership of the org page being requested, if any: org pages then
  // need one lookup for both (lib/auth/request-context.ts).
  const context = await resolveRequest(await pathSlug());
  return context?.session ?? null;
});

/** For pages: sends a signed-out visitor to /login, remembering where they were going. */
export async function requireSession(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (session) return session;
  const path = (await headers()).get("x-pathname");
  const next = safeNextPath(path);
  redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
}
