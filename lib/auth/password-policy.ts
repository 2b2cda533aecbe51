import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { z } from "zod";
import { siteConfig } from "@/lib/site-config";

/**
 * NIST SP 800-63B-4 / ASVS 6.2 (checklist A1-A5): length counted in Unicode code points,
 * 15 minimum (the password is the only factor), 1,024 maximum so a huge input cannot tie up
 * the hasher, no composition rules, and a blocklist of common passwords and context words.
 * The password is never trimmed, case-folded or truncated.
 */
export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 1024;

export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** Shape only (safe for login): a string within the length bound, never transformed. */
export const passwordInputSchema = z
  .string({ message: "Enter your password" })
  .min(1, "Enter your password")
  .refine(
    (p) => codePointLength(p) <= PASSWORD_MAX,
    `Passwords are at most ${PASSWORD_MAX} characters`,
  );

/** A new password: the length rule, in code points. The blocklist runs in `checkNewPassword`. */
export const newPasswordSchema = z
  .string({ message: "Choose a password" })
  .refine((p) => codePointLength(p) >= PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .refine((p) => codePointLength(p) <= PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`);

let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  // ~49,000 passwords ranked by frequency in public breach corpora (zxcvbn-ts, MIT).
  common ??= new Set(dictionary["passwords-common"] as string[]);
  return common;
}

/** What remains once leading and trailing digits, symbols and spaces are peeled off. */
function core(password: string): string {
  return password
    .toLowerCase()
    .replace(/^[\p{N}\p{P}\p{S}\s]+/u, "")
    .replace(/[\p{N}\p{P}\p{S}\s]+$/u, "");
}

function isRepetitive(password: string): boolean {
  const chars = [...password];
  return new Set(chars).size <= 2;
}

export interface PasswordContext {
  email?: string;
}

/**
 * Returns a reason the password may not be used, or null. Besides exact matches this also
 * rejects a common password or context word padded with digits and symbols
 * ("password123456789", "acme2026!!!!!!!!"), which is how long-but-weak passwords are made.
 */
export function checkNewPassword(password: string, context: PasswordContext = {}): string | null {
  const lower = password.toLowerCase();
  const base = core(password);
  const list = commonPasswords();
  if (list.has(lower) || (base.length > 0 && list.has(base)) || isRepetitive(password)) {
    return "This password is too common. Choose something harder to guess, like a few unrelated words.";
  }
  const contextWords = [siteConfig.name.toLowerCase(), "password"];
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 3) contextWords.push(local);
  const compact = base.replace(/[\s\p{P}\p{S}]/gu, "");
  if (
    contextWords.some((word) => base === word || compact === word.replace(/[\s\p{P}\p{S}]/gu, ""))
  ) {
    return "Don't base your password on your email address or the name of this service.";
  }
  return null;
}
