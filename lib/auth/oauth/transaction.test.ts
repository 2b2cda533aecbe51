import { sealData } from "iron-session";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  sealTransaction,
  unsealTransaction,
  OAUTH_TRANSACTION_TTL_SECONDS,
  type OAuthTransaction,
} from "./transaction";

/** The sealed OAuth transaction cookie (checklist O1). */
const attempt: OAuthTransaction = {
  state: "s".repeat(43),
  codeVerifier: "v".repeat(43),
  nonce: "n".repeat(43),
  provider: "google",
  intent: "login",
  userId: null,
  next: "/o/acme?tab=1",
};

afterEach(() => {
  vi.useRealTimers();
});

describe("the OAuth transaction cookie", () => {
  it("round-trips the attempt, and its value reveals none of it", async () => {
    const sealed = await sealTransaction(attempt);
    expect(sealed).not.toContain(attempt.state);
    expect(sealed).not.toContain(attempt.codeVerifier);
    expect(await unsealTransaction(sealed)).toEqual(attempt);
  });

  it("refuses a tampered, foreign, missing or oversized value", async () => {
    const sealed = await sealTransaction(attempt);
    const tampered = `${sealed.slice(0, 40)}${sealed[40] === "A" ? "B" : "A"}${sealed.slice(41)}`;
    expect(await unsealTransaction(tampered)).toBeNull();
    const foreign = await sealData(attempt, { password: "x".repeat(32) });
    expect(await unsealTransaction(foreign)).toBeNull();
    expect(await unsealTransaction(undefined)).toBeNull();
    expect(await unsealTransaction("a".repeat(5000))).toBeNull();
  });

  it("refuses a session cookie's seal: same secret, different purpose", async () => {
    const secret = process.env.SESSION_SECRET!;
    const session = await sealData({ t: "t".repeat(43) }, { password: secret });
    expect(await unsealTransaction(session)).toBeNull();
    const unlabelled = await sealData({ ...attempt }, { password: secret });
    expect(await unsealTransaction(unlabelled)).toBeNull();
  });

  it("refuses an unsafe return path even inside a valid seal", async () => {
    const secret = process.env.SESSION_SECRET!;
    const sealed = await sealData(
      { purpose: "oauth", ...attempt, next: "//evil.example" },
      { password: secret },
    );
    expect(await unsealTransaction(sealed)).toBeNull();
  });

  it("expires after 10 minutes", async () => {
    const sealed = await sealTransaction(attempt);
    vi.useFakeTimers({ now: Date.now() + (OAUTH_TRANSACTION_TTL_SECONDS + 61) * 1000 });
    expect(await unsealTransaction(sealed)).toBeNull();
  });
});
