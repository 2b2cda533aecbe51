/**
 * The session cookie (ADR 001): `__Host-session`, HttpOnly, Secure, SameSite=Lax, Path=/,
 * no Domain. Its value is an iron-session seal of the token alone, never of a user id, so
 * the cookie proves nothing by itself: the database row decides. A tampered or foreign seal
 * fails to unseal and is rejected before any database query.
 */
import "server-only";
import { sealData, unsealData } from "iron-session";
import { env } from "@/lib/env";
import { SESSION_ABSOLUTE_MS } from "./session";
import { cachedToken, rememberToken } from "./unseal-cache";

export const SESSION_COOKIE = "__Host-session";

export const sessionCookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: "lax",
  path: "/",
  maxAge: SESSION_ABSOLUTE_MS / 1000,
} as const;

const ttl = SESSION_ABSOLUTE_MS / 1000;

export function sealSessionToken(token: string): Promise<string> {
  return sealData({ t: token }, { password: env().SESSION_SECRET, ttl });
}

export async function unsealSessionToken(sealed: string | undefined): Promise<string | null> {
  if (!sealed || sealed.length > 1024) return null;
  const cached = cachedToken(sealed);
  if (cached) return cached;
  try {
    const data = await unsealData<{ t?: unknown }>(sealed, { password: env().SESSION_SECRET, ttl });
    if (typeof data.t !== "string" || data.t.length !== 43) return null;
    rememberToken(sealed, data.t);
    return data.t;
  } catch {
    return null;
  }
}
