import { UserRoundIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

import { ThemeToggle } from "@/components/theme-toggle";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { siteConfig } from "@/lib/site-config";

type SiteHeaderProps = {
  user: { email: string } | null;
  /** Shown after the logo inside an organization; the caller fetches the orgs. */
  orgSwitcher?: ReactNode;
};

/** Presentational only: the caller resolves the session, so this stays free of auth imports. */
export function SiteHeader({ user, orgSwitcher }: SiteHeaderProps) {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-backdrop-filter:bg-background/70">
      <div className="mx-auto flex h-14 w-full max-w-6xl items-center justify-between gap-3 px-4 sm:px-6">
        <div className="flex min-w-0 items-center gap-2">
          <Link
            href={user ? "/dashboard" : "/"}
            className="-mx-1 flex shrink-0 items-center gap-2 rounded-md px-1 font-semibold tracking-tight outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            <span
              aria-hidden
              className="grid size-7 place-items-center rounded-md bg-primary text-sm text-primary-foreground"
            >
              {siteConfig.name.charAt(0)}
            </span>
            <span className={orgSwitcher ? "sr-only sm:not-sr-only" : undefined}>
              {siteConfig.name}
            </span>
          </Link>
          {orgSwitcher ? (
            <>
              <span aria-hidden className="text-lg font-light text-muted-foreground/60 select-none">
                /
              </span>
              {orgSwitcher}
            </>
          ) : null}
        </div>

        <nav aria-label="Account" className="flex shrink-0 items-center gap-1 sm:gap-2">
          <ThemeToggle />
          {user ? (
            <>
              <span
                className={cn(
                  "hidden max-w-56 truncate text-sm text-muted-foreground",
                  orgSwitcher ? "lg:inline" : "sm:inline",
                )}
                title={user.email}
              >
                {user.email}
              </span>
              <Button asChild variant="ghost" size="sm">
                <Link href="/account">
                  <UserRoundIcon aria-hidden />
                  Account
                </Link>
              </Button>
              {/* A plain POST form, so signing out works without JavaScript. */}
              <form action="/logout" method="post">
                <Button type="submit" variant="outline" size="sm">
                  Log out
                </Button>
              </form>
            </>
          ) : (
            <>
              <Button asChild variant="ghost" size="sm">
                <Link href="/login">Log in</Link>
              </Button>
              <Button asChild size="sm">
                <Link href="/signup">Sign up</Link>
              </Button>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
