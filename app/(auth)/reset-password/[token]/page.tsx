import type { Metadata } from "next";
import { ResetPasswordForm } from "@/components/forms/reset-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { findAccountToken } from "@/lib/account/account-tokens";
import { LINK_PROBLEMS } from "@/lib/account/link-problems";
import { LinkProblem } from "../../link-problem";
import { resetPasswordAction } from "./actions";

// The token is in the URL: never send it to another site in a Referer header. Not
// no-referrer: that makes a form POST without JavaScript send `Origin: null`, which Next's
// server-action check refuses.
export const metadata: Metadata = { title: "Choose a new password", referrer: "same-origin" };

/** Where a reset email's link lands. Opening it changes nothing; the form does. */
export default async function ResetPasswordPage({ params }: PageProps<"/reset-password/[token]">) {
  const { token } = await params;
  const found = await findAccountToken(token, "reset_password");
  if (!found.ok) {
    return (
      <LinkProblem
        problem={LINK_PROBLEMS.reset_password[found.reason]}
        next={{ href: "/forgot-password", label: "Ask for a new link" }}
      />
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          Choose a new password
        </CardTitle>
        <CardDescription>
          Setting it signs you out on every device; then log in with the new password.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ResetPasswordForm
          action={resetPasswordAction}
          token={token}
          email={found.record.userEmail}
        />
      </CardContent>
    </Card>
  );
}
