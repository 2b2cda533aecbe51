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
