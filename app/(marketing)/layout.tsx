import type { ReactNode } from "react";

import { SiteHeader } from "@/components/site-header";
import { SkipLink } from "@/components/skip-link";
import { getCurrentSession } from "@/lib/auth/current-session";
import { siteConfig } from "@/lib/site-config";

// Pages here are public; the session only decides what the header offers.
export default async function MarketingLayout({ children }: { children: ReactNode }) {
  const session = await getCurrentSession();
  return (
    <>
      <SkipLink />
      <SiteHeader user={session ? { email: session.email } : null} />
      <main id="main" className="flex flex-1 flex-col">
        {children}
      </main>
      <footer className="border-t">
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-1 px-4 py-6 text-sm text-muted-foreground sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <p>
            <span className="font-medium text-foreground">{siteConfig.name}</span> — a multi-tenant
            SaaS starter.
          </p>
          <p>Built with Next.js and Postgres.</p>
        </div>
      </footer>
    </>
  );
}
