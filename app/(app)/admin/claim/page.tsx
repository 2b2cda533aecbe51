import { CircleAlertIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AppShell } from "@/components/app-shell";
import { AdminStepUpForm } from "@/components/forms/admin-step-up-form";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BOOTSTRAP_TOKEN_MINUTES } from "@/lib/admin/bootstrap-token";
import { hasPassword } from "@/lib/account/step-up";
import { requireSession } from "@/lib/auth/current-session";
import { claimPlatformAdminAction } from "./actions";

export const metadata: Metadata = { title: "Become a platform admin" };

/** Where a bootstrap token from `npm run admin:grant` is spent (checklist A11, ADR 015). */
export default async function ClaimPlatformAdminPage() {
  const session = await requireSession();
  const passwordSet = await hasPassword(session.email);
  return (
    <AppShell email={session.email}>
      <Card className="mx-auto max-w-lg">
        <CardHeader>
          <CardTitle role="heading" aria-level={1} className="text-xl">
            Become a platform admin
          </CardTitle>
          <CardDescription>
            Paste the one-time token that <code>npm run admin:grant</code> printed for{" "}
            <span className="font-medium break-all">{session.email}</span>. It works for{" "}
            {BOOTSTRAP_TOKEN_MINUTES} minutes, once, and only for that verified address.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {session.emailVerifiedAt ? (
            <AdminStepUpForm
              action={claimPlatformAdminAction}
              token
              needsPassword={passwordSet}
              submit="Claim"
              pending="Checking…"
            />
          ) : (
            <Alert variant="destructive">
              <CircleAlertIcon aria-hidden />
              <AlertDescription>
                <p>
                  Verify your email address first: a token is accepted only for a verified address.
                  Open the link we emailed you, or send a new one from{" "}
                  <Link href="/account" className="underline underline-offset-4">
                    your account
                  </Link>
                  .
                </p>
              </AlertDescription>
            </Alert>
          )}
        </CardContent>
      </Card>
    </AppShell>
  );
}
