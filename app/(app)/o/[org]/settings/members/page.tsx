import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { formatDate, formatDateTime } from "@/components/format-date";
import { now } from "@/lib/clock";
import { InvitationButtons } from "@/components/forms/invitation-buttons";
import { InviteMemberForm } from "@/components/forms/invite-member-form";
import { MemberRoleForm } from "@/components/forms/member-role-form";
import { RemoveMemberForm } from "@/components/forms/remove-member-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { verifyFirstMessage } from "@/lib/account/verified-email";
import { requireSession } from "@/lib/auth/current-session";
import { can } from "@/lib/authz/authorize";
import { listMembers } from "@/lib/members/list-members";
import { mayManage } from "@/lib/members/queries";
import { requireMembership } from "@/lib/orgs/membership";
import { changeMemberRoleAction, removeMemberAction } from "./actions";
import {
  inviteMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from "./invitation-actions";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({
  params,
  searchParams,
}: PageProps<"/o/[org]/settings/members">) {
  const { org } = await params;
  const { transferred } = await searchParams;
  const membership = await requireMembership(org);
  if (!can(membership, "members:read")) notFound();
  const [{ members, assignable, invitations }, session] = await Promise.all([
    listMembers(membership),
    requireSession(),
  ]);
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

      {invitations ? (
        <Card>
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base">
              Invite someone
            </CardTitle>
            <CardDescription>
              They get an email with a link that works once, for that address, for 7 days.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {session.emailVerifiedAt ? (
              <InviteMemberForm
                action={inviteMemberAction}
                org={membership.slug}
                roles={assignable.map((r) => ({ id: r.id, name: r.name }))}
                defaultRoleId={assignable.find((r) => r.builtIn === "member")?.id}
              />
            ) : (
              <Alert>
                <AlertDescription>
                  {verifyFirstMessage(session.email, "invite people")}
                </AlertDescription>
              </Alert>
            )}
          </CardContent>
        </Card>
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
      {invitations && invitations.length > 0 ? (
        <section aria-labelledby="invitations-heading" className="space-y-3">
          <h2 id="invitations-heading" className="text-lg font-semibold">
            Pending invitations
          </h2>
          <ul className="divide-y rounded-lg border">
            {invitations.map((invitation) => {
              const expired = invitation.expiresAt <= now();
              return (
                <li
                  key={invitation.id}
                  className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between"
                  data-testid="invitation-row"
                >
                  <div className="min-w-0">
                    <p className="truncate font-medium">{invitation.email}</p>
                    <p className="text-sm text-muted-foreground">
                      {invitation.roleName}
                      {invitation.invitedBy ? ` · invited by ${invitation.invitedBy}` : ""}
                    </p>
                    <p className="text-xs text-muted-foreground">
                      {!invitation.usable ? (
                        <span className="text-destructive">
                          Can&apos;t be used: whoever sent it can no longer give this role. Resend
                          it to send it as you, or revoke it.
                        </span>
                      ) : expired ? (
                        <span className="text-destructive">Expired: resend for a new link</span>
                      ) : (
                        `Expires ${formatDateTime(invitation.expiresAt)}`
                      )}
                    </p>
                  </div>
                  <InvitationButtons
                    resend={resendInvitationAction}
                    revoke={revokeInvitationAction}
                    org={membership.slug}
                    invitation={{ id: invitation.id, email: invitation.email }}
                  />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
