/**
 * The role editor's escalation guards (checklist Z7), used by the actions to refuse and by
 * the pages (display only) to explain why a control is off. Nobody grants what they do not
 * hold: a role's permissions must be within the actor's own (`withinReach`), both the ones it
 * is given and the ones it already has, so a role above the actor cannot be edited down or
 * deleted either. Built-in roles are defined in code and never change (the database refuses
 * too). A member cannot edit the role they hold.
 */
import { withinReach, type Grantee } from "@/lib/authz/authorize";
import type { Permission } from "@/lib/authz/permissions";

export interface Actor extends Grantee {
  role: { id: string };
}

interface RoleRef {
  id: string;
  builtIn: string | null;
  permissions: readonly Permission[];
}

/** The permissions in `permissions` that the actor does not hold. */
export function permissionsBeyond(actor: Grantee, permissions: readonly Permission[]) {
  return permissions.filter((p) => !withinReach(actor, [p]));
}

export function grantRefusal(actor: Grantee, permissions: readonly Permission[]): string | null {
  const beyond = permissionsBeyond(actor, permissions);
  if (beyond.length === 0) return null;
  return `You can't grant permissions you don't hold: ${beyond.join(", ")}.`;
}

/** Why the actor may not change or delete `role`, or null when they may. */
export function editRefusal(actor: Actor, role: RoleRef): string | null {
  if (role.builtIn) {
    return "Built-in roles can't be changed or deleted. Create a custom role instead.";
  }
  if (role.id === actor.role.id) {
    return "You can't change or delete the role you hold yourself. Ask another member who can manage roles.";
  }
  const beyond = permissionsBeyond(actor, role.permissions);
  if (beyond.length > 0) {
    return `This role has permissions you don't hold (${beyond.join(", ")}), so you can't change or delete it.`;
  }
  return null;
}

/** "2 members and 1 open invitation", for a role that is still in use; null when unused. */
export function usageSummary(usage: { members: number; invitations: number }): string | null {
  const parts = [];
  if (usage.members > 0)
    parts.push(`${usage.members} ${usage.members === 1 ? "member" : "members"}`);
  if (usage.invitations > 0) {
    parts.push(
      `${usage.invitations} open ${usage.invitations === 1 ? "invitation" : "invitations"}`,
    );
  }
  return parts.length > 0 ? parts.join(" and ") : null;
}
