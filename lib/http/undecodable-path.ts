/**
 * A path whose percent-encoding is not valid UTF-8 (`/reset-password/%FF`, a stray `%`) makes
 * Next's route matcher throw while decoding a dynamic segment, and `next start` then answers a
 * bare-text 500 (vercel/next.js#92527, open in 16.4). proxy.ts answers such paths itself with a
 * 404, the answer upstream settled on: no resource has a name that cannot be decoded. No
 * `server-only` here: proxy.ts imports it.
 */
import { PROBLEMS, problemTypeUri } from "@/lib/api/problem-types";

export function isUndecodablePath(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/** The API's "not-found" problem, for /api paths. */
export function undecodableApiProblem(appUrl: string, requestId: string): Response {
  const { status, title } = PROBLEMS["not-found"];
  const body = {
    type: problemTypeUri("not-found", appUrl),
    title,
    status,
    detail: "The URL's percent-encoding is not valid UTF-8.",
    requestId,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store" },
  });
}
