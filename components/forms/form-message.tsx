import { CircleAlertIcon, CircleCheckIcon } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/actions/action-result";

/** The form-level outcome of the last submission: its error, or `success` when it worked. */
export function FormMessage({
  state,
  success,
}: {
  state: ActionResult<unknown> | null;
  success?: string;
}) {
  if (state && !state.ok && state.formError) {
    return (
      <Alert variant="destructive">
        <CircleAlertIcon aria-hidden />
        <AlertDescription>{state.formError}</AlertDescription>
      </Alert>
    );
  }
  if (state?.ok && success) {
    return (
      <Alert variant="success">
        <CircleCheckIcon aria-hidden />
        <AlertDescription>{success}</AlertDescription>
      </Alert>
    );
  }
  return null;
}
