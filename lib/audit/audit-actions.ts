/**
 * Every kind of audit entry, with the label the audit log page shows and filters by. A closed
 * list, so entries are consistent and the filter can offer them all.
 */
export const AUDIT_ACTIONS = {
  "org.created": "Organization created",
  "org.updated": "Organization renamed or moved",
  "ownership.transferred": "Ownership transferred",
  "member.joined": "Member joined",
  "member.role_changed": "Member's role changed",
  "member.removed": "Member removed",
  "invitation.created": "Invitation sent",
  "invitation.resent": "Invitation resent",
  "invitation.revoked": "Invitation revoked",
  "role.created": "Role created",
  "role.updated": "Role changed",
  "role.deleted": "Role deleted",
  "project.created": "Project created",
  "project.updated": "Project edited",
  "project.deleted": "Project deleted",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "api_key.used": "API key used from a new IP",
  "authz.denied": "Permission denied",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}
