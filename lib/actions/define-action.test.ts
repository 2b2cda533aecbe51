import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const auth = vi.hoisted(() => ({ getCurrentSession: vi.fn(async (): Promise<unknown> => null) }));
vi.mock("@/lib/auth/current-session", () => auth);
const orgs = vi.hoisted(() => ({
  getSessionMembership: vi.fn(async (): Promise<unknown> => null),
}));
vi.mock("@/lib/orgs/membership", () => orgs);
const tenant = vi.hoisted(() => ({
  events: [] as string[],
  withTenant: vi.fn(async (_ctx: unknown, fn: (tx: unknown) => Promise<unknown>) => {
    tenant.events.push("begin");
    const result = await fn({ fake: "tx" });
    tenant.events.push("commit");
    return result;
  }),
}));
vi.mock("@/db/tenant", () => tenant);
const audit = vi.hoisted(() => ({ recordAudit: vi.fn(async () => undefined) }));
vi.mock("@/lib/audit/record-audit", () => audit);

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

  it("refuses NUL and unpaired surrogates in any field as field errors, before the handler", async () => {
    const handler = vi.fn(async () => "ran");
    const action = defineAction({ permission: "public", input, handler });
    const result = await action(
      null,
      form({ email: "a@b.co", name: "A\u0000l", password: `${"x".repeat(20)}\u0000` }),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        name: [expect.stringMatching(/U\+0000/)],
        password: [expect.stringMatching(/U\+0000/)],
      },
    });
    expect(result.ok === false && result.fieldErrors?.email).toBeFalsy();
    expect(handler).not.toHaveBeenCalled();
    // A JSON body instead of a form (FormData itself turns a lone surrogate into U+FFFD):
    // unpaired surrogates, and nested values, are checked too.
    const json = { email: "a@b.co", name: ["\u0000"], password: `${"x".repeat(20)}\uD800` };
    expect(await action(null, json as never)).toMatchObject({
      ok: false,
      fieldErrors: { name: [expect.any(String)], password: [expect.stringMatching(/surrogate/)] },
    });
    // A well-formed pair (an emoji) is fine.
    const emoji = form({ email: "a@b.co", name: "Al \u{1F600}", password: "x".repeat(20) });
    expect(await action(null, emoji)).toEqual({ ok: true, data: "ran" });
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

