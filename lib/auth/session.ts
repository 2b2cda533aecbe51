/**
 * Sessions (ADR 001), after Lucia's model: an opaque random token in the browser, its SHA-256
 * in Postgres, and every request validated against that row.
 *
 * Invariants:
 * - Login always creates a new row and a new token (no fixation); logout deletes the row.
 * - Sliding expiry: each use may push `expires_at` to now + IDLE, but never past
 *   created_at + ABSOLUTE. Both limits are checked here, from DB timestamps and lib/clock.
 * - Deleting a row ends that session on its next request; nothing is cached across requests.
 * - At most SESSION_MAX_PER_USER sessions per account: a new one ends the least recently used.
 * - A disabled account (ADR 015) gets no session: createSession throws AccountDisabledError,
 *   the sessions INSERT policy refuses the row anyway, and the lookups skip its old ones.
 */
import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { sessions } from "@/db/schema";
import { findSessionByTokenHash, type SessionRecord } from "@/db/lookups";
import { isPostgresError, PG_ERROR } from "@/db/postgres-error";
import { withUser } from "@/db/tenant";
import { now } from "@/lib/clock";
import { AccountDisabledError } from "./account-disabled";
import { generateSessionToken, hashToken } from "./session-token";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const SESSION_IDLE_MS = 7 * DAY;
export const SESSION_ABSOLUTE_MS = 30 * DAY;
/**
 * Concurrent sessions per account (checklist S12). Signing in beyond it ends the sessions used
 * least recently, so a forgotten browser cannot pile up forever; nobody is refused a login.
 */
export const SESSION_MAX_PER_USER = 20;
/** last_seen is written at most this often per session, to keep reads read-only. */
const TOUCH_INTERVAL_MS = MINUTE;

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface ValidSession extends SessionRecord {
  tokenHash: Buffer;
}

export async function createSession(
  userId: string,
  meta: SessionMeta,
): Promise<{ token: string; expiresAt: Date }> {
  const token = generateSessionToken();
  const at = now();
  const expiresAt = new Date(at.getTime() + SESSION_IDLE_MS);
  // The insert and the cap are sent together with BEGIN and COMMIT: one round trip. The cap
  // runs after the insert in the same transaction, so it counts the new session among the kept.
  await withUser(userId, (tx) => [
    tx.insert(sessions).values({
      tokenHash: hashToken(token),
      userId,
      createdAt: at,
      lastSeenAt: at,
      expiresAt,
      authenticatedAt: at,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    }),
    tx.execute(sql`
      delete from sessions where user_id = ${userId} and token_hash in (
        select token_hash from sessions where user_id = ${userId}
        order by last_seen_at desc, created_at desc offset ${SESSION_MAX_PER_USER})`),
  ]).catch((error: unknown) => {
    // The INSERT policy admits the user in context only while not disabled; withUser put this
    // very user in context, so a refusal there means exactly that (no extra query).
    throw isPostgresError(error, PG_ERROR.insufficientPrivilege)
      ? new AccountDisabledError()
      : error;
  });
  return { token, expiresAt };
}

export async function validateSessionToken(token: string): Promise<ValidSession | null> {
  const tokenHash = hashToken(token);
  const record = await findSessionByTokenHash(tokenHash);
  return record ? checkSession(record, tokenHash) : null;
}

/**
 * The expiry rules for a session row however it was read (here, or with the membership in
 * lib/auth/request-context.ts): an ended session is deleted and null; a live one is touched
 * at most once a minute, sliding its expiry up to the absolute cap.
 */
export async function checkSession(
  record: SessionRecord,
  tokenHash: Buffer,
): Promise<ValidSession | null> {
  const at = now().getTime();
  const absoluteEnd = record.createdAt.getTime() + SESSION_ABSOLUTE_MS;
  const idleEnd = record.lastSeenAt.getTime() + SESSION_IDLE_MS;
  if (at >= Math.min(absoluteEnd, idleEnd, record.expiresAt.getTime())) {
    await deleteSession(record.userId, tokenHash);
    return null;
  }
  if (at - record.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    const lastSeenAt = new Date(at);
    const expiresAt = new Date(Math.min(at + SESSION_IDLE_MS, absoluteEnd));
    await withUser(record.userId, (tx) =>
      tx.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.tokenHash, tokenHash)),
    );
    return { ...record, lastSeenAt, expiresAt, tokenHash };
  }
  return { ...record, tokenHash };
}

export async function deleteSession(userId: string, tokenHash: Buffer): Promise<void> {
  await withUser(userId, (tx) => tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash)));
}

/** Ends every session of the user except `keep` (password change, MFA change, ...). */
export async function deleteOtherSessions(userId: string, keep: Buffer): Promise<void> {
  await withUser(userId, (tx) =>
    tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keep))),
  );
}
