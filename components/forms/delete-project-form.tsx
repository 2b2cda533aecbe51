import type { FormAction } from "@/lib/actions/action-result";
import { ConfirmDestructiveForm } from "./confirm-destructive-form";

export function DeleteProjectForm({
  action,
  org,
  project,
}: {
  action: FormAction;
  org: string;
  project: { id: string; name: string };
}) {
  return (
    <ConfirmDestructiveForm
      action={action}
      fields={{ org, id: project.id }}
      trigger="Delete project…"
      confirm="Delete permanently"
      pendingLabel="Deleting…"
    >
      Delete <strong className="font-semibold break-all">{project.name}</strong> and everything in
      it? This cannot be undone.
    </ConfirmDestructiveForm>
  );
}
