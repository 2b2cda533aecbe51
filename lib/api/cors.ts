/**
 * CORS for /api/v1 (checklist C4): browser pages on the origins listed in API_CORS_ORIGINS may
 * call the API with an API key in the Authorization header. Never with cookies: no response
 * carries Access-Control-Allow-Credentials, so a browser neither sends a cookie cross-origin
 * with credentials mode nor shows the answer to one. Any other origin gets no CORS header at
 * all; nothing is reflected.
 */
import "server-only";
import { env } from "@/lib/env";

const ALLOWED_HEADERS = "Authorization, Content-Type";
const EXPOSED_HEADERS = "Location, RateLimit, RateLimit-Policy, Retry-After, X-Request-Id";

function allowedOrigin(request: Request): string | null {
  const origin = request.headers.get("origin");
  return origin && env().API_CORS_ORIGINS.includes(origin) ? origin : null;
}

/** Headers for an actual (non-preflight) response. `Vary: Origin` keeps caches honest. */
export function corsHeaders(request: Request): Record<string, string> {
  const origin = allowedOrigin(request);
  if (!origin) return { Vary: "Origin" };
  return {
    Vary: "Origin",
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": EXPOSED_HEADERS,
  };
}

/**
 * The OPTIONS handler for a route serving `methods`. An allowed origin learns the methods and
 * headers it may use; any other gets 204 with no CORS headers, which the browser treats as a
 * refusal.
 */
export function preflight(methods: string[]): (request: Request) => Response {
  const allow = [...methods, "OPTIONS"].join(", ");
  return (request) => {
    const origin = allowedOrigin(request);
    const headers: Record<string, string> = { Allow: allow, Vary: "Origin" };
    if (origin) {
      headers["Access-Control-Allow-Origin"] = origin;
      headers["Access-Control-Allow-Methods"] = allow;
      headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS;
      headers["Access-Control-Max-Age"] = "600";
    }
    return new Response(null, { status: 204, headers });
  };
}
