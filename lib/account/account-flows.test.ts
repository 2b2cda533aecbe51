import { afterEach, describe, expect, it, vi } from "vitest";

// Outside Next: capture mail instead of sending it, and no cookies to set.
const outbox = vi.hoisted(() => [] as { to: string; subject: string; text: string }[]);
vi.mock("@/lib/mail/send-mail", () => ({
  sendMail: vi.fn(async (m: { to: string; subject: string; text: string }) => {
    outbox.push(m);
  }),
}));
vi.mock("@/lib/auth/sign-in", () => ({ startSession: vi.fn(async () => {}) }));

const { insertUser, testConnections } = await import("@/db/test-database");
const { passwordHasher } = await import("@/lib/auth/password-hasher");
const { authenticate } = await import("@/lib/auth/authenticate");
const { createSession, validateSessionToken } = await import("@/lib/auth/session");
const { issueAccountToken, findAccountToken } = await import("./account-tokens");
const { signUp } = await import("./sign-up");
const { verifyEmail } = await import("./email-verification");
const { completePasswordReset, deliverPasswordReset } = await import("./password-reset");
const { confirmEmailChange, deliverEmailChange } = await import("./email-change");

const db = testConnections();
const meta = { ip: null, userAgent: "vitest" };
const NEW_PASSWORD = "quartz meadow lantern violin";

afterEach(() => {
  outbox.length = 0;
  vi.restoreAllMocks();
});

function linkIn(to: string, path: string): string {
  const mail = outbox.findLast((m) => m.to === to);
  const match = mail?.text.match(new RegExp(`/${path}/([A-Za-z0-9_-]{43})`));
  if (!match) throw new Error(`no /${path}/ link mailed to ${to}`);
  return match[1]!;
}

async function userRow(id: string) {
  return db.app.begin(async (tx) => {
    await tx`select set_config('app.user_id', ${id}, true)`;
    const [row] = await tx`select email, email_verified_at, password_hash from users`;
    return row!;
  });
}

const email = () => `flow-${crypto.randomUUID()}@example.test`;

describe("signup (A10: same answer, same work, mail to the owner)", () => {
  it("hashes once and sends exactly one email, whether or not the address has an account", async () => {
    const hash = vi.spyOn(passwordHasher, "hash");
    const address = email();
    await signUp(address, NEW_PASSWORD);
    expect(hash).toHaveBeenCalledTimes(1);
    expect(outbox.map((m) => m.subject)).toEqual([expect.stringMatching(/^Verify your email/)]);

    outbox.length = 0;
    await signUp(address.toUpperCase(), "another long passphrase here");
    expect(hash).toHaveBeenCalledTimes(2);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.subject).toMatch(/tried to sign up/);
    expect(outbox[0]!.text).toContain("/forgot-password");
  });

  it("verifies with the mailed link, once", async () => {
    const address = email();
    await signUp(address, NEW_PASSWORD);
    const token = linkIn(address, "verify-email");
    const outcome = await verifyEmail(token);
    expect(outcome).toMatchObject({ ok: true, email: address });
    expect(await verifyEmail(token)).toEqual({ ok: false, reason: "used" });
  });
});

describe("password reset", () => {
  it("mails only an existing account, and ends every session on completion", async () => {
    const user = await insertUser(db.app, { passwordHash: await passwordHasher.hash("old one") });
    await deliverPasswordReset(`nobody-${crypto.randomUUID()}@example.test`);
    expect(outbox).toHaveLength(0);

    const a = await createSession(user.id, meta);
    const b = await createSession(user.id, meta);
    await deliverPasswordReset(user.email);
    const token = linkIn(user.email, "reset-password");
    const pendingChange = await issueAccountToken(user.id, "change_email", email());

    expect(await completePasswordReset(token, NEW_PASSWORD)).toEqual({
      ok: true,
      email: user.email,
    });
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(b.token)).toBeNull();
    expect(await authenticate(user.email, "old one")).toBeNull();
    expect(await authenticate(user.email, NEW_PASSWORD)).toBe(user.id);
    expect((await userRow(user.id)).email_verified_at).not.toBeNull();
    // A pending email change could hand the account over: the reset cancels it.
    expect((await findAccountToken(pendingChange.token, "change_email")).ok).toBe(false);
    expect(outbox.at(-1)!.subject).toMatch(/password was changed/);
    expect(await completePasswordReset(token, NEW_PASSWORD)).toEqual({ ok: false, reason: "used" });
  });

  it("refuses a weak password without spending the link", async () => {
    const user = await insertUser(db.app);
    const { token } = await issueAccountToken(user.id, "reset_password", user.email);
    const outcome = await completePasswordReset(token, "password123456789");
    expect(outcome).toMatchObject({ ok: false, reason: "weak" });
    expect((await findAccountToken(token, "reset_password")).ok).toBe(true);
  });
});

describe("email change", () => {
  it("changes nothing until the new address's link is used; then verifies it", async () => {
    const user = await insertUser(db.app);
    const next = email();
    await deliverEmailChange(user.id, user.email, next);
    expect(outbox.map((m) => m.to).sort()).toEqual([next, user.email].sort());
    expect((await userRow(user.id)).email).toBe(user.email);

    const stays = await createSession(user.id, meta);
    const ends = await createSession(user.id, meta);
    const current = await validateSessionToken(stays.token);
    const token = linkIn(next, "confirm-email");
    const outcome = await confirmEmailChange(token, current);
    expect(outcome).toEqual({ ok: true, email: next, userId: user.id });
    const row = await userRow(user.id);
    expect(row.email).toBe(next);
    expect(row.email_verified_at).not.toBeNull();
    expect(await validateSessionToken(stays.token)).not.toBeNull();
    expect(await validateSessionToken(ends.token)).toBeNull();
    expect(outbox.at(-1)).toMatchObject({
      to: user.email,
      subject: expect.stringMatching(/was changed/),
    });
  });

  it("mails a taken address a notice instead of a link, and rechecks at confirmation", async () => {
    const user = await insertUser(db.app);
    const taken = await insertUser(db.app);
    await deliverEmailChange(user.id, user.email, taken.email);
    expect(outbox.map((m) => m.subject)).toEqual([expect.stringMatching(/tried to move/)]);

    // Free when asked, taken by the time the link is used.
    const later = email();
    const { token } = await issueAccountToken(user.id, "change_email", later);
    await insertUser(db.app, { email: later });
    expect(await confirmEmailChange(token, null)).toEqual({ ok: false, reason: "taken" });
    expect((await userRow(user.id)).email).toBe(user.email);
  });

  it("makes links sent to the old address worthless", async () => {
    const user = await insertUser(db.app);
    const verify = await issueAccountToken(user.id, "verify_email", user.email);
    const change = await issueAccountToken(user.id, "change_email", email());
    expect((await confirmEmailChange(change.token, null)).ok).toBe(true);
    expect(await verifyEmail(verify.token)).toEqual({ ok: false, reason: "invalid" });
  });
});
