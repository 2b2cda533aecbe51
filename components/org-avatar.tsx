import { cn } from "@/components/ui/cn";

/** A square with the org's initial; decorative, the name is always shown beside it. */
export function OrgAvatar({ name, className }: { name: string; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn(
        "grid size-6 shrink-0 place-items-center rounded-md border bg-muted text-xs font-semibold text-foreground uppercase",
        className,
      )}
    >
      {Array.from(name.trim())[0] ?? "?"}
    </span>
  );
}
