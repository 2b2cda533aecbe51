import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lookupApiKey } from "@/db/api-key-lookup";
import { findRequestContext } from "@/db/request-context";
import { insertUser, testConnections } from "@/db/test-database";
import { hashApiKey } from "@/lib/api-keys/api-key-token";
import { apiFixtures } from "@/lib/api/test-fixtures";
import { AccountDisabledError } from "@/lib/auth/account-disabled";
import { createSession, SESSION_MAX_PER_USER, validateSessionToken } from "@/lib/auth/session";
import { hashToken } from "@/lib/auth/session-token";
import {
  disableAccount,
  enableAccount,
  endSessions,
  getAccount,
  listAccounts,
  platformAuditEntries,
} from "./accounts";
import { isPlatformAdmin } from "./platform-admin";

/** The platform admin's powers (ADR 015; checklist S8, S9, Z10), as the runtime role. */
const db = testConnections();
const fx = apiFixtures(db);
const meta = { ip: "203.0.113.20", userAgent: "test" };

async function newAdmin() {
  const admin = await insertUser(db.app);
  await db.owner`insert into platform_admins (user_id) values (${admin.id})`;
  const { token } = await createSession(admin.id, meta);
  return { ...admin, token, tokenHash: hashToken(token) };
}

/** The database's own refusal (drizzle wraps it as the cause of its error). */
async function expectRefused(run: () => Promise<unknown>) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect((error as { cause?: unknown } | null)?.cause).toMatchObject({
    code: "42501",
    message: "platform admin required",
  });
}

const lookupKey = (key: string) =>
  lookupApiKey(hashApiKey(key), {
    key: `test:key:${key.slice(-8)}`,
    ip: null,
    keyLimit: 1000,
    ipLimit: 1000,
    orgRule: "test-org",
    windowSeconds: 60,
  });

