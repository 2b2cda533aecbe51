"use client";

import type { Route } from "next";
import Link from "next/link";
import { usePathname } from "next/navigation";

import { cn } from "@/components/ui/cn";

const SECTIONS: { href: Route; label: string }[] = [
  { href: "/account", label: "Profile" },
  { href: "/account/security", label: "Security" },
  { href: "/account/sessions", label: "Sessions" },
  { href: "/account/activity", label: "Security activity" },
  { href: "/account/connections", label: "Connected accounts" },
  { href: "/account/delete", label: "Delete account" },
];

/** Shown to platform admins only, for display; /admin checks for itself (ADR 015). */
const ADMIN_SECTION: { href: Route; label: string } = { href: "/admin", label: "Platform admin" };

/** The account settings sections. Every page checks the session itself. */
export function AccountNav({ platformAdmin = false }: { platformAdmin?: boolean }) {
  const pathname = usePathname();
  const sections = platformAdmin ? [...SECTIONS, ADMIN_SECTION] : SECTIONS;
  const active = sections
    .filter((s) => pathname === s.href || pathname.startsWith(`${s.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;

  return (
    <nav aria-label="Account settings" className="md:w-48 md:shrink-0">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {sections.map((section) => (
          <li key={section.href}>
            <Link
              href={section.href}
              aria-current={section.href === active ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 text-sm whitespace-nowrap outline-none focus-visible:ring-2 focus-visible:ring-ring",
                section.href === active
                  ? "bg-muted font-medium text-foreground"
                  : "text-muted-foreground hover:bg-muted/60 hover:text-foreground",
                section.href === "/account/delete" && section.href !== active
                  ? "text-destructive/90 hover:text-destructive"
                  : null,
              )}
            >
              {section.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
