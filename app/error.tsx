"use client";

import { HouseIcon, RotateCwIcon, TriangleAlertIcon } from "lucide-react";
import Link from "next/link";

import { Button } from "@/components/ui/button";

// Only the digest is shown: it matches the server log entry, while the message could leak
// internals (in production Next already replaces server messages, client ones it does not).
function digestOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = digestOf(error);

  return (
    <main className="flex flex-1 flex-col items-center justify-center px-4 py-24 text-center">
      <span className="grid size-12 place-items-center rounded-full border bg-muted">
        <TriangleAlertIcon className="size-5 text-destructive" aria-hidden />
      </span>
      <h1 className="mt-6 text-3xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="mt-3 max-w-md text-pretty text-muted-foreground">
        An unexpected error stopped this page from loading. Trying again often helps.
      </p>
      {digest ? (
        <p className="mt-4 text-sm text-muted-foreground">
          Reference: <code className="rounded bg-muted px-1.5 py-0.5 font-mono">{digest}</code>
        </p>
      ) : null}
      <div className="mt-8 flex flex-col gap-3 sm:flex-row">
        {/* retry() re-fetches the segment from the server; reset() would only re-render it. */}
        <Button onClick={() => retry()}>
          <RotateCwIcon aria-hidden />
          Try again
        </Button>
        <Button asChild variant="outline">
          <Link href="/">
            <HouseIcon aria-hidden />
            Back to home
          </Link>
        </Button>
      </div>
    </main>
  );
}