describe("platform admin functions", () => {
  it("refuse anyone who is not a platform admin, even an org owner, and change nothing", async () => {
    const org = await fx.newOrg();
    const victim = await insertUser(db.app);
    const { token } = await createSession(victim.id, meta);
    expect(await isPlatformAdmin(org.owner)).toBe(false);
    const attempts = [
      () => listAccounts(org.owner, "", 1),
      () => getAccount(org.owner, victim.id),
      () => disableAccount(org.owner, victim.id, "no reason"),
      () => enableAccount(org.owner, victim.id),
      () => endSessions(org.owner, victim.id, Buffer.alloc(32)),
      () => endSessions(org.owner, null, Buffer.alloc(32)),
      () => platformAuditEntries(org.owner, null),
    ];
    for (const attempt of attempts) await expectRefused(attempt);
    expect(await validateSessionToken(token)).not.toBeNull();
    const suspended = await db.owner`
      select 1 from disabled_accounts where user_id = ${victim.id}`;
    expect(suspended).toHaveLength(0);
  });

  it("keep the runtime role from granting, suspending or auditing by hand", async () => {
    const user = await insertUser(db.app);
    const asUser = (run: (tx: typeof db.app) => Promise<unknown>) =>
      db.app.begin(async (tx) => {
        await tx`select set_config('app.user_id', ${user.id}, true)`;
        return run(tx as unknown as typeof db.app);
      });
    await expect(
      asUser((tx) => tx`insert into platform_admins (user_id) values (${user.id})`),
    ).rejects.toThrow(/permission denied|row-level security/);
    await expect(
      asUser((tx) => tx`delete from disabled_accounts where user_id = ${user.id}`),
    ).rejects.toThrow(/permission denied/);
    await expect(asUser((tx) => tx`select * from platform_audit`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(asUser((tx) => tx`select * from platform_admin_tokens`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it("list accounts by a search that has no wildcards, with their state", async () => {
    const admin = await newAdmin();
    const tag = crypto.randomUUID().slice(0, 8);
    const a = await insertUser(db.app, { email: `find-${tag}-a@example.test` });
    await insertUser(db.app, { email: `find-${tag}-b@example.test` });
    await createSession(a.id, meta);
    const { accounts, total } = await listAccounts(admin.id, `FIND-${tag}`, 1);
    expect(total).toBe(2);
    expect(accounts.map((x) => x.email).sort()).toEqual([
      `find-${tag}-a@example.test`,
      `find-${tag}-b@example.test`,
    ]);
    expect(accounts.find((x) => x.userId === a.id)).toMatchObject({
      sessionCount: 1,
      disabledAt: null,
      isPlatformAdmin: false,
    });
    expect((await listAccounts(admin.id, `find-${tag}%`, 1)).total).toBe(0);
    expect((await getAccount(admin.id, admin.id))?.isPlatformAdmin).toBe(true);
  });
});

describe("disabling an account (S8)", () => {
  it("ends its sessions and revokes its keys at once, and audits who did it and why", async () => {
    const admin = await newAdmin();
    const org = await fx.newOrg();
    const member = await fx.addMember(org, "admin");
    const { token } = await createSession(member, meta);
    const key = await fx.createKey(org, member, ["projects:read"]);
    const ownersKey = await fx.createKey(org, org.owner, ["projects:read"]);
    expect((await lookupKey(key.key)).key?.revokedAt).toBeNull();

    const outcome = await disableAccount(admin.id, member, "Chargeback fraud");
    expect(outcome).toEqual({ status: "disabled", sessionsEnded: 1, keysRevoked: 1 });
    expect(await validateSessionToken(token)).toBeNull();
    expect((await lookupKey(key.key)).key).toBeNull();
    expect((await lookupKey(ownersKey.key)).key?.revokedAt).toBeNull();
    expect(await validateSessionToken(admin.token)).not.toBeNull();

    const [entry] = await platformAuditEntries(admin.id, member);
    expect(entry).toMatchObject({
      actorEmail: admin.email,
      action: "account.disabled",
      targetUserId: member,
      before: { disabled: false },
      after: { disabled: true, reason: "Chargeback fraud", sessionsEnded: 1, keysRevoked: 1 },
    });
    expect(await disableAccount(admin.id, member, "again")).toEqual({
      status: "already_disabled",
    });
  });

  it("a refused session ends none of the account's others: the cap runs in the refused transaction", async () => {
    const admin = await newAdmin();
    const user = await insertUser(db.app);
    // More rows than the cap keeps (written directly, past createSession's cap), so a cap that
    // ran on its own would delete some.
    const extra = SESSION_MAX_PER_USER + 5;
    await db.app.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${user.id}, true)`;
      for (let i = 0; i < extra; i++) {
        await tx`insert into sessions (token_hash, user_id, created_at, last_seen_at, expires_at, authenticated_at)
          values (${randomBytes(32)}, ${user.id}, now(), now(), now() + interval '1 day', now())`;
      }
    });
    await db.owner`insert into disabled_accounts (user_id, disabled_by, reason)
      values (${user.id}, ${admin.id}, 'raced')`;
    await expect(createSession(user.id, meta)).rejects.toBeInstanceOf(AccountDisabledError);
    const [row] =
      await db.owner`select count(*)::int as n from sessions where user_id = ${user.id}`;
    expect(row!.n).toBe(extra);
  });

  it("refuses every new session, and hides sessions and keys that escaped it", async () => {
    const admin = await newAdmin();
    const org = await fx.newOrg();
    const key = await fx.createKey(org, org.owner, ["projects:read"]);
    // A login that raced the disabling: its session (and the key) outlive the clean-up.
    const { token } = await createSession(org.owner, meta);
    await db.owner`insert into disabled_accounts (user_id, disabled_by, reason)
      values (${org.owner}, ${admin.id}, 'raced')`;
    expect(await validateSessionToken(token)).toBeNull();
    expect(await findRequestContext(hashToken(token), org.slug)).toBeNull();
    expect((await lookupKey(key.key)).key).toBeNull();
    await expect(createSession(org.owner, meta)).rejects.toBeInstanceOf(AccountDisabledError);
    // Enabling does not bring them back: they end then, as disabling would have ended them.
    expect(await enableAccount(admin.id, org.owner)).toBe(true);
    expect(await validateSessionToken(token)).toBeNull();
    expect((await lookupKey(key.key)).key?.revokedAt).not.toBeNull();
    const [entry] = await platformAuditEntries(admin.id, org.owner, 1);
    expect(entry?.after).toMatchObject({ racedSessionsEnded: 1, racedKeysRevoked: 1 });
  });

  it("withdraws the open invitations the account sent, not the accepted ones", async () => {
    const admin = await newAdmin();
    const org = await fx.newOrg();
    const member = await fx.addMember(org, "admin");
    const invite = (accepted: boolean) =>
      db.app.begin(async (tx) => {
        await tx`select set_config('app.org_id', ${org.id}, true), set_config('app.user_id', ${member}, true)`;
        const [row] = await tx`
          insert into invitations (org_id, email, role_id, token_hash, invited_by, expires_at, accepted_at)
          select ${org.id}, ${`invitee-${randomBytes(4).toString("hex")}@example.test`}, id,
                 ${randomBytes(32)}, ${member}, now() + interval '7 days', ${accepted ? new Date() : null}
          from org_roles where org_id = ${org.id} and built_in = 'admin' returning id`;
        return row!.id as string;
      });
    const open = await invite(false);
    const accepted = await invite(true);
    await disableAccount(admin.id, member, "Account takeover");
    const rows = await db.owner<{ id: string; revoked: boolean }[]>`
      select id, revoked_at is not null as revoked from invitations where invited_by = ${member}`;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.revoked]))).toEqual({
      [open]: true,
      [accepted]: false,
    });
    const [entry] = await platformAuditEntries(admin.id, member, 1);
    expect(entry?.after).toMatchObject({ invitationsWithdrawn: 1 });
  });

  it("run one at a time: two admins disabling each other at once leave one of them", async () => {
    const a = await newAdmin();
    const b = await newAdmin();
    // A disables B and holds its transaction open; B's attempt on A must wait for it, and then
    // see that B is no longer an admin. Without the lock it would succeed at once.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let disabledB!: () => void;
    const bIsDisabled = new Promise<void>((resolve) => (disabledB = resolve));
    const first = db.app.begin(async (tx) => {
      await tx`select set_config('app.user_id', ${a.id}, true)`;
      await tx`select * from app_admin_disable_user(${b.id}, 'race')`;
      disabledB();
      await held;
    });
    await bIsDisabled;
    let settled = false;
    const second = disableAccount(b.id, a.id, "race").finally(() => (settled = true));
    second.catch(() => undefined);
    try {
      for (;;) {
        const waiting = await db.owner`
          select 1 from pg_locks where locktype = 'advisory' and not granted`;
        if (waiting.length > 0 || settled) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(settled).toBe(false);
    } finally {
      release();
      await first;
    }
    await expectRefused(() => second);
    expect(await isPlatformAdmin(a.id)).toBe(true);
    expect(await isPlatformAdmin(b.id)).toBe(false);
  });

  it("is refused for the admin's own account; a disabled admin loses the console", async () => {
    const admin = await newAdmin();
    const other = await newAdmin();
    expect(await disableAccount(admin.id, admin.id, "oops")).toEqual({ status: "own_account" });
    expect(await disableAccount(admin.id, admin.id.toUpperCase(), "oops")).toEqual({
      status: "own_account",
    });
    await disableAccount(other.id, admin.id, "Left the company");
    expect(await isPlatformAdmin(admin.id)).toBe(false);
    await expectRefused(() => listAccounts(admin.id, "", 1));
  });

  it("can be undone: sign-in works again, revoked keys stay revoked", async () => {
    const admin = await newAdmin();
    const org = await fx.newOrg();
    const key = await fx.createKey(org, org.owner, ["projects:read"]);
    await disableAccount(admin.id, org.owner, "Mistaken report");
    expect(await enableAccount(admin.id, org.owner)).toBe(true);
    expect(await enableAccount(admin.id, org.owner)).toBe(false);
    const { token } = await createSession(org.owner, meta);
    expect(await validateSessionToken(token)).not.toBeNull();
    expect((await lookupKey(key.key)).key?.revokedAt).not.toBeNull();
    const [entry] = await platformAuditEntries(admin.id, org.owner);
    expect(entry).toMatchObject({ action: "account.enabled", after: { disabled: false } });
  });
});

describe("ending sessions as an admin (S9)", () => {
  it("ends every session of one account, and nobody else's", async () => {
    const admin = await newAdmin();
    const a = await insertUser(db.app);
    const b = await insertUser(db.app);
    const [a1, a2, b1] = await Promise.all([
      createSession(a.id, meta),
      createSession(a.id, meta),
      createSession(b.id, meta),
    ]);
    expect(await endSessions(admin.id, a.id, admin.tokenHash)).toBe(2);
    expect(await validateSessionToken(a1.token)).toBeNull();
    expect(await validateSessionToken(a2.token)).toBeNull();
    expect(await validateSessionToken(b1.token)).not.toBeNull();
    const [entry] = await platformAuditEntries(admin.id, a.id, 1);
    expect(entry).toMatchObject({ action: "sessions.ended", after: { sessionsEnded: 2 } });
  });

  it("ends everyone's sessions but the admin's own (rolled back: other tests share the database)", async () => {
    const admin = await newAdmin();
    const spare = await createSession(admin.id, meta);
    const b1 = await createSession((await insertUser(db.app)).id, meta);
    const alive = (tx: typeof db.app, token: string) =>
      tx`select count(*)::int as n from app_session_lookup(${hashToken(token)})`.then(
        ([row]) => row!.n as number,
      );
    const rolledBack = db.app.begin(async (sql) => {
      const tx = sql as unknown as typeof db.app;
      await tx`select set_config('app.user_id', ${admin.id}, true)`;
      const [row] = await tx`select app_admin_end_sessions(null, ${admin.tokenHash}) as ended`;
      expect(row!.ended).toBeGreaterThanOrEqual(2);
      expect(await alive(tx, b1.token)).toBe(0);
      expect(await alive(tx, spare.token)).toBe(0);
      expect(await alive(tx, admin.token)).toBe(1);
      const [audit] = await tx`select action from app_admin_audit(null, 1)`;
      expect(audit).toEqual({ action: "sessions.ended_all" });
      throw new Error("roll back");
    });
    await expect(rolledBack).rejects.toThrow("roll back");
    expect(await validateSessionToken(b1.token)).not.toBeNull();
  });
});
