import "server-only";
import { env } from "@/lib/env";

/**
 * CSRF check for cookie-authenticated route handlers (checklist C2). Next checks Origin for
 * server actions only; route handlers get this. Fetch Metadata first, then Origin. A request
 * with neither header is not from a modern browser's cross-site context (curl, server-side
 * callers), and carries no ambient cookie unless its sender chose to attach one.
 */
export function isSameOriginRequest(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  return origin === new URL(env().APP_URL).origin;
}
