import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const good = {
  DATABASE_APP_URL: "postgres://app_user:pw@localhost:5432/app",
  SESSION_SECRET: "s".repeat(32),
};

describe("parseEnv", () => {
  it("accepts a complete environment and fills defaults", () => {
    const env = parseEnv(good);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_POOL_MAX).toBe(10);
  });

  it("names each missing or invalid variable", () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_APP_URL[\s\S]*SESSION_SECRET/);
    expect(() => parseEnv({ ...good, SESSION_SECRET: "short" })).toThrow(
      /SESSION_SECRET: must be at least 32/,
    );
    expect(() => parseEnv({ ...good, DATABASE_APP_URL: "mysql://x@y/z" })).toThrow(
      /DATABASE_APP_URL/,
    );
  });
});

describe("parseEnv: mail", () => {
  it("requires SMTP_URL in production, and says so next to other problems", () => {
    expect(() => parseEnv({ ...good, NODE_ENV: "production" })).toThrow(
      /SMTP_URL: is required in production/,
    );
    expect(() => parseEnv({ ...good, NODE_ENV: "production", SMTP_URL: "" })).toThrow(
      /SMTP_URL: is required in production/,
    );
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /DATABASE_APP_URL[\s\S]*SESSION_SECRET[\s\S]*SMTP_URL/,
    );
    const production = parseEnv({
      ...good,
      NODE_ENV: "production",
      SMTP_URL: "smtps://u:p@mx.test",
    });
    expect(production.SMTP_URL).toBe("smtps://u:p@mx.test");
  });

  it("leaves SMTP_URL optional outside production", () => {
    expect(parseEnv(good).SMTP_URL).toBeUndefined();
    expect(parseEnv({ ...good, NODE_ENV: "test", SMTP_URL: "" }).SMTP_URL).toBeUndefined();
  });

  it("accepts only smtp:// and smtps:// URLs", () => {
    expect(() => parseEnv({ ...good, SMTP_URL: "https://mail.test" })).toThrow(/SMTP_URL/);
    expect(() => parseEnv({ ...good, SMTP_URL: "not a url" })).toThrow(/SMTP_URL/);
  });

  it("defaults MAIL_FROM to the product name at the app's host", () => {
    expect(parseEnv({ ...good, APP_URL: "https://app.example.com" }).MAIL_FROM).toBe(
      '"Acme" <no-reply@app.example.com>',
    );
    expect(parseEnv({ ...good, MAIL_FROM: "Team <team@example.com>" }).MAIL_FROM).toBe(
      "Team <team@example.com>",
    );
  });

  it("refuses a MAIL_FROM that is not one address on one line", () => {
    for (const from of ["Team <team@example.com>\r\nBcc: x@evil.test", "not an address"]) {
      expect(() => parseEnv({ ...good, MAIL_FROM: from })).toThrow(/MAIL_FROM/);
    }
  });
});

describe("parseEnv: API", () => {
  it("has rate limits by default and reads a CORS allowlist of exact origins", () => {
    const env = parseEnv(good);
    expect(env.API_RATE_LIMIT_PER_MINUTE).toBe(600);
    expect(env.API_IP_RATE_LIMIT_PER_MINUTE).toBe(1200);
    expect(env.API_CORS_ORIGINS).toEqual([]);
    const listed = parseEnv({
      ...good,
      API_CORS_ORIGINS: "https://App.example.com, http://localhost:5173",
    });
    expect(listed.API_CORS_ORIGINS).toEqual(["https://app.example.com", "http://localhost:5173"]);
  });

  it("refuses wildcards, paths and non-numeric limits", () => {
    for (const value of ["*", "https://*.example.com", "https://a.example.com/path", "null"]) {
      expect(() => parseEnv({ ...good, API_CORS_ORIGINS: value }), value).toThrow(
        /API_CORS_ORIGINS/,
      );
    }
    expect(() => parseEnv({ ...good, API_RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(
      /API_RATE_LIMIT_PER_MINUTE/,
    );
  });
});
