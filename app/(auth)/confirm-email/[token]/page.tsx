import type { Metadata } from "next";
import { ConfirmLinkForm } from "@/components/forms/confirm-link-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { findAccountToken } from "@/lib/account/account-tokens";
import { LINK_PROBLEMS } from "@/lib/account/link-problems";
import { LinkProblem } from "../../link-problem";
import { confirmEmailChangeAction } from "./actions";

export const metadata: Metadata = { title: "Confirm your new email", referrer: "same-origin" };

/** Where an email-change link lands (sent to the new address). One button makes the change. */
export default async function ConfirmEmailPage({ params }: PageProps<"/confirm-email/[token]">) {
  const { token } = await params;
  const found = await findAccountToken(token, "change_email");
  if (!found.ok) {
    return (
      <LinkProblem
        problem={LINK_PROBLEMS.change_email[found.reason]}
        next={{ href: "/account/security", label: "Go to your account" }}
      />
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          Confirm your new email
        </CardTitle>
        <CardDescription>
          From now on, your account will sign in with{" "}
          <strong className="break-all">{found.record.email}</strong>. Its other sessions are signed
          out.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmLinkForm
          action={confirmEmailChangeAction}
          token={token}
          label="Change my email"
          pendingLabel="Changing…"
        />
      </CardContent>
    </Card>
  );
}
