import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";

import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

const step = cn(buttonVariants({ variant: "ghost", size: "sm" }), "gap-1");

/** "Newer" and "Older": keyset pages have no numbers. Plain links that keep the filters. */
export function AuditPagination({ newer, older }: { newer: Route | null; older: Route | null }) {
  if (!newer && !older) return null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-2">
      {newer ? (
        <Link href={newer} rel="prev" className={step}>
          <ChevronLeftIcon aria-hidden />
          Newer
        </Link>
      ) : (
        <a role="link" aria-disabled="true" className={step}>
          <ChevronLeftIcon aria-hidden />
          Newer
        </a>
      )}
      {older ? (
        <Link href={older} rel="next" className={step}>
          Older
          <ChevronRightIcon aria-hidden />
        </Link>
      ) : (
        <a role="link" aria-disabled="true" className={step}>
          Older
          <ChevronRightIcon aria-hidden />
        </a>
      )}
    </nav>
  );
}
