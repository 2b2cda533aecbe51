import "server-only";

/**
 * Remembers which cookie strings unsealed to which token, so a session's cookie is unsealed
 * (two key derivations and an HMAC, ~1 ms) once per process rather than on every request.
 *
 * Safe because unsealing is a pure function of the string and the secret: the cache holds
 * only strings that unsealed successfully (an attacker cannot add entries without the
 * secret), entries age out, and the database still decides on every request whether the
 * token's session is alive.
 */
const MAX_ENTRIES = 10_000;
const MAX_AGE_MS = 10 * 60_000;

const entries = new Map<string, { token: string; at: number }>();

export function cachedToken(sealed: string): string | null {
  const hit = entries.get(sealed);
  if (!hit) return null;
  if (Date.now() - hit.at > MAX_AGE_MS) {
    entries.delete(sealed);
    return null;
  }
  return hit.token;
}

export function rememberToken(sealed: string, token: string): void {
  if (entries.size >= MAX_ENTRIES) {
    // Maps iterate in insertion order: drop the oldest.
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
  entries.set(sealed, { token, at: Date.now() });
}
