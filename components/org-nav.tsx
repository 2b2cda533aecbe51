"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/components/ui/cn";

/**
 * The org's sections, as tabs under the header. `settingsHref` is the first settings page the
 * member may open (the same permission checks the server enforces), or undefined to hide the
 * tab; hiding it is for display only.
 */
export function OrgNav({ slug, settingsHref }: { slug: string; settingsHref?: Route }) {
  const pathname = usePathname();
  const base = `/o/${slug}`;
  const tabs: { href: Route; label: string; active: boolean }[] = [
    {
      href: `/o/${slug}`,
      label: "Projects",
      active: pathname === base || pathname.startsWith(`${base}/projects`),
    },
    ...(settingsHref
      ? [{ href: settingsHref, label: "Settings", active: pathname.startsWith(`${base}/settings`) }]
      : []),
  ];

  return (
    <nav aria-label="Organization" className="border-b">
      <ul className="mx-auto flex w-full max-w-6xl gap-1 px-2 sm:px-4">
        {tabs.map((tab) => (
          <li key={tab.label}>
            <Link
              href={tab.href}
              aria-current={tab.active ? "page" : undefined}
              className={cn(
                "-mb-px inline-flex h-11 items-center border-b-2 px-2 text-sm font-medium transition-colors outline-none focus-visible:ring-2 focus-visible:ring-ring",
                tab.active
                  ? "border-foreground text-foreground"
                  : "border-transparent text-muted-foreground hover:text-foreground",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
