import type { Metadata } from "next";
import Link from "next/link";
import { DisplayNameForm } from "@/components/forms/display-name-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/current-session";
import { updateProfileAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function ProfilePage() {
  const session = await requireSession();
  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Profile</h1>
        <p className="mt-1 text-sm text-muted-foreground">How you appear to others.</p>
      </div>

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Name
          </CardTitle>
        </CardHeader>
        <CardContent>
          <DisplayNameForm action={updateProfileAction} displayName={session.displayName ?? ""} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base">
            Email
          </CardTitle>
          <CardDescription>You sign in with it, and account emails go there.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-wrap items-center gap-3 text-sm">
          <span className="font-medium break-all">{session.email}</span>
          {session.emailVerifiedAt ? (
            <Badge variant="secondary">Verified</Badge>
          ) : (
            <Badge variant="outline">Not verified</Badge>
          )}
          <Link
            href="/account/security"
            className="text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
          >
            Change email
          </Link>
        </CardContent>
      </Card>
    </>
  );
}
