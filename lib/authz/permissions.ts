/**
 * The closed catalogue of what can be done inside an organization (DESIGN: code checks
 * permissions, never role names). The RBAC issue extends this list (members, roles, API
 * keys, audit log) and moves roles into the database with custom roles; until then the four
 * built-in roles map to permissions here.
 */
import type { MemberRole } from "@/db/schema/organizations";

export const PERMISSIONS = {
  "org:update": "Rename the organization and change its URL",
  "org:delete": "Delete the organization with all of its data",
  "projects:read": "See the organization's projects",
  "projects:create": "Create projects",
  "projects:update": "Edit projects",
  "projects:delete": "Delete projects",
} as const;

export type Permission = keyof typeof PERMISSIONS;

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const BUILT_IN_ROLES: Record<MemberRole, readonly Permission[]> = {
  owner: ALL,
  admin: ALL.filter((p) => p !== "org:delete"),
  member: ["projects:read", "projects:create", "projects:update", "projects:delete"],
  viewer: ["projects:read"],
};

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** The one check, used by the action wrapper and (for display only) by pages. */
export function hasPermission(role: MemberRole, permission: Permission): boolean {
  return BUILT_IN_ROLES[role]?.includes(permission) ?? false;
}
