"use client";

import { Trash2Icon } from "lucide-react";
import { useActionState, type ReactNode } from "react";
import { Button, buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { FormAction } from "@/lib/actions/action-result";
import { FormMessage } from "./form-message";

interface Props<T> {
  action: FormAction<T>;
  /** Hidden fields that name what is acted on, e.g. { org, id }. */
  fields: Record<string, string>;
  /** The disclosure's label ("Delete project…") and the confirming button's. */
  trigger: string;
  confirm: string;
  pendingLabel: string;
  /** The question, naming the thing. */
  children: ReactNode;
  compact?: boolean;
}

/**
 * A destructive action takes two clicks: a native <details> disclosure (no JavaScript needed),
 * then the confirming submit. A failure keeps the disclosure open to show why.
 */
export function ConfirmDestructiveForm<T>({
  action,
  fields,
  trigger,
  confirm,
  pendingLabel,
  children,
  compact = false,
}: Props<T>) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state !== null && !state.ok;

  return (
    <details className="group" open={failed || undefined}>
      <summary
        className={cn(
          buttonVariants({
            variant: compact ? "ghost" : "outline",
            size: compact ? "sm" : "default",
          }),
          "w-fit list-none text-destructive hover:text-destructive [&::-webkit-details-marker]:hidden",
        )}
      >
        {compact ? null : <Trash2Icon aria-hidden />}
        {trigger}
      </summary>
      <form
        action={formAction}
        className={cn(
          "space-y-4 rounded-lg border border-destructive/40 bg-destructive/5",
          compact ? "mt-2 p-3" : "mt-4 p-4",
        )}
      >
        <FormMessage state={state} />
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="text-sm">{children}</p>
        <Button
          type="submit"
          variant="destructive"
          size={compact ? "sm" : "default"}
          disabled={pending}
        >
          {pending ? pendingLabel : confirm}
        </Button>
      </form>
    </details>
  );
}
