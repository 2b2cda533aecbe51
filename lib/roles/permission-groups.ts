import { PERMISSIONS, permissionsByResource, type Permission } from "@/lib/authz/permissions";

export interface PermissionGroup {
  resource: string;
  label: string;
  permissions: { permission: Permission; description: string }[];
}

const RESOURCE_LABELS: Record<string, string> = {
  org: "Organization",
  members: "Members",
  roles: "Roles",
  api_keys: "API keys",
  audit_log: "Audit log",
  projects: "Projects",
};

/** The catalogue grouped by resource, with the labels and descriptions the role editor shows. */
export function permissionGroups(): PermissionGroup[] {
  return permissionsByResource().map(([resource, permissions]) => ({
    resource,
    label: RESOURCE_LABELS[resource] ?? resource.replaceAll("_", " "),
    permissions: permissions.map((permission) => ({
      permission,
      description: PERMISSIONS[permission],
    })),
  }));
}
