import { ChevronLeftIcon, ChevronRightIcon } from "lucide-react";
import type { Route } from "next";
import Link from "next/link";

import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

interface PaginationProps {
  page: number;
  pages: number;
  /** The URL of a page; plain links, so paging works without JavaScript. */
  href: (page: number) => Route;
}

/** 1 … 4 5 6 … 12: the ends, the current page and its neighbours. */
function pageNumbers(page: number, pages: number): (number | "gap")[] {
  const shown = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const n of sorted) {
    const last = out.at(-1);
    if (typeof last === "number" && n - last === 2) out.push(last + 1);
    else if (typeof last === "number" && n - last > 2) out.push("gap");
    out.push(n);
  }
  return out;
}

const step = cn(buttonVariants({ variant: "ghost", size: "sm" }), "gap-1");

export function Pagination({ page, pages, href }: PaginationProps) {
  if (pages <= 1) return null;
  const previous = page > 1 ? page - 1 : null;
  const next = page < pages ? page + 1 : null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-center gap-1">
      {previous ? (
        <Link href={href(previous)} rel="prev" className={step}>
          <ChevronLeftIcon aria-hidden />
          Previous
        </Link>
      ) : (
        // A link without href, marked disabled: the standard pattern for an unavailable link.
        <a role="link" aria-disabled="true" className={step}>
          <ChevronLeftIcon aria-hidden />
          Previous
        </a>
      )}
      <ul className="hidden items-center gap-1 sm:flex">
        {pageNumbers(page, pages).map((n, i) =>
          n === "gap" ? (
            <li key={`gap-${i}`} aria-hidden className="px-1 text-muted-foreground">
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                href={href(n)}
                aria-label={`Page ${n}`}
                aria-current={n === page ? "page" : undefined}
                className={cn(
                  buttonVariants({ variant: n === page ? "outline" : "ghost", size: "icon" }),
                  "size-8 tabular-nums",
                )}
              >
                {n}
              </Link>
            </li>
          ),
        )}
      </ul>
      <span className="px-2 text-sm text-muted-foreground tabular-nums sm:hidden">
        Page {page} of {pages}
      </span>
      {next ? (
        <Link href={href(next)} rel="next" className={step}>
          Next
          <ChevronRightIcon aria-hidden />
        </Link>
      ) : (
        <a role="link" aria-disabled="true" className={step}>
          Next
          <ChevronRightIcon aria-hidden />
        </a>
      )}
    </nav>
  );
}
