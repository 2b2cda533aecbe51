import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";

import { THEME_COOKIE, parseTheme } from "@/components/theme";
import { siteConfig } from "@/lib/site-config";

import "./globals.css";

export const metadata: Metadata = {
  title: { template: `%s · ${siteConfig.name}`, default: siteConfig.name },
  description: siteConfig.description,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendering the theme class on the server avoids a flash without an inline script, which
  // the CSP would block anyway. Reading cookies makes every page dynamic, which they are.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);

  return (
    // ThemeToggle changes the class in the browser before the next server render catches up.
    <html lang="en" className={theme} suppressHydrationWarning>
      <body className="flex min-h-screen flex-col bg-background text-foreground antialiased">
        {children}
      </body>
    </html>
  );
}
