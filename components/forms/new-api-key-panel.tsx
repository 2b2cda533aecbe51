"use client";

import { CheckIcon, CopyIcon, TriangleAlertIcon } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/**
 * The new key, shown once: the server keeps only its hash, so this is the only time anyone can
 * see it. Focus moves here so a screen reader hears the warning first. Without JavaScript the
 * key is still shown, selectable in a read-only field.
 */
export function NewApiKeyPanel({
  apiKey,
  name,
  onDone,
}: {
  apiKey: string;
  name: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopied(true);
    } catch {
      // No clipboard permission: the field stays selectable.
      setCopied(false);
    }
  }

  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="new-key-title"
      className="space-y-3 rounded-lg border border-amber-500/50 bg-amber-50 dark:bg-amber-950/30 p-4 outline-none"
      data-testid="new-api-key"
    >
      <h3 id="new-key-title" className="flex items-center gap-2 font-semibold">
        <TriangleAlertIcon className="size-4" aria-hidden />
        Copy your new key “{name}” now
      </h3>
      <p className="text-sm">
        This is the only time it is shown: we store only a hash of it, so nobody, not even us, can
        show it again. Keep it in a secret manager, never in code or a URL. If you lose it, revoke
        it and create another.
      </p>
      <div className="flex gap-2">
        <Input
          readOnly
          value={apiKey}
          aria-label="Your new API key"
          className="font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button type="button" variant="outline" onClick={copy}>
          {copied ? <CheckIcon aria-hidden /> : <CopyIcon aria-hidden />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <Button type="button" variant="secondary" size="sm" onClick={onDone}>
        I have copied it
      </Button>
    </section>
  );
}
