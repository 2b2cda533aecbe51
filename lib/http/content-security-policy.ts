/**
 * The pages' Content-Security-Policy (checklist H1, ADR 012): scripts only with this response's
 * nonce, or loaded by a script that has it ('strict-dynamic'); nothing may frame the page; forms
 * post only to us and to the OAuth providers' authorization origins. `npm run dev` adds
 * 'unsafe-eval' and ws: for Next's development runtime. No `server-only`: server.ts uses it.
 */
export function contentSecurityPolicy(
  nonce: string,
  options: { dev: boolean; formTargets: readonly string[] },
): string {
  const { dev, formTargets } = options;
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...formTargets].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}
