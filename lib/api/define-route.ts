/**
 * The route-handler twin of defineAction (ADR 004): every handler states who may call it,
 * state-changing methods get the same-origin check, and every failure is problem+json with a
 * request id; an unexpected error never reaches the client as text.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/current-session";
import { errorFields, log } from "@/lib/log";
import { problem } from "./problem";
import { isSameOriginRequest } from "./same-origin";

type Access = "public" | "authenticated";

interface RouteContext<A extends Access> {
  session: A extends "authenticated" ? CurrentSession : CurrentSession | null;
  requestId: string;
}

interface RouteDefinition<A extends Access> {
  permission: A;
  handler: (request: Request, ctx: RouteContext<A>) => Promise<Response>;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function defineRoute<A extends Access>(definition: RouteDefinition<A>) {
  return async (request: Request): Promise<Response> => {
    const requestId = crypto.randomUUID();
    try {
      if (!SAFE_METHODS.has(request.method) && !isSameOriginRequest(request)) {
        return problem(403, "Cross-site request refused", { requestId });
      }
      const session = await getCurrentSession();
      if (definition.permission === "authenticated" && !session) {
        return problem(401, "Authentication required", {
          requestId,
          headers: { "WWW-Authenticate": 'Bearer realm="api"' },
        });
      }
      return await definition.handler(request, { session, requestId } as RouteContext<A>);
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
  };
}
