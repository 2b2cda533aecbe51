import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

interface EmptyStateProps {
  Icon: LucideIcon;
  title: string;
  children: ReactNode;
  /** The call to action, usually one button. */
  action?: ReactNode;
  headingLevel?: 2 | 3;
}

export function EmptyState({ Icon, title, children, action, headingLevel = 2 }: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="flex flex-col items-center rounded-xl border border-dashed px-6 py-12 text-center">
      <span className="grid size-10 place-items-center rounded-full border bg-muted">
        <Icon className="size-5 text-muted-foreground" aria-hidden />
      </span>
      <Heading className="mt-4 font-semibold">{title}</Heading>
      <div className="mt-1.5 max-w-sm text-sm text-pretty text-muted-foreground">{children}</div>
      {action ? <div className="mt-6">{action}</div> : null}
    </div>
  );
}
