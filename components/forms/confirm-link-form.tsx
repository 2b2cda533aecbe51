"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions/action-result";
import { FormMessage } from "./form-message";

/**
 * The one button on an emailed link's page. Opening a link changes nothing (checklist C3, and
 * mail scanners open links); pressing this spends it.
 */
export function ConfirmLinkForm({
  action,
  token,
  label,
  pendingLabel,
}: {
  action: FormAction;
  token: string;
  label: string;
  pendingLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? pendingLabel : label}
      </Button>
    </form>
  );
}
