import { describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";

/** Which providers the login pages offer: only those with both credentials (docs/oauth.md). */
const base = { DATABASE_APP_URL: "postgres://u:p@localhost/db", SESSION_SECRET: "s".repeat(32) };
const current = vi.hoisted(() => ({ env: null as unknown }));
vi.mock("@/lib/env", async (original) => ({
  ...(await original<typeof import("@/lib/env")>()),
  env: () => current.env,
}));
const { configuredProviders, oauthProvider, redirectUri } = await import("./providers");
const { authorizationOrigins: originsFrom } = await import("./authorization-origins");

let vars: Record<string, string> = {};
function withEnv(source: Record<string, string>) {
  vars = { ...base, ...source };
  current.env = parseEnv(vars);
}

/** server.ts reads the raw variables (no server-only there); it must agree with the providers. */
function authorizationOrigins(): string[] {
  const fromProviders = configuredProviders().map(
    ({ id }) => new URL(oauthProvider(id)!.authorizeUrl).origin,
  );
  expect(originsFrom(vars)).toEqual(fromProviders);
  return fromProviders;
}

describe("the configured providers", () => {
  it("offers none without credentials, so no button shows", () => {
    withEnv({});
    expect(configuredProviders()).toEqual([]);
    expect(oauthProvider("github")).toBeNull();
    expect(authorizationOrigins()).toEqual([]);
  });

  it("offers exactly those with an id and a secret, with the real endpoints by default", () => {
    withEnv({ GITHUB_CLIENT_ID: "id", GITHUB_CLIENT_SECRET: "secret" });
    expect(configuredProviders()).toEqual([{ id: "github", name: "GitHub" }]);
    expect(oauthProvider("github")).toMatchObject({
      authorizeUrl: "https://github.com/login/oauth/authorize",
      tokenUrl: "https://github.com/login/oauth/access_token",
      apiUrl: "https://api.github.com",
      scopes: ["read:user", "user:email"],
    });
    expect(authorizationOrigins()).toEqual(["https://github.com"]);
  });

  it("lists each configured provider's authorization origin for the CSP's form-action", () => {
    withEnv({
      GITHUB_CLIENT_ID: "id",
      GITHUB_CLIENT_SECRET: "secret",
      GITHUB_AUTHORIZE_URL: "",
      GOOGLE_CLIENT_ID: "id",
      GOOGLE_CLIENT_SECRET: "secret",
      GOOGLE_AUTHORIZE_URL: "http://127.0.0.1:4555/auth?x=1",
    });
    expect(authorizationOrigins()).toEqual(["https://github.com", "http://127.0.0.1:4555"]);
  });

  it("accepts both forms of Google's issuer by default, and only the configured one otherwise", () => {
    withEnv({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "secret" });
    expect(oauthProvider("google")).toMatchObject({
      issuers: ["https://accounts.google.com", "accounts.google.com"],
      scopes: ["openid", "email", "profile"],
    });
    withEnv({
      GOOGLE_CLIENT_ID: "id",
      GOOGLE_CLIENT_SECRET: "secret",
      GOOGLE_ISSUER: "http://127.0.0.1:4000",
    });
    expect(oauthProvider("google")).toMatchObject({ issuers: ["http://127.0.0.1:4000"] });
  });

  it("builds the redirect URI from APP_URL alone", () => {
    withEnv({ APP_URL: "https://app.example.com" });
    expect(redirectUri("google")).toBe("https://app.example.com/auth/callback/google");
  });
});

describe("parseEnv: OAuth", () => {
  it("refuses half a credential pair, naming both variables", () => {
    expect(() => parseEnv({ ...base, GITHUB_CLIENT_ID: "id" })).toThrow(
      /GITHUB_CLIENT_ID: and GITHUB_CLIENT_SECRET must be set together/,
    );
    expect(() => parseEnv({ ...base, GOOGLE_CLIENT_SECRET: "secret" })).toThrow(
      /GOOGLE_CLIENT_ID: and GOOGLE_CLIENT_SECRET/,
    );
  });

  it("requires https endpoints in production, except on this machine", () => {
    const production = { ...base, NODE_ENV: "production", SMTP_URL: "smtps://u:p@mx.test" };
    expect(() => parseEnv({ ...production, GOOGLE_TOKEN_URL: "http://idp.example/token" })).toThrow(
      /GOOGLE_TOKEN_URL: must be https/,
    );
    // This machine is allowed: the production build under test talks to local providers.
    expect(
      parseEnv({ ...production, GOOGLE_TOKEN_URL: "http://127.0.0.1:4000/token" }).GOOGLE_TOKEN_URL,
    ).toBe("http://127.0.0.1:4000/token");
    expect(parseEnv(production).GITHUB_API_URL).toBe("https://api.github.com");
  });
});
