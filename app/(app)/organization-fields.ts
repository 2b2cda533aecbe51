import { z } from "zod";
import { orgSlugSchema } from "@/lib/orgs/slug";

/** Field schemas shared by the create-organization and settings forms. */
export const organizationNameSchema = z
  .string({ message: "Give the organization a name" })
  .trim()
  .min(1, "Give the organization a name")
  .max(80, "Use at most 80 characters");

/** What people type in a URL field: surrounding spaces and capitals are forgiven. */
export const slugInputSchema = z
  .string({ message: "Choose a URL name" })
  .trim()
  .toLowerCase()
  .pipe(orgSlugSchema);

/** The create form's optional slug: left empty, one is derived from the name. */
export const optionalSlugInputSchema = z
  .string()
  .optional()
  .transform((value) => value?.trim().toLowerCase() || undefined)
  .pipe(orgSlugSchema.optional());
