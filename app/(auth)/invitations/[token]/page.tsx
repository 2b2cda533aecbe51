import type { Metadata, Route } from "next";
import Link from "next/link";

import { AcceptInvitationForm } from "@/components/forms/accept-invitation-form";
import { InvitationSignupForm } from "@/components/forms/invitation-signup-form";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getCurrentSession } from "@/lib/auth/current-session";
import { findInvitation, invitationStatus } from "@/lib/invitations/invitation-token";
import { INVITATION_PROBLEMS } from "@/lib/invitations/outcome-messages";
import { acceptInvitationAction, signupWithInvitationAction } from "./actions";

// The token is in the URL: never send it to another site in a Referer header. Not
// no-referrer: that makes a form POST without JavaScript send `Origin: null`, which Next's
// server-action check refuses.
export const metadata: Metadata = { title: "Invitation", referrer: "same-origin" };

function Problem({ reason }: { reason: keyof typeof INVITATION_PROBLEMS }) {
  const { title, body } = INVITATION_PROBLEMS[reason];
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          {title}
        </CardTitle>
        <CardDescription>{body}</CardDescription>
      </CardHeader>
      <CardContent>
        <Link href="/dashboard" className={buttonVariants({ variant: "outline" })}>
          Go to your dashboard
        </Link>
      </CardContent>
    </Card>
  );
}

/**
 * Where an invitation email's link lands. Anyone holding the link sees which org invites which
 * address as what; joining needs that address's account (existing, or created here).
 */
export default async function InvitationPage({ params }: PageProps<"/invitations/[token]">) {
  const { token } = await params;
  const invitation = await findInvitation(token);
  if (!invitation) return <Problem reason="invalid" />;
  const status = invitationStatus(invitation);
  if (status !== "pending") return <Problem reason={status} />;

  const session = await getCurrentSession();
  const here = `/invitations/${token}`;
  const heading = (
    <CardHeader>
      <CardTitle role="heading" aria-level={1} className="text-xl">
        Join {invitation.orgName}
      </CardTitle>
      <CardDescription>
        You&apos;re invited as <strong>{invitation.roleName}</strong>. The invitation is for{" "}
        <strong className="break-all">{invitation.email}</strong>.
      </CardDescription>
    </CardHeader>
  );

  if (session && session.email.toLowerCase() !== invitation.email.toLowerCase()) {
    return (
      <Card>
        {heading}
        <CardContent className="space-y-4 text-sm">
          <p>
            You&apos;re logged in as <strong className="break-all">{session.email}</strong>.{" "}
            {INVITATION_PROBLEMS.wrong_account.body}
          </p>
          <form action="/logout" method="post">
            <button type="submit" className={buttonVariants({ variant: "outline" })}>
              Log out
            </button>
          </form>
        </CardContent>
      </Card>
    );
  }

  if (session) {
    return (
      <Card>
        {heading}
        <CardContent>
          <AcceptInvitationForm action={acceptInvitationAction} token={token} />
        </CardContent>
      </Card>
    );
  }

  return (
    <Card>
      {heading}
      <CardContent className="space-y-6">
        <InvitationSignupForm
          action={signupWithInvitationAction}
          token={token}
          email={invitation.email}
        />
        <p className="text-center text-sm text-muted-foreground">
          Already have an account?{" "}
          <Link
            href={`/login?next=${encodeURIComponent(here)}` as Route}
            className="font-medium text-foreground underline-offset-4 hover:underline"
          >
            Log in to accept
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
