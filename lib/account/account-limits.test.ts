import { beforeEach, describe, expect, it, vi } from "vitest";

// The actions outside Next: a session when a test sets one, the deferred work skipped.
const current = vi.hoisted(() => ({ session: null as unknown }));
vi.mock("@/lib/auth/current-session", () => ({
  getCurrentSession: vi.fn(async () => current.session),
}));
vi.mock("@/lib/account/after-response", () => ({ afterResponse: vi.fn() }));
// The client IP a trusted proxy would report (lib/request-meta), or none.
const client = vi.hoisted(() => ({ ip: null as string | null }));
vi.mock("@/lib/request-meta", () => ({
  requestMeta: vi.fn(async () => ({ ip: client.ip, userAgent: null })),
}));
vi.mock("@/lib/account/sign-up", () => ({ signUp: vi.fn(async () => {}) }));
vi.mock("@/lib/mail/send-mail", () => ({ sendMail: vi.fn(async () => {}) }));
vi.mock("@/lib/account/email-verification", () => ({
  sendVerificationLink: vi.fn(async () => {}),
}));

const { ACCOUNT_LIMITS } = await import("./account-limits");
const { signupAction } = await import("@/app/(auth)/actions");
const { requestPasswordResetAction } = await import("@/app/(auth)/forgot-password/actions");
const { resendVerificationAction } = await import("@/app/(app)/account/actions");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

// A client of its own per test (the subject is hashed, any string does), so tests never share
// a count.
beforeEach(() => {
  client.ip = `client-${crypto.randomUUID()}`;
});

describe("limits of the account lifecycle (A9)", () => {
  it("refuse reset requests for one email past the limit, with a clear message and the email kept", async () => {
    const address = `limit-${crypto.randomUUID()}@example.test`;
    const answers = [];
    for (let i = 0; i <= ACCOUNT_LIMITS.resetPerEmail.limit; i++) {
      answers.push(await requestPasswordResetAction(null, form({ email: address })));
    }
    expect(answers.slice(0, -1).every((a) => a.ok)).toBe(true);
    expect(answers.at(-1)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/^Too many reset requests\. Try again in \d+ minutes?\.$/),
      values: { email: address },
    });
    // Another address is still served.
    const other = await requestPasswordResetAction(null, form({ email: `x-${address}` }));
    expect(other.ok).toBe(true);
  });

  it("skip per-IP limits when no trusted proxy reports the client, instead of one shared bucket", async () => {
    client.ip = null;
    const { limit } = ACCOUNT_LIMITS.signupPerIp;
    for (let i = 0; i <= limit; i++) {
      const answer = await signupAction(
        null,
        form({
          email: `nobody-knows-${i}-${crypto.randomUUID()}@example.test`,
          password: "copper violin harbour mist",
        }),
      );
      expect(answer.ok).toBe(true);
    }
  });

  it("refuse signups from one IP past the limit, before any hashing", async () => {
    const { limit } = ACCOUNT_LIMITS.signupPerIp;
    const attempt = (i: number) =>
      signupAction(
        null,
        form({
          email: `many-${i}-${crypto.randomUUID()}@example.test`,
          password: "copper violin harbour mist",
        }),
      );
    for (let i = 0; i < limit; i++) expect((await attempt(i)).ok).toBe(true);
    const refused = await attempt(limit);
    expect(refused).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/^Too many sign-ups from your network\./),
    });
    expect(JSON.stringify(refused)).not.toContain("copper violin");
  });

  it("refuse verification resends for one account past the limit", async () => {
    const userId = crypto.randomUUID();
    current.session = { userId, email: `resend-${userId}@example.test`, emailVerifiedAt: null };
    try {
      const { limit } = ACCOUNT_LIMITS.verificationResendPerUser;
      for (let i = 0; i < limit; i++) {
        expect(await resendVerificationAction(null, form({}))).toMatchObject({ ok: true });
      }
      expect(await resendVerificationAction(null, form({}))).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/several emails already\. Try again in/),
      });
    } finally {
      current.session = null;
    }
  });
});
