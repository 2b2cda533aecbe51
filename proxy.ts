/**
 * proxy.ts is Next 16's name for middleware.ts. It is NOT a security boundary (ADR 003):
 * header bypasses and alternate URL forms have skipped it before (CVE-2025-29927,
 * CVE-2026-44575). It only
 *  - sets the per-request CSP nonce, overwriting any Content-Security-Policy request header
 *    a client sent (CVE-2026-44581),
 *  - gives the request its id (x-request-id, never the client's), which log lines and error
 *    answers carry (lib/request-context.ts), and
 *  - redirects visitors without a session cookie away from signed-in pages, as a courtesy, and
 *  - answers 404 for a path Next cannot decode, which would otherwise be a bare 500
 *    (lib/undecodable-path.ts); /api paths reach it only when they contain a "%".
 * The CSP's form-action lists the configured OAuth providers' authorization origins: the
 * "Continue with …" forms (and, without JavaScript, the "Connect …" action's form) POST to us
 * and are redirected there, and browsers check form-action along that redirect.
 * Every page, action and route checks the session against Postgres itself.
 */
import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { authorizationOrigins } from "@/lib/auth/oauth/providers";
import { isUndecodablePath, undecodableApiProblem } from "@/lib/undecodable-path";

const SIGNED_IN_PREFIXES = ["/dashboard", "/account", "/admin", "/o/"];

let formTargets: string | null = null;

function oauthFormTargets(): string {
  formTargets ??= authorizationOrigins()
    .map((origin) => ` ${origin}`)
    .join("");
  return formTargets;
}

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${oauthFormTargets()}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const undecodable = isUndecodablePath(pathname);
  if (pathname.startsWith("/api/")) {
    if (!undecodable) return NextResponse.next();
    const requestId = crypto.randomUUID();
    const answer = undecodableApiProblem(process.env.APP_URL ?? request.nextUrl.origin, requestId);
    answer.headers.set(REQUEST_ID_HEADER, requestId);
    return answer;
  }
  const needsSession = SIGNED_IN_PREFIXES.some(
    (p) => pathname === p.replace(/\/$/, "") || pathname.startsWith(p),
  );
  if (needsSession && !request.cookies.has("__Host-session")) {
    const login = new URL("/login", request.url);
    login.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }

  // 128 bits from Node's CSPRNG directly (Web Crypto goes through Next's request-tracking shim).
  const nonce = randomBytes(16).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestId = crypto.randomUUID();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-pathname", `${pathname}${search}`);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  // A path that does not exist, so Next renders the not-found page (404) with this CSP.
  const response = undecodable
    ? NextResponse.rewrite(new URL("/_undecodable", request.url), {
        request: { headers: requestHeaders },
      })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

// Prefetches are not skipped (unlike the Next docs' example): a request that only claims to be
// one (`Next-Router-Prefetch` without `RSC`, or `Purpose: prefetch`) is answered with HTML,
// and every HTML response carries the CSP.
export const config = {
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)",
    // API routes only when the path holds a "%", to catch undecodable ones.
    "/api/(.*%.*)",
  ],
};
