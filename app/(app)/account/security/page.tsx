import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format-date";
import { ChangeEmailForm } from "@/components/forms/change-email-form";
import { ChangePasswordForm } from "@/components/forms/change-password-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { pendingEmailChange } from "@/lib/account/email-change";
import { hasPassword } from "@/lib/account/step-up";
import { requireSession } from "@/lib/auth/current-session";
import { changePasswordAction, requestEmailChangeAction } from "./actions";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage({ searchParams }: PageProps<"/account/security">) {
  const session = await requireSession();
  const [passwordSet, pending, query] = await Promise.all([
    hasPassword(session.email),
    pendingEmailChange(session.userId),
    searchParams,
  ]);

  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Security</h1>
        <p className="mt-1 text-sm text-muted-foreground">Your password and email address.</p>
      </div>

      {query.email_changed === "1" ? (
        <Alert variant="success">
          <AlertDescription>
            Your email is now {session.email}. Your other sessions were signed out.
          </AlertDescription>
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Password
          </CardTitle>
          <CardDescription>
            Changing it signs you out everywhere else, and we email you about it.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {passwordSet ? (
            <ChangePasswordForm action={changePasswordAction} email={session.email} />
          ) : (
            <p className="text-sm">
              Your account has no password: you sign in another way. To add one,{" "}
              <Link href="/forgot-password" className="font-medium underline underline-offset-4">
                ask for a password link
              </Link>{" "}
              for {session.email}.
            </p>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Email address
          </CardTitle>
          <CardDescription>
            Now: <strong className="break-all text-foreground">{session.email}</strong>. We send a
            link to the new address, and tell the current one; the change happens when the link is
            opened.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-5">
          {pending ? (
            <p className="rounded-md border bg-muted/40 px-3 py-2 text-sm">
              Waiting for confirmation from <strong className="break-all">{pending.email}</strong>:
              the link works until {formatDateTime(pending.expiresAt)}. Asking again replaces it.
            </p>
          ) : null}
          <ChangeEmailForm action={requestEmailChangeAction} needsPassword={passwordSet} />
        </CardContent>
      </Card>
    </>
  );
}
