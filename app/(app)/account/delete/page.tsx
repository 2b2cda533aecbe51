import type { Metadata, Route } from "next";
import Link from "next/link";
import { DeleteAccountForm } from "@/components/forms/delete-account-form";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DELETE_CONFIRMATION, planAccountDeletion } from "@/lib/account/delete-account";
import { hasPassword } from "@/lib/account/step-up";
import { requireSession } from "@/lib/auth/current-session";
import { deleteAccountAction } from "./actions";

export const metadata: Metadata = { title: "Delete account" };

/** What deleting the account would do to each organization, then the form (if nothing blocks). */
export default async function DeleteAccountPage() {
  const session = await requireSession();
  const [plan, passwordSet] = await Promise.all([
    planAccountDeletion(session.userId),
    hasPassword(session.email),
  ]);

  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Delete account</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Deletes your account, your sessions and your memberships. This cannot be undone.
        </p>
      </div>

      {plan.blocking.length > 0 ? (
        <Alert variant="destructive">
          <AlertTitle role="heading" aria-level={2}>
            Transfer ownership first
          </AlertTitle>
          <AlertDescription>
            <p>
              You are the only owner of these organizations, and they have other members. Make
              someone else an owner (or delete the organization), then come back:
            </p>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {plan.blocking.map((org) => (
                <li key={org.slug}>
                  <Link
                    href={`/o/${org.slug}/settings` as Route}
                    className="font-medium underline underline-offset-4"
                  >
                    {org.name}
                  </Link>{" "}
                  ({org.otherMembers} other member{org.otherMembers === 1 ? "" : "s"})
                </li>
              ))}
            </ul>
          </AlertDescription>
        </Alert>
      ) : null}

      <Card className="border-destructive/30">
        <CardHeader>
          <CardTitle role="heading" aria-level={2} className="text-base text-destructive">
            Delete your account
          </CardTitle>
          <CardDescription>
            {plan.deletedWithAccount.length > 0
              ? "These organizations have no other member and are deleted with your account, with all of their projects:"
              : "You leave every organization you belong to; organizations you share keep their data."}
          </CardDescription>
          {plan.deletedWithAccount.length > 0 ? (
            <ul className="list-disc space-y-1 pl-5 text-sm" aria-label="Deleted with your account">
              {plan.deletedWithAccount.map((org) => (
                <li key={org.slug}>{org.name}</li>
              ))}
            </ul>
          ) : null}
        </CardHeader>
        <CardContent>
          {plan.blocking.length > 0 ? (
            <p className="text-sm text-muted-foreground">
              Deleting is possible once no organization above depends on you.
            </p>
          ) : (
            <DeleteAccountForm
              action={deleteAccountAction}
              phrase={DELETE_CONFIRMATION}
              needsPassword={passwordSet}
            />
          )}
        </CardContent>
      </Card>
    </>
  );
}
