/**
 * What every request goes through before Next.js sees it (server.ts, ADR 016). It is NOT a
 * security boundary (ADR 003): every page, action and route checks the session against Postgres
 * itself. It
 *  - removes the request headers only this step may set (the CSP Next takes its nonce from,
 *    x-nonce, x-pathname, x-request-id), whatever a client sent (CVE-2026-44581 class),
 *  - gives every page request a fresh 128-bit nonce, the CSP that names it (request and response
 *    headers: Next puts the nonce on its scripts), the path (x-pathname) and a request id, and
 *  - answers 404 for a path Next cannot decode (lib/http/undecodable-path.ts), and 414 (400 on
 *    /api) for a request target over 8 KiB: redirects echo the URL in Location, and a header
 *    block that large is refused by common HTTP clients.
 * Signed-out visitors of signed-in pages are sent to /login by the pages themselves.
 * It runs in Node's request listener, in microseconds: proxy.ts did the same through Next's
 * proxy adapter, which cost pages 10 to 20% of their throughput (docs/testing.md).
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PROBLEMS, problemTypeUri, type ProblemKind } from "@/lib/api/problem-types";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { apiHeaders, securityHeaders } from "./security-headers";
import { isUndecodablePath } from "./undecodable-path";

export interface RequestPolicy {
  /** The CSP for a response whose scripts carry `nonce`. */
  contentSecurityPolicy: (nonce: string) => string;
  /** The public origin, for the problem type URIs of API answers. */
  appUrl: string;
}

/** Headers Next and the app read as this step's word, never a client's. */
const OWN_HEADERS = [
  "content-security-policy",
  "content-security-policy-report-only",
  "x-nonce",
  "x-pathname",
  REQUEST_ID_HEADER,
];

/** Paths that never render a page: route handlers and build assets. */
const NOT_PAGES = [
  "/api/",
  "/_next/static/",
  "/_next/image",
  "/favicon.ico",
  "/icon.svg",
  "/robots.txt",
];

function decoded(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/** A page unless both its spellings (as sent, and decoded) are outside the pages. */
function isPage(pathname: string): boolean {
  const outside = (p: string) => NOT_PAGES.some((prefix) => p.startsWith(prefix));
  return !outside(pathname) || !outside(decoded(pathname));
}

/** Longer targets are refused; nginx's default header buffer is 8 KiB too. */
const MAX_TARGET_BYTES = 8192;

/** An API problem (RFC 9457) answered before Next runs: status and JSON body. */
function earlyApiProblem(
  kind: ProblemKind,
  detail: string,
  appUrl: string,
  requestId: string,
): { status: number; body: string } {
  const { status, title } = PROBLEMS[kind];
  const body = { type: problemTypeUri(kind, appUrl), title, status, detail, requestId };
  return { status, body: JSON.stringify(body) };
}

function answerEarly(
  res: ServerResponse,
  policy: RequestPolicy,
  answer: { api: boolean; status: number; text: string; problem: "invalid-request" | "not-found" },
): true {
  for (const { key, value } of securityHeaders) res.setHeader(key, value);
  if (!answer.api) {
    res.writeHead(answer.status, {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
    });
    res.end(answer.text);
    return true;
  }
  const requestId = randomUUID();
  const problem = earlyApiProblem(answer.problem, answer.text, policy.appUrl, requestId);
  for (const { key, value } of apiHeaders) res.setHeader(key, value);
  res.writeHead(problem.status, {
    "Content-Type": "application/problem+json",
    "Cache-Control": "no-store",
    [REQUEST_ID_HEADER]: requestId,
  });
  res.end(problem.body);
  return true;
}

/** Dot segments resolved (and %2e%2e with them), as Next resolves them before routing. */
function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? "/", "http://request.invalid");
  } catch {
    return null;
  }
}

/** Returns true when it answered the request itself; otherwise Next handles it next. */
export function prepareRequest(
  req: IncomingMessage,
  res: ServerResponse,
  policy: RequestPolicy,
): boolean {
  for (const name of OWN_HEADERS) delete req.headers[name];
  const target = req.url ?? "/";
  const api = target.startsWith("/api/");
  if (Buffer.byteLength(target) > MAX_TARGET_BYTES) {
    const text = `The URL is longer than ${MAX_TARGET_BYTES} bytes.`;
    return answerEarly(res, policy, { api, status: 414, text, problem: "invalid-request" });
  }
  const url = parseTarget(target);
  if (!url) {
    // A request target no URL parser reads (`//[`, a bad port): nothing to route.
    const text = "The URL cannot be read.";
    return answerEarly(res, policy, { api, status: 400, text, problem: "invalid-request" });
  }
  const { pathname, search } = url;
  const undecodable = isUndecodablePath(pathname);

  if (!isPage(pathname)) {
    if (!undecodable || !pathname.startsWith("/api/")) return false;
    const text = "The URL's percent-encoding is not valid UTF-8.";
    return answerEarly(res, policy, { api: true, status: 404, text, problem: "not-found" });
  }

  const nonce = randomBytes(16).toString("base64");
  const csp = policy.contentSecurityPolicy(nonce);
  const requestId = randomUUID();
  req.headers["content-security-policy"] = csp;
  req.headers["x-nonce"] = nonce;
  req.headers["x-pathname"] = `${pathname}${search}`;
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader("Content-Security-Policy", csp);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  // A path that does not exist, so Next renders the not-found page (404) with this CSP.
  if (undecodable) req.url = "/_undecodable";
  return false;
}
