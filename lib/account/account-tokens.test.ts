import { describe, expect, it, vi } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { hashToken } from "@/lib/auth/session-token";
import { advanceClock, resetClock } from "@/lib/clock";
import {
  ACCOUNT_TOKEN_TTL_MS,
  findAccountToken,
  issueAccountToken,
  redeemAccountToken,
} from "./account-tokens";

/** Emailed account tokens (A12), as the runtime role against the real database. */
const db = testConnections();

async function tokenRows(userId: string) {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${userId}, true)`;
    return tx`select purpose, token_hash, email, used_at from account_tokens order by created_at`;
  });
}

describe("issuing", () => {
  it("makes 256-bit base64url tokens and stores only their SHA-256", async () => {
    const user = await insertUser(db.app);
    const { token, expiresAt } = await issueAccountToken(user.id, "verify_email", user.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await tokenRows(user.id);
    expect((row!.token_hash as Buffer).equals(hashToken(token))).toBe(true);
    expect(JSON.stringify(row)).not.toContain(token);
    const ttl = expiresAt.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(ACCOUNT_TOKEN_TTL_MS.verify_email - 60_000);
    expect(ttl).toBeLessThanOrEqual(ACCOUNT_TOKEN_TTL_MS.verify_email);
  });

  it("invalidates the older token of the same kind, and only that kind", async () => {
    const user = await insertUser(db.app);
    const reset1 = await issueAccountToken(user.id, "reset_password", user.email);
    const verify = await issueAccountToken(user.id, "verify_email", user.email);
    const reset2 = await issueAccountToken(user.id, "reset_password", user.email);
    expect(await findAccountToken(reset1.token, "reset_password")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect((await findAccountToken(reset2.token, "reset_password")).ok).toBe(true);
    expect((await findAccountToken(verify.token, "verify_email")).ok).toBe(true);
    // The old token cannot spend the reissued row either.
    const old = await redeemAccountToken(reset1.token, "reset_password", async () => "changed");
    expect(old.ok).toBe(false);
    expect((await findAccountToken(reset2.token, "reset_password")).ok).toBe(true);
  });

  it("keeps one live token per kind even when issued concurrently", async () => {
    const user = await insertUser(db.app);
    const issued = await Promise.all(
      Array.from({ length: 8 }, () => issueAccountToken(user.id, "reset_password", user.email)),
    );
    const live = (
      await Promise.all(issued.map((i) => findAccountToken(i.token, "reset_password")))
    ).filter((f) => f.ok);
    expect(live).toHaveLength(1);
    expect(await tokenRows(user.id)).toHaveLength(1);
  });

  it("is found only for its own purpose", async () => {
    const user = await insertUser(db.app);
    const { token } = await issueAccountToken(user.id, "verify_email", user.email);
    expect((await findAccountToken(token, "reset_password")).ok).toBe(false);
    expect((await findAccountToken("not-a-token", "verify_email")).ok).toBe(false);
  });
});

describe("redeeming", () => {
  it("works once, even for ten concurrent attempts", async () => {
    const user = await insertUser(db.app);
    const { token } = await issueAccountToken(user.id, "reset_password", user.email);
    const apply = vi.fn(async () => "applied");
    const results = await Promise.all(
      Array.from({ length: 10 }, () => redeemAccountToken(token, "reset_password", apply)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(apply).toHaveBeenCalledTimes(1);
    expect(await findAccountToken(token, "reset_password")).toMatchObject({
      ok: false,
      reason: "used",
    });
  });

  it("refuses an expired token (clock moved past its expiry)", async () => {
    const user = await insertUser(db.app);
    const { token } = await issueAccountToken(user.id, "reset_password", user.email);
    try {
      advanceClock(ACCOUNT_TOKEN_TTL_MS.reset_password + 1000);
      expect(await findAccountToken(token, "reset_password")).toMatchObject({ reason: "expired" });
      const apply = vi.fn(async () => "applied");
      expect(await redeemAccountToken(token, "reset_password", apply)).toEqual({
        ok: false,
        reason: "expired",
      });
      expect(apply).not.toHaveBeenCalled();
    } finally {
      resetClock();
    }
  });

  it("spends nothing when the change fails (same transaction)", async () => {
    const user = await insertUser(db.app);
    const { token } = await issueAccountToken(user.id, "verify_email", user.email);
    const failing = redeemAccountToken(token, "verify_email", async () => {
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    expect((await findAccountToken(token, "verify_email")).ok).toBe(true);
  });

  it("runs the change as the token's user only (row-level security)", async () => {
    const user = await insertUser(db.app);
    const other = await insertUser(db.app);
    const { token } = await issueAccountToken(user.id, "verify_email", user.email);
    const seen = await redeemAccountToken(token, "verify_email", async (tx) => {
      const { users } = await import("@/db/schema");
      return (await tx.select({ id: users.id }).from(users)).map((u) => u.id);
    });
    expect(seen).toMatchObject({ ok: true, value: [user.id] });
    expect(seen.ok && seen.value).not.toContain(other.id);
  });
});
