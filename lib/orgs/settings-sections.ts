import type { Route } from "next";
import { can, type Grantee } from "@/lib/authz/authorize";
import type { Permission } from "@/lib/authz/permissions";

export interface SettingsSection {
  href: Route;
  label: string;
}

/** Each settings page and the permissions that let a member see it (any one of them). */
const SECTIONS: { path: string; label: string; anyOf: Permission[] }[] = [
  { path: "", label: "General", anyOf: ["org:update", "org:delete", "org:transfer"] },
  { path: "/members", label: "Members", anyOf: ["members:read"] },
  { path: "/roles", label: "Roles", anyOf: ["roles:read"] },
  { path: "/api-keys", label: "API keys", anyOf: ["api_keys:read"] },
  { path: "/audit-log", label: "Audit log", anyOf: ["audit_log:read"] },
];

/**
 * The settings pages this member may open, for navigation only: every page and action checks
 * its own permission again on the server.
 */
export function settingsSections(member: Grantee & { slug: string }): SettingsSection[] {
  return SECTIONS.filter((s) => s.anyOf.some((p) => can(member, p))).map((s) => ({
    href: `/o/${member.slug}/settings${s.path}` as Route,
    label: s.label,
  }));
}
