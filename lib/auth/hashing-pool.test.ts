import { availableParallelism, platform } from "node:os";
import { verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { hashInPool, hashingPoolInfo, verifyInPool } from "./hashing-pool";
import { ARGON2_PARAMS } from "./password-hasher";

describe("the argon2 worker pool", () => {
  it("hashes and verifies correctly, many at once", async () => {
    const passwords = Array.from({ length: 6 }, (_, i) => `pool password number ${i}`);
    const hashes = await Promise.all(passwords.map((p) => hashInPool(p, ARGON2_PARAMS)));
    for (const [i, phc] of hashes.entries()) {
      expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(await verify(phc, passwords[i]!)).toBe(true);
      expect(await verifyInPool(phc, passwords[i]!)).toBe(true);
      expect(await verifyInPool(phc, `${passwords[i]}!`)).toBe(false);
    }
  });

  it("rejects, rather than hangs, when argon2 throws", async () => {
    await expect(verifyInPool("not a phc string", "x")).rejects.toThrow();
    expect(await verifyInPool(await hashInPool("still works", ARGON2_PARAMS), "still works")).toBe(
      true,
    );
  });

  it("keeps fewer workers than cores, at the lowest CPU priority on Linux", async () => {
    await Promise.all(
      Array.from({ length: 4 }, () => hashInPool("warm every worker", ARGON2_PARAMS)),
    );
    const info = hashingPoolInfo();
    expect(info.size).toBe(Math.max(1, availableParallelism() - 1));
    if (platform() === "linux")
      expect(info.lowPriority.filter((p) => p !== null).every(Boolean)).toBe(true);
  });
});
