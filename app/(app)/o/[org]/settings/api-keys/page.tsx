import { KeyRoundIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { ApiKeyTable } from "@/components/api-key-table";
import { EmptyState } from "@/components/empty-state";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { CreateApiKeyForm } from "@/components/forms/create-api-key-form";
import { RevokeApiKeyForm } from "@/components/forms/revoke-api-key-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hasPassword } from "@/lib/account/step-up";
import { verifyFirstMessage } from "@/lib/account/verified-email";
import { requireSession } from "@/lib/auth/current-session";
import { listApiKeys } from "@/lib/api-keys/queries";
import { can } from "@/lib/authz/authorize";
import { requireMembership } from "@/lib/orgs/membership";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: PageProps<"/o/[org]/settings/api-keys">) {
  const { org } = await params;
  const membership = await requireMembership(org);
  if (!can(membership, "api_keys:read")) notFound();
  const keys = await listApiKeys({ orgId: membership.orgId, userId: membership.userId });
  // Display only: both actions check api_keys:manage on every call.
  const canManage = can(membership, "api_keys:manage");
  const session = canManage ? await requireSession() : null;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="mt-1 text-sm text-muted-foreground">
          Keys let programs call the {membership.name} REST API (
          <Link href="/api/v1/openapi.json" className="underline underline-offset-4">
            OpenAPI
          </Link>
          ) as the member who made them, limited to the scopes chosen. Send one as{" "}
          <code className="text-xs">Authorization: Bearer sk_live_…</code>.
        </p>
      </div>

      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle role="heading" aria-level={2} className="text-base">
              Create a key
            </CardTitle>
            <CardDescription>
              You can give a key only permissions your own role has.
            </CardDescription>
          </CardHeader>
          <CardContent>
            {session!.emailVerifiedAt ? (
              <CreateApiKeyForm
                action={createApiKeyAction}
                org={membership.slug}
                grantable={membership.permissions}
                needsPassword={await hasPassword(session!.email)}
              />
            ) : (
              <Alert>
                <AlertDescription>
                  {verifyFirstMessage(session!.email, "create API keys")}
                </AlertDescription>
              </Alert>
            )}
          </CardContent>
        </Card>
      ) : null}

      <section aria-labelledby="keys-heading" className="space-y-3">
        <h2 id="keys-heading" className="text-lg font-semibold">
          Keys
        </h2>
        {keys.length === 0 ? (
          <EmptyState Icon={KeyRoundIcon} title="No API keys yet" headingLevel={3}>
            {!canManage
              ? "Members who manage API keys can create them."
              : session!.emailVerifiedAt
                ? "Create one above."
                : "Once your email address is verified, you can create one above."}
          </EmptyState>
        ) : (
          <ApiKeyTable
            keys={keys}
            revoke={
              canManage
                ? (key) => (
                    <RevokeApiKeyForm
                      action={revokeApiKeyAction}
                      org={membership.slug}
                      apiKey={{ id: key.id, name: key.name }}
                    />
                  )
                : undefined
            }
          />
        )}
      </section>
    </div>
  );
}
