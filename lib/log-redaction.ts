/**
 * What never reaches a log line (checklist A15, I12): applied by lib/log.ts to every field, at
 * any depth. Two nets, because callers make mistakes:
 *  - by key: a field named like a secret (password, token, secret, cookie, authorization,
 *    api key but not an api key's id, code, …) is replaced whole, whatever its value;
 *  - by value: secret-shaped substrings in any string are masked where they stand (API keys
 *    `sk_live_…`, bearer credentials, sealed cookies, JWTs, passwords in URLs, and long
 *    random tokens such as session, reset and invitation tokens).
 */

export const REDACTED = "[REDACTED]";

const SECRET_KEY =
  /pass(word|wd|phrase)?$|^pass|secret|token|cookie|authori[sz]ation|api[-_]?key(?![-_]?id$)|private[-_]?key|credential|signature|^(otp|totp|recovery[-_]?codes?|seal|sealed)$/i;

const SECRET_VALUES: [RegExp, string][] = [
  // API keys, whatever their length (display prefixes included: log the key's id instead).
  [/\b((?:sk|pk|rk)_(?:live|test)_)[A-Za-z0-9_-]+/g, `$1${REDACTED}`],
  // Authorization header values.
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  // Cookie pairs, as in a Cookie or Set-Cookie header quoted into a message.
  [/\b(__(?:Host|Secure)-[\w-]+|[\w-]*session[\w-]*)=([^;,\s"]+)/gi, `$1=${REDACTED}`],
  // iron-session seals.
  [/Fe26\.2\*[^\s"';,]+/g, REDACTED],
  // JSON Web Tokens.
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  // Passwords in URLs (postgres://user:password@host, smtps://user:password@host).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/\s@]+:)[^@\s/]+@/gi, `$1${REDACTED}@`],
  // Secrets in query strings (?token=…&password=…).
  [/([?&](?:token|code|password|secret|key|signature)=)[^&#\s"]+/gi, `$1${REDACTED}`],
  // Long random strings: runs of 32+ base64url characters mixing letters and digits, such as
  // 256-bit tokens (43 characters) in a link or message, or hex hashes. UUIDs (ids of users,
  // requests, orgs) are identifiers, not secrets, and stay.
  [
    /(?<![A-Za-z0-9_-])(?![0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9_-]))(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/gi,
    REDACTED,
  ],
];

export function redactString(value: string): string {
  let out = value;
  for (const [pattern, replacement] of SECRET_VALUES) out = out.replace(pattern, replacement);
  return out;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const MAX_DEPTH = 8;

/** A copy of `value` with secrets replaced; cycles and very deep values are cut short. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactString(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Truncated]";
  seen.add(value);
  if (value instanceof Error) {
    return redact({ name: value.name, message: value.message, stack: value.stack }, depth, seen);
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Headers) return redact(Object.fromEntries(value.entries()), depth, seen);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) && item != null ? REDACTED : redact(item, depth + 1, seen);
  }
  return out;
}
