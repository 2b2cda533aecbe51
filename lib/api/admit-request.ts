/**
 * The first gates of every /api/v1 request, before anything about the org or the input is
 * looked at: no key in the URL (K2), no cross-site cookie write (C2), then the caller's
 * credentials and the rate limits, counted together (K5): the client IP's budget, then the
 * caller's (key or user), then the key's org's; a cookie call's org is counted once it is
 * resolved (admitOrg). Each refusal is an ApiError; rate-limit headers are written to `headers`.
 */
import "server-only";
import { env } from "@/lib/env";
import { rateLimitHeaders } from "@/lib/rate-limit/rate-limit";
import { clientIpFrom } from "@/lib/request-meta";
import { ApiError } from "./api-error";
import { countIp, countOrg, orgRule, type RateVerdict } from "./api-rate-limit";
import { authenticateRequest } from "./authenticate-request";
import { refuseKeyInQuery } from "./key-in-query";
import type { Principal } from "./principal";
import { isSameOriginRequest } from "./same-origin";

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Adds a budget to the `RateLimit-Policy` and `RateLimit` lists (IETF httpapi draft). */
function addLimitHeaders(verdict: RateVerdict, headers: Headers): void {
  for (const [name, value] of Object.entries(rateLimitHeaders(verdict.rule, verdict.result))) {
    const listed = name === "Retry-After" ? null : headers.get(name);
    headers.set(name, listed ? `${listed}, ${value}` : value);
  }
}

/** A 429 that shows only the budget it spent. */
function refused(verdict: RateVerdict, headers: Headers): ApiError {
  const { rule, result } = verdict;
  headers.delete("RateLimit-Policy");
  headers.delete("RateLimit");
  addLimitHeaders(verdict, headers);
  const whose =
    rule.name === orgRule().name
      ? " for this organization (all of its API keys and members together)"
      : "";
  return new ApiError(
    "rate-limited",
    `Too many requests${whose}: the limit is ${rule.limit} per ${rule.windowSeconds} s. Retry after ${result.retryAfterSeconds} s.`,
  );
}

export interface Admitted {
  principal: Principal | null;
  ip: string | null;
}

export async function admitRequest(
  request: Request,
  url: URL,
  { anonymous, headers }: { anonymous: boolean; headers: Headers },
): Promise<Admitted> {
  refuseKeyInQuery(url);
  const bearer = request.headers.has("authorization");
  if (!bearer && !SAFE_METHODS.has(request.method) && !isSameOriginRequest(request)) {
    throw new ApiError(
      "forbidden",
      "Cross-site request refused: a write with a session cookie must come from this app's own pages. Use an API key instead.",
    );
  }
  const ip = clientIpFrom(request.headers, env().TRUST_PROXY_HOPS);
  if (anonymous) {
    const ipLimit = await countIp(ip);
    if (ipLimit && !ipLimit.result.allowed) throw refused(ipLimit, headers);
    return { principal: null, ip };
  }
  const { principal, ipLimit, callerLimit, orgLimit } = await authenticateRequest(request, ip);
  if (ipLimit && !ipLimit.result.allowed) throw refused(ipLimit, headers);
  if (!principal) {
    headers.set("WWW-Authenticate", `Bearer realm="api"${bearer ? ', error="invalid_token"' : ""}`);
    throw new ApiError(
      "unauthenticated",
      bearer
        ? "This API key is not valid: it is unknown, revoked or expired, or its creator has left the organization."
        : "Send an API key: Authorization: Bearer sk_live_…",
    );
  }
  if (callerLimit && !callerLimit.result.allowed) throw refused(callerLimit, headers);
  if (orgLimit && !orgLimit.result.allowed) throw refused(orgLimit, headers);
  // The budgets a caller sees: its own (its key's, or its user's), then its org's (a cookie
  // call's is added by admitOrg).
  for (const verdict of [callerLimit, orgLimit]) if (verdict) addLimitHeaders(verdict, headers);
  return { principal, ip };
}

/**
 * Counts a cookie call in the org it names (X-Org), once its membership is known, and refuses
 * it when the org's budget is spent. A key's requests were counted in their org by its lookup.
 */
export async function admitOrg(
  principal: Principal,
  org: { orgId: string } | null,
  headers: Headers,
): Promise<void> {
  if (principal.kind !== "user" || !org) return;
  const verdict = await countOrg(org.orgId);
  if (!verdict.result.allowed) throw refused(verdict, headers);
  addLimitHeaders(verdict, headers);
}
