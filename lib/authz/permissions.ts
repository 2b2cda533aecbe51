/**
 * The closed catalogue of what can be done inside an organization (DESIGN: code checks
 * permissions, never role names). Roles are sets of these: the built-in ones are defined
 * below, custom ones are rows in org_roles whose permissions are checked against this list
 * when written and filtered through it when read. docs/permissions.md has the recipe for
 * adding one; the checked-in matrix (lib/authz/permission-matrix.json) must be updated too.
 */
import type { BuiltInRole } from "@/db/schema/org-roles";

export const PERMISSIONS = {
  "org:update": "Rename the organization and change its URL",
  "org:delete": "Delete the organization with all of its data",
  "org:transfer": "Transfer ownership of the organization to another member",
  "members:read": "See who belongs to the organization and their roles",
  "members:invite": "Invite people by email, resend and revoke invitations",
  "members:update": "Change members' roles",
  "members:remove": "Remove members from the organization",
  "roles:read": "See the organization's roles and their permissions",
  "roles:manage": "Create, edit and delete custom roles",
  "api_keys:read": "See the organization's API keys (never their secrets)",
  "api_keys:manage": "Create and revoke API keys",
  "audit_log:read": "Read the audit log",
  "projects:read": "See the organization's projects",
  "projects:create": "Create projects",
  "projects:update": "Edit any project",
  "projects:delete": "Delete any project",
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** Permissions grouped by resource (the part before the colon), for the role editor. */
export function permissionsByResource(): [string, Permission[]][] {
  const groups = new Map<string, Permission[]>();
  for (const permission of ALL_PERMISSIONS) {
    const resource = permission.split(":")[0]!;
    groups.set(resource, [...(groups.get(resource) ?? []), permission]);
  }
  return [...groups];
}

const OWNER_ONLY: readonly Permission[] = ["org:delete", "org:transfer"];

export const BUILT_IN_PERMISSIONS: Record<BuiltInRole, readonly Permission[]> = {
  owner: ALL_PERMISSIONS,
  admin: ALL_PERMISSIONS.filter((p) => !OWNER_ONLY.includes(p)),
  member: ["members:read", "projects:read", "projects:create"],
  viewer: ["members:read", "projects:read"],
};

/** A role's effective permissions: the code's list for built-ins, else the row's, filtered. */
export function rolePermissions(role: {
  builtIn: BuiltInRole | null;
  permissions: readonly string[];
}): Permission[] {
  if (role.builtIn) return [...(BUILT_IN_PERMISSIONS[role.builtIn] ?? [])];
  return ALL_PERMISSIONS.filter((p) => role.permissions.includes(p));
}
