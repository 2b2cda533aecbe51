import { CircleCheckIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { BackLink } from "@/components/back-link";
import { formatDateTime } from "@/components/format-date";
import { AdminStepUpForm } from "@/components/forms/admin-step-up-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getAccount, platformAuditEntries } from "@/lib/admin/accounts";
import { requirePlatformAdmin } from "@/lib/admin/platform-admin";
import { hasPassword } from "@/lib/account/step-up";
import {
  disableAccountAction,
  enableAccountAction,
  endAccountSessionsAction,
} from "../../../actions";
import { AuditTrail } from "../../audit-trail";

export const metadata: Metadata = { title: "Account · Platform admin" };

/** What the disable and enable actions redirect back with (a closed set, never echoed). */
const NOTICES = {
  disabled:
    "Account disabled: its sessions have ended, the API keys it created are revoked and its open invitations withdrawn.",
  enabled:
    "Account enabled: it can sign in again. Its revoked API keys and withdrawn invitations stay so.",
} as const;

/** One account: what it is, and disabling, enabling or signing it out (checklist S8, S9). */
export default async function AdminAccountPage({
  params,
  searchParams,
}: PageProps<"/admin/accounts/[id]">) {
  const session = await requirePlatformAdmin();
  const id = z.uuid().safeParse((await params).id);
  const done = (await searchParams).done;
  const notice = done === "disabled" || done === "enabled" ? NOTICES[done] : null;
  if (!id.success) notFound();
  const [account, audit, passwordSet] = await Promise.all([
    getAccount(session.userId, id.data),
    platformAuditEntries(session.userId, id.data, 20),
    hasPassword(session.email),
  ]);
  if (!account) notFound();
  const own = account.userId === session.userId;
  const fields = { userId: account.userId };

  return (
    <>
      <BackLink href="/admin">All accounts</BackLink>
      {notice ? (
        <Alert variant="success">
          <CircleCheckIcon aria-hidden />
          <AlertDescription>{notice}</AlertDescription>
        </Alert>
      ) : null}
      <div>
        <h1 className="text-2xl font-semibold tracking-tight break-all">{account.email}</h1>
        <p className="mt-2 flex flex-wrap gap-1.5">
          {account.disabledAt ? (
            <Badge variant="outline" className="border-destructive/50 text-destructive">
              Disabled
            </Badge>
          ) : (
            <Badge variant="secondary">Active</Badge>
          )}
          {account.emailVerifiedAt ? null : <Badge variant="outline">Unverified</Badge>}
          {account.isPlatformAdmin ? <Badge variant="outline">Platform admin</Badge> : null}
        </p>
      </div>

      <Card>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="text-muted-foreground">Name</dt>
            <dd>{account.displayName ?? "Not set"}</dd>
            <dt className="text-muted-foreground">Joined</dt>
            <dd>{formatDateTime(account.createdAt)}</dd>
            <dt className="text-muted-foreground">Email verified</dt>
            <dd>{account.emailVerifiedAt ? formatDateTime(account.emailVerifiedAt) : "No"}</dd>
            <dt className="text-muted-foreground">Password</dt>
            <dd>{account.hasPassword ? "Set" : "None (signs in with a provider)"}</dd>
            <dt className="text-muted-foreground">Organizations</dt>
            <dd>{account.orgCount}</dd>
            <dt className="text-muted-foreground">Active sessions</dt>
            <dd>{account.sessionCount}</dd>
            <dt className="text-muted-foreground">Live API keys it created</dt>
            <dd>{account.liveKeyCount}</dd>
            {account.disabledAt ? (
              <>
                <dt className="text-muted-foreground">Disabled</dt>
                <dd>
                  {formatDateTime(account.disabledAt)}: {account.disabledReason}
                </dd>
              </>
            ) : null}
          </dl>
        </CardContent>
      </Card>

      {own ? (
        <p className="text-sm text-muted-foreground">
          This is your own account: you can&apos;t disable it or end its sessions here. Use{" "}
          <Link href="/account/sessions" className="underline underline-offset-4">
            your sessions page
          </Link>{" "}
          instead.
        </p>
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle role="heading" aria-level={2} className="text-base">
                Sign out everywhere
              </CardTitle>
              <CardDescription>
                Ends every session of this account now. It can sign in again.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <AdminStepUpForm
                action={endAccountSessionsAction}
                fields={fields}
                needsPassword={passwordSet}
                submit="End all sessions"
                pending="Ending sessions…"
              />
            </CardContent>
          </Card>

          {account.disabledAt ? (
            <Card>
              <CardHeader>
                <CardTitle role="heading" aria-level={2} className="text-base">
                  Enable account
                </CardTitle>
                <CardDescription>
                  Lets it sign in again. API keys revoked and invitations withdrawn when it was
                  disabled stay so.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <AdminStepUpForm
                  action={enableAccountAction}
                  fields={fields}
                  needsPassword={passwordSet}
                  submit="Enable account"
                  pending="Enabling…"
                />
              </CardContent>
            </Card>
          ) : (
            <Card className="border-destructive/40">
              <CardHeader>
                <CardTitle role="heading" aria-level={2} className="text-base">
                  Disable account
                </CardTitle>
                <CardDescription>
                  It can no longer sign in by any method; every session ends now, every API key it
                  created is revoked and every open invitation it sent is withdrawn. Its data and
                  memberships stay.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <AdminStepUpForm
                  action={disableAccountAction}
                  fields={fields}
                  reason
                  needsPassword={passwordSet}
                  submit="Disable account"
                  pending="Disabling…"
                  destructive
                />
              </CardContent>
            </Card>
          )}
        </>
      )}

      <section aria-labelledby="account-audit-heading" className="space-y-3">
        <h2 id="account-audit-heading" className="text-lg font-semibold">
          Admin activity on this account
        </h2>
        <AuditTrail entries={audit} />
      </section>
    </>
  );
}
