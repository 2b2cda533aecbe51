import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { completeAtProvider } from "@/scripts/oauth-providers/drive";
import { createAuthorizationUrl, exchangeCode } from "./client";
import { OAuthFlowError, type OAuthFailure } from "./errors";
import { identityFromCallback } from "./callback";
import { oauthProvider, type OAuthProvider } from "./providers";
import type { OAuthTransaction } from "./transaction";

/**
 * The callback's checks before any identity is accepted (checklist O1, O2, O3, O10). Refusals
 * that need no network run against a provider object; the PKCE cases run against the local
 * GitHub-shaped provider that `npm test` starts (GITHUB_* in the environment).
 */
const google: OAuthProvider = {
  kind: "oidc",
  id: "google",
  name: "Google",
  clientId: "client",
  clientSecret: "secret",
  authorizeUrl: "https://accounts.example/authorize",
  tokenUrl: "http://127.0.0.1:9/token-endpoint-never-reached",
  scopes: ["openid", "email", "profile"],
  issuers: ["https://accounts.example"],
  jwksUrl: "http://127.0.0.1:9/jwks",
};

const transaction: OAuthTransaction = {
  state: randomBytes(32).toString("base64url"),
  codeVerifier: randomBytes(32).toString("base64url"),
  nonce: randomBytes(32).toString("base64url"),
  provider: "google",
  intent: "login",
  userId: null,
  next: null,
};

async function reason(promise: Promise<unknown>): Promise<OAuthFailure | "resolved"> {
  try {
    await promise;
    return "resolved";
  } catch (error) {
    if (error instanceof OAuthFlowError) return error.reason;
    throw error;
  }
}

const params = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("identityFromCallback refuses before exchanging any code", () => {
  it("a browser that never started the flow, or whose attempt expired (no transaction)", async () => {
    const query = params({ code: "c", state: transaction.state });
    expect(await reason(identityFromCallback(google, query, null))).toBe("invalid_state");
  });

  it("a missing, mismatched or repeated state", async () => {
    for (const query of [
      params({ code: "c" }),
      params({ code: "c", state: "" }),
      params({ code: "c", state: `${transaction.state.slice(1)}x` }),
      new URLSearchParams(`code=c&state=${transaction.state}&state=${transaction.state}`),
    ]) {
      expect(await reason(identityFromCallback(google, query, transaction))).toBe("invalid_state");
    }
  });

  it("a state issued for another provider, delivered to this one (mix-up, O3)", async () => {
    const github = { ...transaction, provider: "github" as const };
    const query = params({ code: "c", state: transaction.state });
    expect(await reason(identityFromCallback(google, query, github))).toBe("invalid_state");
  });

  it("an `iss` that is not the provider's issuer (RFC 9207)", async () => {
    const query = params({ code: "c", state: transaction.state, iss: "https://evil.example" });
    expect(await reason(identityFromCallback(google, query, transaction))).toBe("invalid_state");
  });

  it("a provider error, mapped to our own reason and never its text (O10)", async () => {
    const denied = params({
      state: transaction.state,
      error: "access_denied",
      error_description: "<script>alert(1)</script>",
    });
    expect(await reason(identityFromCallback(google, denied, transaction))).toBe("cancelled");
    const other = params({ state: transaction.state, error: "<b>server_error</b>" });
    expect(await reason(identityFromCallback(google, other, transaction))).toBe("provider_error");
  });

  it("a callback without a code", async () => {
    const query = params({ state: transaction.state });
    expect(await reason(identityFromCallback(google, query, transaction))).toBe("provider_error");
  });
});

describe("the authorization URL (O2, O4)", () => {
  it("carries S256 PKCE of the verifier, the nonce, fixed scopes and the configured redirect URI", () => {
    const url = createAuthorizationUrl(google, transaction);
    const q = url.searchParams;
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toBe(
      createHash("sha256").update(transaction.codeVerifier).digest("base64url"),
    );
    expect(q.get("code_challenge")).toHaveLength(43);
    expect(q.get("state")).toBe(transaction.state);
    expect(q.get("nonce")).toBe(transaction.nonce);
    expect(q.get("scope")).toBe("openid email profile");
    expect(q.get("redirect_uri")).toBe(new URL("/auth/callback/google", process.env.APP_URL).href);
    expect(url.href).not.toContain("plain");
  });
});

describe("the code exchange against the local GitHub-shaped provider", () => {
  const github = () => {
    const provider = oauthProvider("github");
    if (!provider) throw new Error("GITHUB_* is not set: run this through `npm test`.");
    return provider;
  };

  /** A code for our own authorization URL, i.e. for `verifier`'s S256 challenge. */
  async function codeFor(verifier: string): Promise<string> {
    const url = createAuthorizationUrl(github(), { ...transaction, codeVerifier: verifier });
    const identity = { subject: "77", email: "pkce@example.test", emailVerified: true };
    const callback = await completeAtProvider(url.href, identity);
    return new URL(callback).searchParams.get("code")!;
  }

  it("succeeds with the right verifier, once", async () => {
    const verifier = randomBytes(32).toString("base64url");
    const code = await codeFor(verifier);
    await expect(exchangeCode(github(), code, verifier)).resolves.toMatchObject({
      accessToken: expect.stringMatching(/^gho_/),
    });
    expect(await reason(exchangeCode(github(), code, verifier))).toBe("token_exchange_failed");
  });

  it("is refused by the provider with a wrong verifier (a stolen code in another attempt)", async () => {
    const code = await codeFor(randomBytes(32).toString("base64url"));
    const attackers = randomBytes(32).toString("base64url");
    expect(await reason(exchangeCode(github(), code, attackers))).toBe("token_exchange_failed");
  });
});
