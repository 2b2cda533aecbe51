import type { ReactNode } from "react";

import { SiteHeader } from "@/components/site-header";
import { SkipLink } from "@/components/skip-link";

interface AppShellProps {
  email: string;
  /** Rendered in the header next to the logo (the org layout passes its switcher). */
  orgSwitcher?: ReactNode;
  /** A section navigation bar under the header. */
  nav?: ReactNode;
  /** An account-wide notice above the page (the unverified-email banner). */
  banner?: ReactNode;
  children: ReactNode;
}

/** The frame of every signed-in page. Presentational: layouts resolve the session and org. */
export function AppShell({ email, orgSwitcher, nav, banner, children }: AppShellProps) {
  return (
    <>
      <SkipLink />
      <SiteHeader user={{ email }} orgSwitcher={orgSwitcher} />
      {banner}
      {nav}
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
    </>
  );
}
