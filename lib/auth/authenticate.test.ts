import { hash } from "@node-rs/argon2";
import { afterEach, describe, expect, it, vi } from "vitest";
import { insertUser, testConnections } from "@/db/test-database";
import { authenticate } from "./authenticate";
import { ARGON2_PARAMS, passwordHasher } from "./password-hasher";

const db = testConnections();
afterEach(() => vi.restoreAllMocks());

const PASSWORD = "  Correct Horse  Battery Staple  ";

async function userWithPassword(password: string, params = ARGON2_PARAMS) {
  return insertUser(db.app, { passwordHash: await hash(password, params) });
}

describe("authenticate (A5, A10)", () => {
  it("accepts the exact password, case-insensitively matching the email", async () => {
    const user = await userWithPassword(PASSWORD);
    expect(await authenticate(user.email, PASSWORD)).toBe(user.id);
    expect(await authenticate(user.email.toUpperCase(), PASSWORD)).toBe(user.id);
  });

  it("verifies the password exactly as typed: no trimming, no case folding", async () => {
    const user = await userWithPassword(PASSWORD);
    expect(await authenticate(user.email, PASSWORD.trim())).toBeNull();
    expect(await authenticate(user.email, PASSWORD.toLowerCase())).toBeNull();
  });

  it("does not truncate long passwords", async () => {
    const long = "a long passphrase ".repeat(7).slice(0, 120);
    const user = await userWithPassword(long);
    const changed = long.slice(0, 99) + (long[99] === "x" ? "y" : "x") + long.slice(100);
    expect(await authenticate(user.email, changed)).toBeNull();
    expect(await authenticate(user.email, long)).toBe(user.id);
  });

  it("runs the password verifier exactly once for an unknown email and for a wrong password", async () => {
    const user = await userWithPassword(PASSWORD);
    const spy = vi.spyOn(passwordHasher, "verify");
    expect(await authenticate(`nobody-${crypto.randomUUID()}@example.test`, PASSWORD)).toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockClear();
    expect(await authenticate(user.email, "wrong password, same length!!")).toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("runs the verifier for an account without a password too", async () => {
    const user = await insertUser(db.app, { passwordHash: null });
    const spy = vi.spyOn(passwordHasher, "verify");
    expect(await authenticate(user.email, PASSWORD)).toBeNull();
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("upgrades a hash made with weaker parameters at the next successful login (A8)", async () => {
    const user = await userWithPassword(PASSWORD, {
      ...ARGON2_PARAMS,
      memoryCost: 8192,
      timeCost: 1,
    });
    expect(await authenticate(user.email, PASSWORD)).toBe(user.id);
    const [row] = await db.owner`select password_hash from users where id = ${user.id}`;
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await authenticate(user.email, PASSWORD)).toBe(user.id);
  });
});
