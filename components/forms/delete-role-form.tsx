"use client";

import { Trash2Icon } from "lucide-react";
import { useActionState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FormAction } from "@/lib/actions/action-result";
import { FormMessage } from "./form-message";

interface DeleteRoleFormProps {
  action: FormAction;
  org: string;
  role: { id: string; name: string };
}

/**
 * Two clicks, like deleting a project: a native <details> disclosure (no JavaScript needed),
 * then the submit. A failure keeps the disclosure open to show why.
 */
export function DeleteRoleForm({ action, org, role }: DeleteRoleFormProps) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state !== null && !state.ok;

  return (
    <details className="group" open={failed || undefined}>
      <summary
        className={cn(
          buttonVariants({ variant: "outline" }),
          "w-fit list-none text-destructive hover:text-destructive [&::-webkit-details-marker]:hidden",
        )}
      >
        <Trash2Icon aria-hidden />
        Delete role…
      </summary>
      <form
        action={formAction}
        className="mt-4 space-y-4 rounded-lg border border-destructive/40 bg-destructive/5 p-4"
      >
        <FormMessage state={state} />
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="id" value={role.id} />
        <p className="text-sm">
          Delete the role <strong className="font-semibold break-all">{role.name}</strong>? This
          cannot be undone.
        </p>
        <Button type="submit" variant="destructive" disabled={pending}>
          {pending ? "Deleting…" : "Delete role"}
        </Button>
      </form>
    </details>
  );
}
