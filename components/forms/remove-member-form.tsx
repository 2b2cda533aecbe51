import type { FormAction } from "@/lib/actions/action-result";
import { ConfirmDestructiveForm } from "./confirm-destructive-form";

export function RemoveMemberForm({
  action,
  org,
  member,
}: {
  action: FormAction<{ removed: true }>;
  org: string;
  member: { userId: string; email: string };
}) {
  return (
    <ConfirmDestructiveForm
      action={action}
      fields={{ org, userId: member.userId }}
      trigger="Remove…"
      confirm="Remove member"
      pendingLabel="Removing…"
      compact
    >
      Remove <strong className="break-all">{member.email}</strong>? They lose access at once.
    </ConfirmDestructiveForm>
  );
}
