import type { FormAction } from "@/lib/actions/action-result";
import { ConfirmDestructiveForm } from "./confirm-destructive-form";

export function DeleteRoleForm({
  action,
  org,
  role,
}: {
  action: FormAction;
  org: string;
  role: { id: string; name: string };
}) {
  return (
    <ConfirmDestructiveForm
      action={action}
      fields={{ org, id: role.id }}
      trigger="Delete role…"
      confirm="Delete role"
      pendingLabel="Deleting…"
    >
      Delete the role <strong className="font-semibold break-all">{role.name}</strong>? This cannot
      be undone.
    </ConfirmDestructiveForm>
  );
}
