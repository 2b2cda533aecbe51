import { sealData } from "iron-session";
import { afterEach, describe, expect, it, vi } from "vitest";

const cookieJar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (cookieJar.has(name) ? { value: cookieJar.get(name) } : undefined),
  }),
  headers: async () => new Headers(),
}));
const lookups = vi.hoisted(() => ({ findRequestContext: vi.fn(async () => null) }));
vi.mock("@/db/request-context", () => lookups);

const { getCurrentSession } = await import("./current-session");
const { SESSION_COOKIE, sealSessionToken, unsealSessionToken } = await import("./session-cookie");
const { generateSessionToken } = await import("./session-token");

afterEach(() => {
  cookieJar.clear();
  lookups.findRequestContext.mockClear();
});

describe("the sealed session cookie", () => {
  it("round-trips the token and nothing else", async () => {
    const token = generateSessionToken();
    const sealed = await sealSessionToken(token);
    expect(sealed).not.toContain(token);
    expect(await unsealSessionToken(sealed)).toBe(token);
  });

  it("rejects a tampered, foreign or oversized cookie without querying the database", async () => {
    const sealed = await sealSessionToken(generateSessionToken());
    const flipped = sealed.slice(0, 40) + (sealed[40] === "A" ? "B" : "A") + sealed.slice(41);
    const foreign = await sealData(
      { t: generateSessionToken() },
      { password: "another-secret-".repeat(3) },
    );
    for (const value of [flipped, foreign, "garbage", "x".repeat(5000), ""]) {
      cookieJar.set(SESSION_COOKIE, value);
      expect(await getCurrentSession()).toBeNull();
    }
    expect(lookups.findRequestContext).not.toHaveBeenCalled();
  });

  it("does query the database for an intact seal (the row decides)", async () => {
    cookieJar.set(SESSION_COOKIE, await sealSessionToken(generateSessionToken()));
    expect(await getCurrentSession()).toBeNull();
    expect(lookups.findRequestContext).toHaveBeenCalledTimes(1);
  });
});
