/**
 * The route-handler twin of defineAction (ADR 004): every handler states who may call it,
 * state-changing methods get the same-origin check, and every failure is problem+json with a
 * request id; an unexpected error never reaches the client as text.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/current-session";
import { errorFields, log } from "@/lib/log";
import { incomingRequestId, withRequestId } from "@/lib/request-context";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { problem } from "./problem";
import { isSameOriginRequest } from "./same-origin";

type Access = "public" | "authenticated";

/**
 * Public routes get no `session`: they read it themselves if they need it (so the others pay
 * for no lookup), and a handler cannot mistake "not looked up" for "signed out".
 */
type RouteContext<A extends Access> = { requestId: string } & (A extends "authenticated"
  ? { session: CurrentSession }
  : { session?: never });

interface RouteDefinition<A extends Access> {
  permission: A;
  handler: (request: Request, ctx: RouteContext<A>) => Promise<Response>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * server.ts gives an id to every request outside /api; there the header is ours. Under /api it
 * gives none (it deletes any a client sent), so make a fresh id, whatever the header says.
 */
async function requestIdFor(request: Request): Promise<string> {
  const outsideApi = !new URL(request.url).pathname.startsWith("/api/");
  return outsideApi ? incomingRequestId() : crypto.randomUUID();
}

/**
 * Every answer names its request id, and is not cacheable unless the handler said otherwise
 * (S11: API answers are per caller). A Response.redirect() has immutable headers: copy it.
 */
function withStandardHeaders(response: Response, requestId: string): Response {
  let out = response;
  try {
    out.headers.set(REQUEST_ID_HEADER, requestId);
  } catch {
    out = new Response(response.body, response);
    out.headers.set(REQUEST_ID_HEADER, requestId);
  }
  if (!out.headers.has("cache-control")) out.headers.set("Cache-Control", "private, no-store");
  return out;
}

export function defineRoute<A extends Access>(definition: RouteDefinition<A>) {
  return async (request: Request): Promise<Response> => {
    const requestId = await requestIdFor(request);
    const response = await withRequestId(requestId, () => handle(request, requestId));
    return withStandardHeaders(response, requestId);
  };

  async function handle(request: Request, requestId: string): Promise<Response> {
    try {
      if (!SAFE_METHODS.has(request.method) && !isSameOriginRequest(request)) {
        return problem(403, "Cross-site request refused", { requestId });
      }
      const session = definition.permission === "public" ? null : await getCurrentSession();
      if (definition.permission === "authenticated" && !session) {
        return problem(401, "Authentication required", {
          requestId,
          headers: { "WWW-Authenticate": 'Bearer realm="api"' },
        });
      }
      const ctx = session ? { session, requestId } : { requestId };
      return await definition.handler(request, ctx as RouteContext<A>);
    } catch (error) {
      unstable_rethrow(error);
      log("error", "route.failed", {
        requestId,
        path: new URL(request.url).pathname,
        ...errorFields(error),
      });
      return problem(500, "Internal error", {
        requestId,
        detail: "Something went wrong on our side.",
      });
    }
  }
}
