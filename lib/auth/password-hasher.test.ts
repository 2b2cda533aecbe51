import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { ARGON2_PARAMS, needsRehash, passwordHasher } from "./password-hasher";

describe("argon2id hashing (A8)", () => {
  it("stores a PHC string with at least OWASP's parameters and a unique salt", async () => {
    const a = await passwordHasher.hash("the same password twice");
    const b = await passwordHasher.hash("the same password twice");
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(a);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThanOrEqual(19456);
    expect(Number(m![2])).toBeGreaterThanOrEqual(2);
    expect(a).not.toBe(b);
    expect(await passwordHasher.verify(a, "the same password twice")).toBe(true);
    expect(await passwordHasher.verify(a, "the same password twice ")).toBe(false);
  });

  it("flags weaker hashes for an upgrade and leaves current ones alone", async () => {
    const weak = await hash("x", { ...ARGON2_PARAMS, memoryCost: 4096, timeCost: 1 });
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await passwordHasher.hash("x"))).toBe(false);
    expect(needsRehash("$2b$10$abcdefghijklmnopqrstuv")).toBe(true);
  });

  it("treats a malformed stored hash as a failed verification, not an error", async () => {
    expect(await passwordHasher.verify("not-a-hash", "anything")).toBe(false);
  });
});
