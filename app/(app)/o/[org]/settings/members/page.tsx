import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { formatDate } from "@/components/format-date";
import { MemberRoleForm } from "@/components/forms/member-role-form";
import { RemoveMemberForm } from "@/components/forms/remove-member-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { can } from "@/lib/authz/authorize";
import { listMembers } from "@/lib/members/list-members";
import { mayManage } from "@/lib/members/queries";
import { requireMembership } from "@/lib/orgs/membership";
import { changeMemberRoleAction, removeMemberAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({
  params,
  searchParams,
}: PageProps<"/o/[org]/settings/members">) {
  const { org } = await params;
  const { transferred } = await searchParams;
  const membership = await requireMembership(org);
  if (!can(membership, "members:read")) notFound();
  const { members, assignable } = await listMembers(membership);
  // Display only: the actions check the same rules on every call.
  const canChangeRoles = can(membership, "members:update");
  const canRemove = can(membership, "members:remove");

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Members</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          {members.length === 1 ? "1 person belongs" : `${members.length} people belong`} to{" "}
          {membership.name}.
        </p>
      </div>

      {transferred === "1" ? (
        <Alert variant="success">
          <AlertDescription>Ownership was transferred. You are now an admin.</AlertDescription>
        </Alert>
      ) : null}

      <section aria-labelledby="members-heading" className="rounded-lg border">
        <h2 id="members-heading" className="sr-only">
          Current members
        </h2>
        <ul className="divide-y">
          {members.map((member) => {
            const manageable = mayManage(membership, member);
            const isYou = member.userId === membership.userId;
            return (
              <li
                key={member.userId}
                className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between"
                data-testid="member-row"
              >
                <div className="min-w-0">
                  <p className="truncate font-medium">
                    {member.displayName ?? member.email}
                    {isYou ? (
                      <Badge variant="secondary" className="ml-2">
                        You
                      </Badge>
                    ) : null}
                  </p>
                  <p className="truncate text-sm text-muted-foreground">{member.email}</p>
                  <p className="text-xs text-muted-foreground">
                    Joined {formatDate(member.joinedAt)}
                  </p>
                </div>
                <div className="flex flex-col items-start gap-2 sm:items-end">
                  {canChangeRoles && manageable ? (
                    <MemberRoleForm
                      action={changeMemberRoleAction}
                      org={membership.slug}
                      member={{
                        userId: member.userId,
                        email: member.email,
                        roleId: member.role.id,
                      }}
                      roles={assignable.map((r) => ({ id: r.id, name: r.name }))}
                    />
                  ) : (
                    <Badge variant="outline">{member.role.name}</Badge>
                  )}
                  {canRemove && manageable ? (
                    <RemoveMemberForm
                      action={removeMemberAction}
                      org={membership.slug}
                      member={{ userId: member.userId, email: member.email }}
                    />
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
