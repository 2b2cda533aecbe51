/**
 * Headers that need no per-request nonce (checklist H2–H7, ADR 012). next.config.ts sends them
 * on every path Next answers, /api, static files and 404s included; prepareRequest sends them on
 * the few answers it gives itself. No `server-only`: next.config.ts and server.ts read it.
 */
export const securityHeaders: ReadonlyArray<{ key: string; value: string }> = [
  // HSTS only from a production server: in development it would pin localhost to HTTPS.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
    : []),
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value:
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()",
  },
];

/** /api answers JSON, never a page to render: nothing may load, and nothing may frame it. */
export const apiHeaders: ReadonlyArray<{ key: string; value: string }> = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
];
