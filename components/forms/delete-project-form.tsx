"use client";

import { Trash2Icon } from "lucide-react";
import { useActionState } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FormAction } from "@/lib/actions/action-result";
import { FormMessage } from "./form-message";

interface DeleteProjectFormProps {
  action: FormAction;
  org: string;
  project: { id: string; name: string };
}

/**
 * Deleting takes two clicks: the first opens a native <details> disclosure, which needs no
 * JavaScript, and the second submits. A failure keeps the disclosure open to show why.
 */
export function DeleteProjectForm({ action, org, project }: DeleteProjectFormProps) {
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
        Delete project…
      </summary>
      <form
        action={formAction}
        className="mt-4 space-y-4 rounded-lg border border-destructive/40 bg-destructive/5 p-4"
      >
        <FormMessage state={state} />
        <input type="hidden" name="org" value={org} />
        <input type="hidden" name="id" value={project.id} />
        <p className="text-sm">
          Delete <strong className="font-semibold break-all">{project.name}</strong> and everything
          in it? This cannot be undone.
        </p>
        <Button type="submit" variant="destructive" disabled={pending}>
          {pending ? "Deleting…" : "Delete permanently"}
        </Button>
      </form>
    </details>
  );
}
