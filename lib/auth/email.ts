import { z } from "zod";

/** Emails are compared trimmed and lower-cased; the database also enforces lower(email) unique. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export const emailSchema = z
  .string({ message: "Enter your email address" })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, "Enter your email address")
      .max(254, "Email addresses are at most 254 characters")
      .pipe(z.email({ message: "Enter a valid email address, like name@example.com" })),
  );
