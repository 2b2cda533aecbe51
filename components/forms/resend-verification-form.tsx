"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/action-result";

/** The banner's "resend" button and what happened when it was pressed. */
export function ResendVerificationForm({
  action,
}: {
  action: FormAction<{ sentTo: string | null }>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <Button type="submit" size="sm" variant="outline" disabled={pending}>
        {pending ? "Sending…" : "Resend verification email"}
      </Button>
      <p aria-live="polite" className="text-sm" role={state && !state.ok ? "alert" : undefined}>
        {state?.ok
          ? state.data.sentTo
            ? `Sent to ${state.data.sentTo}. The link in the previous email no longer works.`
            : "Your email is already verified."
          : (state?.formError ?? null)}
      </p>
    </form>
  );
}
