import { afterEach, describe, expect, it } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { advanceClock, resetClock } from "@/lib/clock";
import { generateSessionToken, hashToken } from "./session-token";
import {
  createSession,
  deleteOtherSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  SESSION_MAX_PER_USER,
  validateSessionToken,
} from "./session";

const meta = { ip: null, userAgent: "vitest" };
const HOUR = 3_600_000;
const db = testConnections();
afterEach(() => resetClock());

describe("session tokens (S1)", () => {
  it("are 256-bit base64url strings, distinct over 1,000 draws", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    expect(tokens.size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("are stored only as their SHA-256", async () => {
    const user = await insertUser(db.app);
    const { token } = await createSession(user.id, meta);
    const rows = await db.owner`select token_hash from sessions where user_id = ${user.id}`;
    expect(rows).toHaveLength(1);
    const stored = rows[0]!.token_hash as Buffer;
    expect(stored.equals(hashToken(token))).toBe(true);
    expect(stored.toString("utf8")).not.toContain(token);
    expect(stored.toString("base64url")).not.toBe(token);
  });
});

describe("validation against the database (S2, S6)", () => {
  it("accepts a live session and ends at once when its row is deleted", async () => {
    const user = await insertUser(db.app);
    const { token } = await createSession(user.id, meta);
    expect((await validateSessionToken(token))?.userId).toBe(user.id);
    await db.app.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${user.id}, true)`;
      await tx`delete from sessions where token_hash = ${hashToken(token)}`;
    });
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("rejects unknown tokens", async () => {
    expect(await validateSessionToken(generateSessionToken())).toBeNull();
  });

  it("expires after the idle timeout without use", async () => {
    const user = await insertUser(db.app);
    const { token } = await createSession(user.id, meta);
    advanceClock(SESSION_IDLE_MS + 1000);
    expect(await validateSessionToken(token)).toBeNull();
    resetClock();
    expect(await validateSessionToken(token)).toBeNull(); // and the row is gone
  });

  it("slides while used, but never past the absolute lifetime", async () => {
    const user = await insertUser(db.app);
    const { token } = await createSession(user.id, meta);
    let elapsed = 0;
    while (elapsed + 6 * 24 * HOUR < SESSION_ABSOLUTE_MS) {
      advanceClock(6 * 24 * HOUR);
      elapsed += 6 * 24 * HOUR;
      const session = await validateSessionToken(token);
      expect(session, `still valid after ${elapsed / HOUR} h of regular use`).not.toBeNull();
      expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBeLessThanOrEqual(
        SESSION_ABSOLUTE_MS,
      );
    }
    advanceClock(SESSION_ABSOLUTE_MS - elapsed);
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("can end every other session of a user", async () => {
    const user = await insertUser(db.app);
    const a = await createSession(user.id, meta);
    const b = await createSession(user.id, meta);
    await deleteOtherSessions(user.id, hashToken(a.token));
    expect(await validateSessionToken(a.token)).not.toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
  });
});

describe("concurrent sessions (S12)", () => {
  it("keeps at most SESSION_MAX_PER_USER per account: a new one ends the least recently used", async () => {
    const user = await insertUser(db.app);
    const first = await createSession(user.id, meta);
    const rest = [];
    for (let i = 1; i < SESSION_MAX_PER_USER; i++) {
      advanceClock(1000);
      rest.push(await createSession(user.id, meta));
    }
    // Using the first one makes it the most recent: the second is now the oldest.
    advanceClock(2 * 60_000);
    expect(await validateSessionToken(first.token)).not.toBeNull();
    advanceClock(1000);
    const newest = await createSession(user.id, meta);
    expect(await validateSessionToken(newest.token)).not.toBeNull();
    expect(await validateSessionToken(first.token)).not.toBeNull();
    expect(await validateSessionToken(rest[0]!.token)).toBeNull();
    expect(await validateSessionToken(rest[1]!.token)).not.toBeNull();
    const [row] =
      await db.owner`select count(*)::int as n from sessions where user_id = ${user.id}`;
    expect(row!.n).toBe(SESSION_MAX_PER_USER);
  });
});

describe("row-level security on sessions", () => {
  it("hides other users' sessions from the runtime role", async () => {
    const alice = await insertUser(db.app);
    const bob = await insertUser(db.app);
    await createSession(alice.id, meta);
    const seen = await db.app.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${bob.id}, true)`;
      return tx`select user_id from sessions`;
    });
    expect(seen.every((r) => r.user_id === bob.id)).toBe(true);
    expect(await db.app`select count(*)::int as n from sessions`).toEqual([{ n: 0 }]);
    expect(await db.app`select count(*)::int as n from users`).toEqual([{ n: 0 }]);
  });

  it("refuses to create a session for another user (WITH CHECK)", async () => {
    const alice = await insertUser(db.app);
    const bob = await insertUser(db.app);
    const attempt = db.app.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${bob.id}, true)`;
      await tx`insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at, authenticated_at)
               values (${hashToken(generateSessionToken())}, ${alice.id}, now(), now(), now() + interval '1 day', now())`;
    });
    await expect(attempt).rejects.toMatchObject({ code: "42501" });
  });
});
