"use client";

import { useActionState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FormAction } from "@/lib/actions/action-result";
import { FormMessage } from "./form-message";

interface Props {
  action: FormAction<{ removed: true }>;
  org: string;
  member: { userId: string; email: string };
}

/** Two clicks: a native <details> disclosure (no JavaScript needed), then the confirmation. */
export function RemoveMemberForm({ action, org, member }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state !== null && !state.ok;

  return (
    <details className="group" open={failed || undefined}>
      <summary
        className={cn(
          buttonVariants({ variant: "ghost", size: "sm" }),
          "list-none text-destructive hover:text-destructive [&::-webkit-details-marker]:hidden",
        )}
      >
        Remove…
      </summary>
      <form
        action={formAction}
        className="mt-2 space-y-3 rounded-lg border border-destructive/40 bg-destructive/5 p-3"
      >
        <FormMessage state={state} />
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="userId" value={member.userId} />
        <p className="text-sm">
          Remove <strong className="break-all">{member.email}</strong>? They lose access at once.
        </p>
        <Button type="submit" variant="destructive" size="sm" disabled={pending}>
          {pending ? "Removing…" : "Remove member"}
        </Button>
      </form>
    </details>
  );
}
