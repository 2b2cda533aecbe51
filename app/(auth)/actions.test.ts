import { afterEach, describe, expect, it, vi } from "vitest";

// The actions run outside Next here: no request, so no session and no cookies to set.
vi.mock("@/lib/auth/current-session", () => ({ getCurrentSession: vi.fn(async () => null) }));
vi.mock("@/lib/auth/sign-in", () => ({ startSession: vi.fn(async () => {}) }));

const { loginAction, signupAction } = await import("./actions");
const { passwordHasher } = await import("@/lib/auth/password-hasher");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

afterEach(() => vi.restoreAllMocks());

describe("oversized passwords (A2)", () => {
  it("never reach the hasher: a 1 MB password is refused by validation", async () => {
    const verify = vi.spyOn(passwordHasher, "verify");
    const hash = vi.spyOn(passwordHasher, "hash");
    const huge = "x".repeat(1024 * 1024);
    const login = await loginAction(null, form({ email: "a@example.test", password: huge }));
    const signup = await signupAction(null, form({ email: "a@example.test", password: huge }));
    for (const result of [login, signup]) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain("xxxxxxxxxx");
    }
    expect(login).toMatchObject({
      fieldErrors: { password: ["Passwords are at most 1024 characters"] },
    });
    expect(signup).toMatchObject({ fieldErrors: { password: ["Use at most 1024 characters"] } });
    expect(verify).not.toHaveBeenCalled();
    expect(hash).not.toHaveBeenCalled();
  });
});

describe("malformed calls (I1)", () => {
  it.each([
    ["no form at all", undefined],
    ["an array", ["a@example.test", "password"]],
    [
      "unknown fields",
      form({ email: "a@example.test", password: "whatever it is", role: "owner" }),
    ],
  ])("answer %s with a validation failure, not an exception", async (_label, input) => {
    const call = loginAction as (previous: unknown, data: unknown) => Promise<{ ok: boolean }>;
    expect(await call(null, input)).toMatchObject({ ok: false });
  });
});
