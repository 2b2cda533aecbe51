/**
 * The signed-in user's own security log (checklist A15; written by lib/auth/auth-events.ts):
 * sign-ins and their failures, lockouts, password and email changes, connected providers.
 * Newest first, keyset pages on (created_at, id); the row-level policy shows a user only
 * their own events, so this reads them in the user's context and nothing else.
 */
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { authEvents, type AuthEventKind } from "@/db/schema/auth-events";
import { withUser } from "@/db/tenant";
import { isOAuthProviderId, PROVIDER_NAMES } from "@/lib/auth/oauth/providers";
import { cursorSql, cursorTimeSql, type KeysetCursor } from "@/lib/keyset-cursor";

export const ACTIVITY_PAGE_SIZE = 50;

export interface ActivityEntry {
  id: string;
  createdAt: Date;
  cursor: KeysetCursor;
  what: string;
  /** "Failed", "Locked", or null for what went through. */
  badge: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** What happened, in the user's words; a failure is an attempt, marked by its badge. */
const LABELS: Record<AuthEventKind, { success: string; failure: string }> = {
  login: { success: "Signed in", failure: "Sign-in attempt" },
  logout: { success: "Signed out", failure: "Sign-out attempt" },
  signup: { success: "Account created", failure: "Someone tried to sign up with your address" },
  email_verified: { success: "Email address verified", failure: "Email verification attempt" },
  password_reset_requested: {
    success: "Password reset link requested",
    failure: "Password reset request",
  },
  password_reset: { success: "Password reset by email link", failure: "Password reset attempt" },
  password_changed: { success: "Password changed", failure: "Password change attempt" },
  email_change_requested: { success: "Email change requested", failure: "Email change request" },
  email_changed: { success: "Email address changed", failure: "Email change attempt" },
  session_revoked: { success: "A session signed out", failure: "Sign-out attempt" },
  account_deleted: { success: "Account deleted", failure: "Account deletion attempt" },
  oauth_linked: { success: "Login provider connected", failure: "Provider connection attempt" },
  oauth_unlinked: {
    success: "Login provider disconnected",
    failure: "Provider disconnection attempt",
  },
  locked_out: {
    success: "Sign-in locked after repeated failures",
    failure: "Sign-in locked after repeated failures",
  },
};

function describe(event: AuthEventKind, outcome: string, method: string): string {
  if (event === "session_revoked" && method === "all_others")
    return "All other sessions signed out";
  const label = LABELS[event][outcome === "failure" ? "failure" : "success"];
  return isOAuthProviderId(method) ? `${label} (${PROVIDER_NAMES[method]})` : label;
}

/** One page of the user's events, older than `before` when given, and the next page's cursor. */
export async function listSecurityActivity(
  userId: string,
  before: KeysetCursor | null,
): Promise<{ entries: ActivityEntry[]; older: KeysetCursor | null }> {
  const rows = await withUser(userId, (tx) =>
    tx
      .select({
        id: authEvents.id,
        createdAt: authEvents.createdAt,
        cursorTime: cursorTimeSql(authEvents.createdAt),
        event: authEvents.event,
        outcome: authEvents.outcome,
        method: authEvents.method,
        ip: authEvents.ip,
        userAgent: authEvents.userAgent,
      })
      .from(authEvents)
      .where(
        and(
          eq(authEvents.userId, userId),
          before
            ? sql`(${authEvents.createdAt}, ${authEvents.id}) < ${cursorSql(before)}`
            : undefined,
        ),
      )
      .orderBy(desc(authEvents.createdAt), desc(authEvents.id))
      .limit(ACTIVITY_PAGE_SIZE + 1),
  );
  const entries = rows.slice(0, ACTIVITY_PAGE_SIZE).map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    cursor: { time: row.cursorTime, id: row.id },
    what: describe(row.event, row.outcome, row.method),
    badge: row.event === "locked_out" ? "Locked" : row.outcome === "failure" ? "Failed" : null,
    ip: row.ip,
    userAgent: row.userAgent,
  }));
  const older = rows.length > ACTIVITY_PAGE_SIZE ? (entries.at(-1)?.cursor ?? null) : null;
  return { entries, older };
}
