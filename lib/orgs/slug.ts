import { z } from "zod";

/** Org slugs: what appears in /o/[org]/... URLs. Lower-case letters, digits and single dashes. */
export const orgSlugSchema = z
  .string({ message: "Choose a URL name" })
  .min(3, "Use at least 3 characters")
  .max(40, "Use at most 40 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes");

/** A slug suggestion from a name ("Acme, Inc." -> "acme-inc"); may need a suffix to be unique. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32)
    .replace(/-+$/, "");
  return base.length >= 3 ? base : `${base || "my"}-team`;
}
