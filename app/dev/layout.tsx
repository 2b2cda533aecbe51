import type { ReactNode } from "react";

import { SiteHeader } from "@/components/site-header";
import { SkipLink } from "@/components/skip-link";
import { requireDevelopment } from "./require-development";

// Development tools: no session lookup, so they work before anyone has signed up.
export default function DevLayout({ children }: { children: ReactNode }) {
  requireDevelopment();
  return (
    <>
      <SkipLink />
      <SiteHeader user={null} />
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
    </>
  );
}
