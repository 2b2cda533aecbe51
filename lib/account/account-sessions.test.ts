import { describe, expect, it } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { createSession, validateSessionToken } from "@/lib/auth/session";
import { listAccountSessions, revokeOtherSessions, revokeSession } from "./account-sessions";

/** The sessions page's reads and revocations (S9), as the runtime role. */
const db = testConnections();
const chrome =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36";

async function signedIn(userId: string, userAgent: string) {
  const { token } = await createSession(userId, { ip: "203.0.113.9", userAgent });
  return { token, session: (await validateSessionToken(token))! };
}

describe("the account's sessions", () => {
  it("are listed with device and IP, the current one first and marked, no token in sight", async () => {
    const user = await insertUser(db.app);
    const other = await insertUser(db.app);
    await signedIn(other.id, chrome);
    await signedIn(user.id, "curl/8.0");
    const { session } = await signedIn(user.id, chrome);
    const list = await listAccountSessions(session);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ current: true, device: "Chrome on Linux", ip: "203.0.113.9" });
    expect(list[1]).toMatchObject({ current: false, device: "curl" });
    expect(Object.keys(list[0]!).sort()).toEqual(
      ["createdAt", "current", "device", "id", "ip", "lastSeenAt"].sort(),
    );
  });

  it("can be revoked one at a time, but not another account's or the current one", async () => {
    const user = await insertUser(db.app);
    const stranger = await signedIn((await insertUser(db.app)).id, chrome);
    const phone = await signedIn(user.id, chrome);
    const { session } = await signedIn(user.id, chrome);
    expect(await revokeSession(session, stranger.session.sessionId)).toBe(false);
    expect(await validateSessionToken(stranger.token)).not.toBeNull();
    expect(await revokeSession(session, session.sessionId)).toBe(false);
    expect(await revokeSession(session, phone.session.sessionId)).toBe(true);
    expect(await validateSessionToken(phone.token)).toBeNull();
  });

  it("can all be revoked but the current one", async () => {
    const user = await insertUser(db.app);
    const a = await signedIn(user.id, chrome);
    const b = await signedIn(user.id, chrome);
    const { token, session } = await signedIn(user.id, chrome);
    expect(await revokeOtherSessions(session)).toBe(2);
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
    expect(await validateSessionToken(token)).not.toBeNull();
  });
});
