import { describe, expect, it } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { hashToken } from "@/lib/auth/session-token";
import { claimPlatformAdmin, issueBootstrapToken } from "./bootstrap-token";
import { isPlatformAdmin } from "./platform-admin";

/** The only way to become a platform admin (checklist A11), as the CLI and the app do it. */
const db = testConnections();

async function verifiedUser(email?: string) {
  const user = await insertUser(db.app, { email });
  await db.app.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${user.id}, true)`;
    await tx`update users set email_verified_at = now() where id = ${user.id}`;
  });
  return user;
}

const stored = async (token: string) =>
  (await db.owner`select email from platform_admin_tokens where token_hash = ${hashToken(token)}`)
    .length;

describe("platform admin bootstrap tokens", () => {
  it("store only a hash, and make the verified owner of the email an admin, once", async () => {
    const user = await verifiedUser();
    const token = await issueBootstrapToken(db.owner, user.email.toUpperCase());
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await db.owner`select token_hash, email from platform_admin_tokens
      where token_hash = ${hashToken(token)}`;
    expect(row?.email).toBe(user.email);
    expect(Buffer.from(row!.token_hash).toString("base64url")).not.toBe(token);

    expect(await isPlatformAdmin(user.id)).toBe(false);
    expect(await claimPlatformAdmin(user.id, token)).toBe(true);
    expect(await isPlatformAdmin(user.id)).toBe(true);
    expect(await stored(token)).toBe(0);
    const other = await verifiedUser(`again-${user.email}`);
    expect(await claimPlatformAdmin(other.id, token)).toBe(false);
    const [audit] = await db.owner`select action, actor_email from platform_audit
      where target_user_id = ${user.id}`;
    expect(audit).toEqual({ action: "platform_admin.granted", actor_email: user.email });
  });

  it("refuse another account, which leaves the token for its owner", async () => {
    const owner = await verifiedUser();
    const intruder = await verifiedUser();
    const token = await issueBootstrapToken(db.owner, owner.email);
    expect(await claimPlatformAdmin(intruder.id, token)).toBe(false);
    expect(await isPlatformAdmin(intruder.id)).toBe(false);
    expect(await claimPlatformAdmin(owner.id, token)).toBe(true);
  });

  it("refuse an unverified email and a disabled account", async () => {
    const unverified = await insertUser(db.app);
    const token = await issueBootstrapToken(db.owner, unverified.email);
    expect(await claimPlatformAdmin(unverified.id, token)).toBe(false);
    expect(await stored(token)).toBe(1);

    const disabled = await verifiedUser();
    await db.owner`insert into disabled_accounts (user_id, reason) values (${disabled.id}, 'test')`;
    const second = await issueBootstrapToken(db.owner, disabled.email);
    expect(await claimPlatformAdmin(disabled.id, second)).toBe(false);
    expect(await isPlatformAdmin(disabled.id)).toBe(false);
  });

  it("expire, and an expired token is deleted when tried", async () => {
    const user = await verifiedUser();
    const token = await issueBootstrapToken(db.owner, user.email);
    await db.owner`update platform_admin_tokens set expires_at = now() - interval '1 second'
      where token_hash = ${hashToken(token)}`;
    expect(await claimPlatformAdmin(user.id, token)).toBe(false);
    expect(await stored(token)).toBe(0);
    expect(await isPlatformAdmin(user.id)).toBe(false);
  });
});
