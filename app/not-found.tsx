import { HouseIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";

import { Button } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

// Next ships the root not-found with every route, so it stays a server component with no
// client-side UI (hence no header and its theme toggle).
export default function NotFound() {
  return (
    <main className="flex flex-1 flex-col items-center justify-center px-4 py-24 text-center">
      <p className="font-mono text-sm font-medium text-muted-foreground">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-3 max-w-md text-pretty text-muted-foreground">
        The page you&apos;re looking for doesn&apos;t exist, or it has moved.
      </p>
      <Button asChild className="mt-8">
        <Link href="/">
          <HouseIcon aria-hidden />
          Back to home
        </Link>
      </Button>
    </main>
  );
}
