import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * Client IP for logs and (later) rate limits. X-Forwarded-For is client-controlled unless a
 * proxy we operate appends to it, so it is read only when TRUST_PROXY_HOPS says how many
 * trusted proxies sit in front, and then only the entry those proxies added.
 */
export function clientIpFrom(h: Headers, trustedHops: number): string | null {
  if (trustedHops < 1) return null;
  const chain = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const candidate = chain[chain.length - trustedHops];
  return candidate && /^[0-9a-fA-F:.]{3,45}$/.test(candidate) ? candidate : null;
}

export async function requestMeta(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ip: clientIpFrom(h, env().TRUST_PROXY_HOPS), userAgent: h.get("user-agent") };
}
