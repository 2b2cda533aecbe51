import "server-only";
import type { Algorithm, Options } from "@node-rs/argon2";
import { hashInPool, verifyInPool } from "./hashing-pool";

/**
 * argon2id at OWASP's minimum (m=19456 KiB, t=2, p=1), set explicitly; raise, never lower.
 * Hashes are PHC strings, so a hash made with other parameters is detected and upgraded at
 * the next successful login (`needsRehash`).
 */
export const ARGON2_PARAMS: Options = {
  // Algorithm.Argon2id: a const enum, which isolated modules cannot read as a value.
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/;

/** Exposed as an object so tests can count calls (equal work for unknown accounts). */
export const passwordHasher = {
  hash(password: string): Promise<string> {
    return hashInPool(password, ARGON2_PARAMS);
  },
  async verify(phc: string, password: string): Promise<boolean> {
    try {
      return await verifyInPool(phc, password);
    } catch {
      return false;
    }
  },
};

export function needsRehash(phc: string): boolean {
  const m = PHC.exec(phc);
  if (!m) return true;
  return (
    Number(m[1]) < ARGON2_PARAMS.memoryCost! ||
    Number(m[2]) < ARGON2_PARAMS.timeCost! ||
    Number(m[3]) !== ARGON2_PARAMS.parallelism
  );
}

let dummyHash: Promise<string> | null = null;

/** A real hash of a random value: verifying against it costs what a real account costs. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= passwordHasher.hash(crypto.randomUUID());
  return dummyHash;
}