describe("defineAction at the organization level (catalogue permissions)", () => {
  const session = { userId: "u-1", email: "m@example.test" };
  const membership = {
    orgId: "org-a",
    slug: "org-a",
    name: "A",
    userId: "u-1",
    role: { id: "r-member", name: "Member", builtIn: "member" },
    permissions: ["members:read", "projects:read", "projects:create"],
  };
  const viewer = {
    ...membership,
    role: { id: "r-viewer", name: "Viewer", builtIn: "viewer" },
    permissions: ["members:read", "projects:read"],
  };
  const memberInput = z.strictObject({ org: z.string(), name: z.string().min(1, "Name it") });

  it("refuses an org the caller is not a member of, like one that does not exist, before running", async () => {
    auth.getCurrentSession.mockResolvedValue(session);
    orgs.getSessionMembership.mockResolvedValue({ session, membership: null });
    const handler = vi.fn(async () => "ran");
    const action = defineAction({ permission: "projects:create", input: memberInput, handler });
    const foreign = await action(null, form({ org: "org-b", name: "x" }));
    const malformed = await action(null, form({ org: "../../etc", name: "x" }));
    expect(foreign).toMatchObject({ ok: false, formError: expect.stringMatching(/couldn't find/) });
    expect(malformed.ok === false && malformed.formError).toBe(
      foreign.ok === false && foreign.formError,
    );
    expect(handler).not.toHaveBeenCalled();
    expect(orgs.getSessionMembership).toHaveBeenCalledWith("org-b");
  });

  it("refuses a member whose role lacks the permission, before parsing or running", async () => {
    auth.getCurrentSession.mockResolvedValue(session);
    orgs.getSessionMembership.mockResolvedValue({ session, membership: viewer });
    audit.recordAudit.mockClear();
    const handler = vi.fn(async () => "ran");
    const action = defineAction({ permission: "projects:create", input: memberInput, handler });
    const result = await action(null, form({ org: "org-a", name: "x" }));
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/role/) });
    expect(handler).not.toHaveBeenCalled();
    // Z12: the refusal itself is audited in the member's org.
    expect(audit.recordAudit).toHaveBeenCalledWith(
      expect.anything(),
      { orgId: "org-a", actorId: "u-1" },
      expect.objectContaining({ action: "authz.denied", targetId: "projects:create" }),
    );
  });

  it("runs the handler inside the org's transaction with the membership", async () => {
    auth.getCurrentSession.mockResolvedValue(session);
    orgs.getSessionMembership.mockResolvedValue({ session, membership: membership });
    const handler = vi.fn(async (_input: unknown, ctx: { tx: unknown; membership: unknown }) => ({
      tx: ctx.tx,
      org: ctx.membership,
    }));
    const action = defineAction({ permission: "projects:create", input: memberInput, handler });
    expect(await action(null, form({ org: "org-a", name: "Roadmap" }))).toEqual({
      ok: true,
      data: { tx: { fake: "tx" }, org: membership },
    });
    expect(tenant.withTenant).toHaveBeenCalledWith(
      { orgId: "org-a", userId: "u-1" },
      expect.any(Function),
    );
  });

  it("throws redirect() only after the transaction has committed", async () => {
    auth.getCurrentSession.mockResolvedValue(session);
    orgs.getSessionMembership.mockResolvedValue({ session, membership: membership });
    tenant.events.length = 0;
    const { redirect } = await import("next/navigation");
    const action = defineAction({
      permission: "projects:create",
      input: memberInput,
      handler: async () => redirect("/o/org-a"),
    });
    await expect(action(null, form({ org: "org-a", name: "Roadmap" }))).rejects.toMatchObject({
      digest: expect.stringContaining("NEXT_REDIRECT"),
    });
    expect(tenant.events).toEqual(["begin", "commit"]);
  });

  describe("with the creator rule (ABAC)", () => {
    const projectInput = z.strictObject({ org: z.string(), id: z.string() });
    const define = (owned?: () => Promise<{ createdBy: string | null } | null>) =>
      defineAction({
        permission: "projects:update",
        input: projectInput,
        owned,
        handler: async () => "edited",
      });

    it("lets a member change what they created, and nothing else", async () => {
      auth.getCurrentSession.mockResolvedValue(session);
      orgs.getSessionMembership.mockResolvedValue({ session, membership: membership });
      const own = await define(async () => ({ createdBy: "u-1" }))(
        null,
        form({ org: "org-a", id: "p" }),
      );
      const theirs = await define(async () => ({ createdBy: "u-2" }))(
        null,
        form({ org: "org-a", id: "p" }),
      );
      const missing = await define(async () => null)(null, form({ org: "org-a", id: "p" }));
      expect(own).toEqual({ ok: true, data: "edited" });
      expect(theirs).toMatchObject({ ok: false, formError: expect.stringMatching(/role/) });
      expect(missing).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/couldn't find/),
      });
    });

    it("refuses creator-only roles when the action cannot load its resource (fail closed)", async () => {
      auth.getCurrentSession.mockResolvedValue(session);
      orgs.getSessionMembership.mockResolvedValue({ session, membership: membership });
      expect(await define()(null, form({ org: "org-a", id: "p" }))).toMatchObject({ ok: false });
    });

    it("refuses a viewer before loading anything", async () => {
      auth.getCurrentSession.mockResolvedValue(session);
      orgs.getSessionMembership.mockResolvedValue({ session, membership: viewer });
      const owned = vi.fn(async () => ({ createdBy: "u-1" }));
      expect(await define(owned)(null, form({ org: "org-a", id: "p" }))).toMatchObject({
        ok: false,
        formError: expect.stringMatching(/role/),
      });
      expect(owned).not.toHaveBeenCalled();
    });
  });
});
