import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const auth = vi.hoisted(() => ({ getCurrentSession: vi.fn(async (): Promise<unknown> => null) }));
vi.mock("@/lib/auth/current-session", () => auth);

const { defineAction } = await import("./define-action");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

afterEach(() => {
  auth.getCurrentSession.mockReset();
  auth.getCurrentSession.mockResolvedValue(null);
});

const input = z.strictObject({
  email: z.email("Enter an email"),
  name: z.string().min(2, "Too short"),
  password: z.string().min(15, "Too short"),
});

describe("defineAction", () => {
  it("refuses an 'authenticated' action without a session, before parsing or running", async () => {
    const handler = vi.fn(async () => "ran");
    const action = defineAction({ permission: "authenticated", input, handler });
    const result = await action(
      null,
      form({ email: "a@b.co", name: "Al", password: "x".repeat(20) }),
    );
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/sign in/i) });
    expect(handler).not.toHaveBeenCalled();
  });

  it("returns every field's errors at once and keeps what was typed, except passwords", async () => {
    const action = defineAction({ permission: "public", input, handler: async () => "ran" });
    const result = await action(null, form({ email: "nope", name: "A", password: "short" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password"]);
    expect(result.values).toEqual({ email: "nope", name: "A" });
  });

  it("rejects unknown fields (no mass assignment) and ignores Next's $ACTION keys", async () => {
    const action = defineAction({ permission: "public", input, handler: async () => "ran" });
    const ok = form({ email: "a@b.co", name: "Al", password: "x".repeat(20), $ACTION_ID_abc: "" });
    expect(await action(null, ok)).toEqual({ ok: true, data: "ran" });
    const extra = form({ email: "a@b.co", name: "Al", password: "x".repeat(20), role: "owner" });
    expect(await action(null, extra)).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/unexpected/i),
    });
  });

  it("survives a caller that posts no form at all", async () => {
    const action = defineAction({ permission: "public", input, handler: async () => "ran" });
    const result = await (action as (...args: unknown[]) => Promise<unknown>)();
    expect(result).toMatchObject({ ok: false, fieldErrors: expect.any(Object) });
  });

  it("answers unexpected errors generically with a reference, never the raw message", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const action = defineAction({
      permission: "public",
      input,
      handler: async () => {
        throw new Error('relation "users" does not exist at postgres://secret');
      },
    });
    const result = await action(
      null,
      form({ email: "a@b.co", name: "Al", password: "x".repeat(20) }),
    );
    expect(result).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/Reference: [0-9a-f-]{36}/),
    });
    expect(JSON.stringify(result)).not.toMatch(/relation|postgres|secret/);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
