import type { ComponentProps } from "react";
import { Input } from "@/components/ui/input";

/** An org URL field with the fixed part of the path shown in front, so people see the result. */
export function SlugInput(props: ComponentProps<typeof Input>) {
  return (
    <div className="flex">
      <span
        aria-hidden
        className="inline-flex items-center rounded-l-md border border-r-0 border-input bg-muted px-3 font-mono text-sm text-muted-foreground"
      >
        /o/
      </span>
      <Input
        {...props}
        className="rounded-l-none font-mono"
        autoCapitalize="none"
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}
