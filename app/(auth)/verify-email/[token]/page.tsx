import type { Metadata } from "next";
import { ConfirmLinkForm } from "@/components/forms/confirm-link-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { findAccountToken } from "@/lib/account/account-tokens";
import { LINK_PROBLEMS } from "@/lib/account/link-problems";
import { LinkProblem } from "../../link-problem";
import { verifyEmailAction } from "./actions";

export const metadata: Metadata = { title: "Verify your email", referrer: "same-origin" };

/** Where a verification email's link lands: one button confirms (ADR 011). */
export default async function VerifyEmailPage({ params }: PageProps<"/verify-email/[token]">) {
  const { token } = await params;
  const found = await findAccountToken(token, "verify_email");
  const stale =
    found.ok && found.record.email.toLowerCase() !== found.record.userEmail.toLowerCase();
  if (!found.ok || stale) {
    return (
      <LinkProblem
        problem={LINK_PROBLEMS.verify_email[found.ok ? "invalid" : found.reason]}
        next={{ href: "/login", label: "Log in" }}
      />
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          Verify your email
        </CardTitle>
        <CardDescription>
          Confirm that <strong className="break-all">{found.record.email}</strong> is your address.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmLinkForm
          action={verifyEmailAction}
          token={token}
          label="Verify email address"
          pendingLabel="Verifying…"
        />
      </CardContent>
    </Card>
  );
}
