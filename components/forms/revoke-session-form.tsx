"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/action-result";

/** "Sign out" on one row of the sessions list. */
export function RevokeSessionForm<T>({
  action,
  id,
  device,
}: {
  action: FormAction<T>;
  id: string;
  device: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="id" value={id} />
      <Button
        type="submit"
        variant="outline"
        size="sm"
        disabled={pending}
        aria-label={`Sign out ${device}`}
      >
        {pending ? "Signing out…" : "Sign out"}
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="text-xs text-destructive">
          {state.formError}
        </p>
      ) : null}
    </form>
  );
}
