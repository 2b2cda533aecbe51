import { CheckIcon } from "lucide-react";
import type { ComponentProps } from "react";

import { cn } from "@/components/ui/cn";

/**
 * A native checkbox styled like shadcn/ui's, so it is submitted with its form without
 * JavaScript and keeps the browser's keyboard and label behaviour. The tick is drawn over the
 * input and follows its :checked state.
 */
function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <span data-slot="checkbox" className="relative inline-grid size-4 shrink-0 place-items-center">
      <input
        type="checkbox"
        className={cn(
          "peer size-4 cursor-pointer appearance-none rounded-[4px] border border-input bg-background shadow-xs transition-shadow outline-none dark:bg-input/30",
          "checked:border-primary checked:bg-primary",
          "focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/40",
          "disabled:cursor-not-allowed disabled:opacity-50",
          "aria-invalid:border-destructive aria-invalid:ring-destructive/20",
          className,
        )}
        {...props}
      />
      <CheckIcon
        aria-hidden
        className="pointer-events-none absolute size-3.5 text-primary-foreground opacity-0 peer-checked:opacity-100 peer-disabled:opacity-0 peer-disabled:peer-checked:opacity-50"
      />
    </span>
  );
}

export { Checkbox };
