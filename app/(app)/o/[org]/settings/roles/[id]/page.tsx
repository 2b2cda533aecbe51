import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { BackLink } from "@/components/back-link";
import { DeleteRoleForm } from "@/components/forms/delete-role-form";
import { RoleForm } from "@/components/forms/role-form";
import { RolePermissions } from "@/components/role-permissions";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { can } from "@/lib/authz/authorize";
import { requireMembership } from "@/lib/orgs/membership";
import { getRole } from "@/lib/roles/queries";
import { editRefusal, usageSummary } from "@/lib/roles/role-guards";
import { deleteRoleAction, updateRoleAction } from "../actions";

export const metadata: Metadata = { title: "Role" };

export default async function RolePage({ params }: PageProps<"/o/[org]/settings/roles/[id]">) {
  const { org, id } = await params;
  const membership = await requireMembership(org);
  if (!can(membership, "roles:read")) notFound();
  // A malformed id, an unknown one and another org's all get the same 404 (Z3).
  const role = await getRole({ orgId: membership.orgId, userId: membership.userId }, id);
  if (!role) notFound();
  // Display only: the actions check the same rules on every call.
  const refusal = can(membership, "roles:manage") ? editRefusal(membership, role) : null;
  const editable = can(membership, "roles:manage") && refusal === null;
  const inUse = usageSummary(role.usage);
  // Only what the forms need crosses to the client.
  const fields = {
    id: role.id,
    name: role.name,
    description: role.description,
    permissions: role.permissions,
  };

  return (
    <div className="space-y-6">
      <BackLink href={`/o/${membership.slug}/settings/roles`}>Roles</BackLink>
      <div>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight break-words">{role.name}</h1>
          {role.builtIn ? <Badge variant="secondary">Built-in</Badge> : null}
        </div>
        {role.description ? (
          <p className="mt-1 text-sm break-words text-muted-foreground">{role.description}</p>
        ) : null}
        <p className="mt-1 text-sm text-muted-foreground">
          {inUse ? `Used by ${inUse}.` : "Nobody has this role yet."}
        </p>
      </div>

      {refusal ? (
        <Alert>
          <AlertDescription>{refusal}</AlertDescription>
        </Alert>
      ) : null}

      {editable ? (
        <Card>
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base">
              Details
            </CardTitle>
            <CardDescription>
              Changes apply to everyone with this role on their next request.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <RoleForm
              action={updateRoleAction}
              org={membership.slug}
              role={fields}
              grantable={membership.permissions}
              submitLabel="Save changes"
              pendingLabel="Saving…"
              success="Changes saved."
            />
          </CardContent>
        </Card>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base">
              Permissions
            </CardTitle>
            <CardDescription>
              {role.permissions.length} of the catalogue&apos;s permissions.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <RolePermissions permissions={role.permissions} />
          </CardContent>
        </Card>
      )}

      {editable ? (
        <Card className="border-destructive/30">
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base">
              Delete role
            </CardTitle>
            <CardDescription>
              {inUse
                ? `This role is still used by ${inUse}. Move them to another role before deleting it.`
                : "Nobody uses this role, so it can be deleted."}
            </CardDescription>
          </CardHeader>
          {inUse ? null : (
            <CardContent>
              <DeleteRoleForm action={deleteRoleAction} org={membership.slug} role={fields} />
            </CardContent>
          )}
        </Card>
      ) : null}
    </div>
  );
}
