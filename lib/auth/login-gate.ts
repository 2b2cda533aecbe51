import "server-only";
import { hashingPoolSize } from "./hashing-pool";

/**
 * How many sign-ins and sign-ups one instance works on at once (ADR 017). Each holds its slot
 * for its whole handler: the throttle counts, the argon2 hash and the session's queries. The
 * rest wait in line, and past the line's end get a "busy" answer without any work done.
 *
 * Why: a login costs the server's main thread about 7 ms of CPU besides its hash, so a burst of
 * overlapping logins keeps every core busy and every signed-in user's request waits behind it
 * (the bench's login-pressure probe: 2 to 2.5 times its idle p99). One login per hashing worker
 * leaves a core to everyone else: on 2 cores about 40 logins/s instead of 70, and the probe
 * within 1.5 times its idle p99. `LOGIN_CONCURRENCY` raises it; default: the hashing pool's size.
 */
const limit = Math.max(1, Number(process.env.LOGIN_CONCURRENCY) || hashingPoolSize);
/** About a second of logins on a 2-core instance; a flood beyond it is refused, not queued. */
const maxWaiting = 50 * limit;

let running = 0;
const line: Array<() => void> = [];

/** Runs `work` in a slot when one is free or frees up; `busy()` when the line is full. */
export async function withLoginSlot<T>(work: () => Promise<T>, busy: () => T): Promise<T> {
  if (running < limit) running++;
  else if (line.length >= maxWaiting) return busy();
  else await new Promise<void>((resolve) => line.push(resolve));
  try {
    return await work();
  } finally {
    const next = line.shift();
    if (next) next();
    else running--;
  }
}

export const LOGIN_BUSY_MESSAGE =
  "Too many people are signing in at this moment. Please try again in a few seconds.";

/** For tests: the slots, the line's length, and its limit. */
export function loginGateInfo(): {
  limit: number;
  running: number;
  waiting: number;
  maxWaiting: number;
} {
  return { limit, running, waiting: line.length, maxWaiting };
}
