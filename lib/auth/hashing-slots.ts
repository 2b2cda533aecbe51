import "server-only";
import { availableParallelism } from "node:os";

/**
 * At most N argon2 computations at once (default: one fewer than the CPU cores, at least 1).
 * Each takes tens of milliseconds of CPU and 19 MiB; without a cap, a burst of logins takes
 * every core and every other request waits behind it. Excess logins queue here instead.
 */
const limit = Math.max(
  1,
  Number(process.env.PASSWORD_HASH_CONCURRENCY) || availableParallelism() - 1,
);
let running = 0;
const waiting: (() => void)[] = [];

export async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
