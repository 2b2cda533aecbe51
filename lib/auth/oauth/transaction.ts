/**
 * The OAuth transaction cookie (checklist O1): one attempt's state, PKCE verifier, OIDC nonce,
 * provider, intent and validated return path, sealed by iron-session like the session cookie
 * (lib/auth/session-cookie.ts). `__Host-`, HttpOnly, Secure, SameSite=Lax (the provider's
 * redirect back is a cross-site top-level GET), 10 minutes by cookie and by seal.
 *
 * It binds the attempt to the browser that started it: a callback in any other browser, a
 * second use of the same callback, or a state issued for another provider finds no match.
 * The callback deletes it before doing anything else, so it is single use.
 */
import "server-only";
import { sealData, unsealData } from "iron-session";
import { z } from "zod";
import { env } from "@/lib/env";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { OAUTH_PROVIDERS } from "./providers";

export const OAUTH_TRANSACTION_COOKIE = "__Host-oauth";
export const OAUTH_TRANSACTION_TTL_SECONDS = 10 * 60;

export const transactionCookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: "lax",
  path: "/",
  maxAge: OAUTH_TRANSACTION_TTL_SECONDS,
} as const;

const transactionSchema = z.strictObject({
  purpose: z.literal("oauth"),
  state: z.string().min(32).max(128),
  codeVerifier: z.string().min(43).max(128),
  nonce: z.string().min(32).max(128),
  provider: z.enum(OAUTH_PROVIDERS),
  intent: z.enum(["login", "link"]),
  /** For intent "link": the user who started it; the callback links to no one else. */
  userId: z.uuid().nullable(),
  next: z
    .string()
    .nullable()
    .refine((value) => value === null || safeNextPath(value) === value),
});

export type OAuthTransaction = Omit<z.infer<typeof transactionSchema>, "purpose">;

export function sealTransaction(transaction: OAuthTransaction): Promise<string> {
  return sealData(
    { purpose: "oauth", ...transaction },
    { password: env().SESSION_SECRET, ttl: OAUTH_TRANSACTION_TTL_SECONDS },
  );
}

/** The transaction, or null for a missing, tampered, expired or foreign value. */
export async function unsealTransaction(
  sealed: string | undefined,
): Promise<OAuthTransaction | null> {
  if (!sealed || sealed.length > 4096) return null;
  try {
    const data = await unsealData(sealed, {
      password: env().SESSION_SECRET,
      ttl: OAUTH_TRANSACTION_TTL_SECONDS,
    });
    const parsed = transactionSchema.safeParse(data);
    if (!parsed.success) return null;
    const { purpose: _purpose, ...transaction } = parsed.data;
    return transaction;
  } catch {
    return null;
  }
}
