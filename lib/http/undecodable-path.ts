/**
 * A path whose percent-encoding is not valid UTF-8 (`/reset-password/%FF`, a stray `%`) makes
 * Next's route matcher throw while decoding a dynamic segment, and Next then answers a bare-text
 * 500 (vercel/next.js#92527, open in 16.4). prepareRequest answers such paths before Next sees
 * them, with the 404 upstream settled on: no resource has a name that cannot be decoded.
 * No `server-only`: server.ts uses it.
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

/** The API's "not-found" problem (RFC 9457), for /api paths: status and JSON body. */
export function undecodableApiProblem(
  appUrl: string,
  requestId: string,
): { status: number; body: string } {
  const { status, title } = PROBLEMS["not-found"];
  const body = {
    type: problemTypeUri("not-found", appUrl),
    title,
    status,
    detail: "The URL's percent-encoding is not valid UTF-8.",
    requestId,
  };
  return { status, body: JSON.stringify(body) };
}
