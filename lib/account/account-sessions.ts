/**
 * The sessions page (checklist S9): the account's live sessions and revoking them. Rows are
 * read and deleted under the user-keyed policies of `sessions`, so nobody can see or end
 * another account's sessions; sessions are named by their public id, never the token hash.
 */
import "server-only";
import { and, desc, eq, gt, ne } from "drizzle-orm";
import { sessions } from "@/db/schema";
import { withUser } from "@/db/tenant";
import { userAgentFamily } from "@/lib/audit/user-agent-family";
import type { CurrentSession } from "@/lib/auth/current-session";
import { SESSION_ABSOLUTE_MS } from "@/lib/auth/session";
import { now } from "@/lib/clock";

export interface AccountSession {
  id: string;
  device: string;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

export async function listAccountSessions(session: CurrentSession): Promise<AccountSession[]> {
  const at = now();
  const rows = await withUser(session.userId, (tx) =>
    tx
      .select({
        id: sessions.id,
        userAgent: sessions.userAgent,
        ip: sessions.ip,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
      })
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, session.userId),
          gt(sessions.expiresAt, at),
          gt(sessions.createdAt, new Date(at.getTime() - SESSION_ABSOLUTE_MS)),
        ),
      )
      .orderBy(desc(sessions.lastSeenAt)),
  );
  return rows
    .map((row) => ({
      id: row.id,
      device: userAgentFamily(row.userAgent) ?? "Unknown device",
      ip: row.ip,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      current: row.id === session.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one other session of the account; false when there is no such session. */
export async function revokeSession(session: CurrentSession, id: string): Promise<boolean> {
  if (id === session.sessionId) return false;
  const deleted = await withUser(session.userId, (tx) =>
    tx
      .delete(sessions)
      .where(and(eq(sessions.id, id), eq(sessions.userId, session.userId)))
      .returning({ id: sessions.id }),
  );
  return deleted.length > 0;
}

/** Ends every session of the account but this one; returns how many ended. */
export async function revokeOtherSessions(session: CurrentSession): Promise<number> {
  const deleted = await withUser(session.userId, (tx) =>
    tx
      .delete(sessions)
      .where(and(eq(sessions.userId, session.userId), ne(sessions.tokenHash, session.tokenHash)))
      .returning({ id: sessions.id }),
  );
  return deleted.length;
}
