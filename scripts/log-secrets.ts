/**
 * The log check of `npm test` (checklist A15, I8; docs/testing.md): finds secrets in a server
 * log. It looks for the exact secrets the e2e run handled (passwords, session cookies and
 * their raw tokens, tokens in mailed links, API keys: e2e/secrets-ledger.ts) and for
 * secret-shaped strings whoever made them (API keys, sealed cookies, bearer credentials).
 * A finding never prints the secret itself. Imports nothing from the app.
 */

export interface Secret {
  kind: string;
  value: string;
}

export interface Finding {
  kind: string;
  line: number;
  /** The log line with the secret masked, cut to a readable length. */
  excerpt: string;
}

/** Shorter values are too likely to occur by chance to mean anything. */
const MIN_SECRET_LENGTH = 8;

const SHAPES: Secret[] = [
  { kind: "API key (shape)", value: String.raw`\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{6,}` },
  { kind: "sealed cookie (shape)", value: String.raw`Fe26\.2\*[^\s"';,\\]{8,}` },
  {
    kind: "session cookie (shape)",
    value: String.raw`__Host-session=(?!\[REDACTED\])[^;\s"\\]{8,}`,
  },
  { kind: "bearer credential (shape)", value: String.raw`\bBearer\s+[A-Za-z0-9._~+/=-]{16,}` },
];

/**
 * The tokens a mailed link carries: path segments and query values of 16 or more base64url
 * characters (invitation, reset, verification links).
 */
export function tokensInLinks(links: string[]): string[] {
  const tokens = new Set<string>();
  for (const link of links) {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      continue;
    }
    const parts = [...url.pathname.split("/"), ...url.searchParams.values()];
    for (const part of parts) if (/^[A-Za-z0-9_-]{16,}$/.test(part)) tokens.add(part);
  }
  return [...tokens];
}

export function findSecrets(log: string, secrets: Secret[]): Finding[] {
  const exact = new Map<string, string>();
  for (const { kind, value } of secrets) {
    // The value as written, and as it appears inside a JSON string.
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) {
      if (form.length >= MIN_SECRET_LENGTH) exact.set(form, kind);
    }
  }
  const hits: { kind: string; at: number; length: number }[] = [];
  for (const [value, kind] of exact) {
    for (let at = log.indexOf(value); at !== -1; at = log.indexOf(value, at + 1)) {
      hits.push({ kind, at, length: value.length });
    }
  }
  for (const { kind, value } of SHAPES) {
    for (const match of log.matchAll(new RegExp(value, "g"))) {
      hits.push({ kind, at: match.index, length: match[0].length });
    }
  }
  return hits
    .sort((a, b) => a.at - b.at)
    .map(({ kind, at, length }) => {
      const start = log.lastIndexOf("\n", at) + 1;
      const end = log.indexOf("\n", at) === -1 ? log.length : log.indexOf("\n", at);
      const line = log.slice(0, at).split("\n").length;
      const text = log.slice(start, at) + "<SECRET>" + log.slice(at + length, end);
      return { kind, line, excerpt: text.slice(0, 300) };
    });
}
