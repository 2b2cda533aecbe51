/**
 * A path whose percent-encoding is not valid UTF-8 (`/reset-password/%FF`, a stray `%`) makes
 * Next's route matcher throw while decoding a dynamic segment, and Next then answers a bare-text
 * 500 (vercel/next.js#92527, open in 16.4). prepareRequest answers such paths before Next sees
 * them, with the 404 upstream settled on: no resource has a name that cannot be decoded.
 * No `server-only`: server.ts uses it.
 */
export function isUndecodablePath(pathname: string): boolean {
  if (!pathname.includes("%")) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
