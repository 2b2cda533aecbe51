/**
 * The role editor's fields, shared by the form (client) and the actions (server). A form
 * submits one checkbox per permission, named `permission.<resource:action>`, because a
 * browser without JavaScript sends checkboxes as separate fields and the action wrapper keeps
 * one value per name. The schema gathers them into a `permissions` list before the strict
 * parse, so any other unknown field is still refused (Z6) and an unknown permission is a field
 * error on `permissions`.
 */
import { z } from "zod";
import { ALL_PERMISSIONS, isPermission, type Permission } from "@/lib/authz/permissions";

const PREFIX = "permission.";

/** The form field name for one permission's checkbox. */
export function permissionField(permission: Permission): string {
  return `${PREFIX}${permission}`;
}

/** The permissions ticked in submitted values (such as the values a failed action kept). */
export function tickedPermissions(values: Record<string, string> | undefined): string[] {
  return Object.keys(values ?? {})
    .filter((key) => key.startsWith(PREFIX))
    .map((key) => key.slice(PREFIX.length));
}

export const roleNameSchema = z
  .string({ message: "Give the role a name" })
  .trim()
  .min(1, "Give the role a name")
  .max(50, "Use at most 50 characters");

export const roleDescriptionSchema = z
  .string()
  .trim()
  .max(200, "Use at most 200 characters")
  .default("");

export const roleIdSchema = z.uuid();

const permissionsSchema = z.array(z.string()).superRefine((permissions, ctx) => {
  const unknown = permissions.filter((p) => !isPermission(p));
  if (unknown.length > 0) {
    ctx.addIssue({
      code: "custom",
      message: `Not a permission this app knows: ${unknown.join(", ")}`,
    });
  }
});

/** Moves every `permission.*` field into one `permissions` array; other keys stay as sent. */
function gatherPermissions(raw: unknown): unknown {
  // A `permissions` field of its own is left for the strict parse to refuse.
  if (!raw || typeof raw !== "object" || Object.hasOwn(raw, "permissions")) return raw;
  const rest: Record<string, unknown> = {};
  const permissions: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith(PREFIX)) {
      if (value !== null && value !== undefined && value !== "") {
        permissions.push(key.slice(PREFIX.length));
      }
    } else rest[key] = value;
  }
  return { ...rest, permissions };
}

/** A strict role form schema with `shape`'s fields plus the gathered `permissions`. */
export function roleFormSchema<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess(
    gatherPermissions,
    z.strictObject({ ...shape, permissions: permissionsSchema }),
  );
}

/** Gathered permissions after the schema has checked them, once each, in catalogue order. */
export function asPermissions(permissions: string[]): Permission[] {
  return ALL_PERMISSIONS.filter((p) => permissions.includes(p));
}
