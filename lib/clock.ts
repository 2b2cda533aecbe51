/**
 * The one source of "now" for sessions, token expiry and (later) TOTP, so tests can move time
 * instead of sleeping. Rate limits and the login back-off are timed by Postgres instead
 * (db/rate-limits.ts), because every instance shares their counters.
 */
let offsetMs = 0;

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Tests only: shift the clock by `ms` (cumulative); `resetClock()` undoes it. */
export function advanceClock(ms: number): void {
  offsetMs += ms;
}

export function resetClock(): void {
  offsetMs = 0;
}
