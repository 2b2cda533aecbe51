/**
 * Who is asking, and as which member of the org in the URL: the session and the membership
 * resolved together in one database call (db/request-context.ts), once per request and slug
 * (React `cache`). Nothing is kept across requests: a deleted session, a removed member or a
 * changed role takes effect on the very next request.
 *
 * The slug only chooses which of the user's own memberships to fetch alongside the session;
 * `getCurrentSession` takes it from the path server.ts records (x-pathname), so an org page's layout, page
 * and actions share one lookup. A caller asking for a different slug gets its own lookup.
 */
import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { findRequestContext, type MembershipRecord } from "@/db/request-context";
import { checkSession, type ValidSession } from "./session";
import { SESSION_COOKIE, unsealSessionToken } from "./session-cookie";
import { hashToken } from "./session-token";

export interface RequestContext {
  session: ValidSession;
  membership: MembershipRecord | null;
}

export const resolveRequest = cache(async (slug: string | null): Promise<RequestContext | null> => {
  const token = await unsealSessionToken((await cookies()).get(SESSION_COOKIE)?.value);
  if (!token) return null;
  const tokenHash = hashToken(token);
  const found = await findRequestContext(tokenHash, slug);
  if (!found) return null;
  const session = await checkSession(found.session, tokenHash);
  return session ? { session, membership: found.membership } : null;
});

/** The org slug of the requested page (`/o/<slug>/...`), or null. */
export async function pathSlug(): Promise<string | null> {
  const match = (await headers()).get("x-pathname")?.match(/^\/o\/([^/?#]+)/);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
