/**
 * API key strings (checklist K1). A key is `sk_live_` + an 8-character lookup id + a 32-character
 * secret, all base62 from the CSPRNG: 40 random characters, about 238 bits, of which the secret
 * alone is about 190. The recognizable prefix lets secret scanners (and people) spot a leaked
 * key. Postgres keeps SHA-256 of the whole key and the display prefix (`sk_live_` + lookup id),
 * never the key: a fast hash is enough for a random 190-bit secret, and lets every request look
 * its key up by an exact index match instead of comparing secrets in JavaScript.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "sk_live_";
const LOOKUP_ID_LENGTH = 8;
const SECRET_LENGTH = 32;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = new RegExp(
  `^${API_KEY_PREFIX}[0-9A-Za-z]{${LOOKUP_ID_LENGTH + SECRET_LENGTH}}$`,
);

/** `length` base62 characters from the CSPRNG, by rejection sampling (no modulo bias). */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: bytes at or above it would favour the first characters.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export interface NewApiKey {
  /** The whole key: shown to its creator once, never stored. */
  key: string;
  displayPrefix: string;
  secretHash: Buffer;
}

export function generateApiKey(): NewApiKey {
  const lookupId = randomBase62(LOOKUP_ID_LENGTH);
  const key = `${API_KEY_PREFIX}${lookupId}${randomBase62(SECRET_LENGTH)}`;
  return { key, displayPrefix: `${API_KEY_PREFIX}${lookupId}`, secretHash: hashApiKey(key) };
}

export function hashApiKey(key: string): Buffer {
  return createHash("sha256").update(key).digest();
}

/** Whether `value` has the shape of a key; anything else is refused without a lookup. */
export function isApiKeyShaped(value: string): boolean {
  return KEY_PATTERN.test(value);
}
