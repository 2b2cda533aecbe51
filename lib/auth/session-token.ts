import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 256 bits from the CSPRNG, base64url (43 characters). Only its SHA-256 is ever stored. */
export function generateSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token).digest();
}
