import type { FormAction } from "@/lib/actions/action-result";
import { ConfirmDestructiveForm } from "./confirm-destructive-form";

export function RevokeApiKeyForm({
  action,
  org,
  apiKey,
}: {
  action: FormAction<{ revoked: true }>;
  org: string;
  apiKey: { id: string; name: string };
}) {
  return (
    <ConfirmDestructiveForm
      action={action}
      fields={{ org, id: apiKey.id }}
      trigger="Revoke…"
      confirm="Revoke key"
      pendingLabel="Revoking…"
      compact
    >
      Revoke <strong className="break-all">{apiKey.name}</strong>? Every request with it fails from
      now on. This cannot be undone.
    </ConfirmDestructiveForm>
  );
}
