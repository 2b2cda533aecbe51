"use client";

import ErrorPage from "@/app/error";

import "./globals.css";

// Replaces the root layout when it fails, so it brings its own document and styles. It can't
// read the theme cookie here, so it follows the OS setting.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" className="system">
      <body className="flex min-h-screen flex-col bg-background text-foreground antialiased">
        <title>Something went wrong</title>
        <ErrorPage error={error} retry={retry} />
      </body>
    </html>
  );
}
