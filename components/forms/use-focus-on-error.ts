"use client";

import { useEffect, useRef } from "react";
import type { ActionResult } from "@/lib/actions/action-result";

/**
 * Moves focus to the first invalid field after a failed submission, so keyboard and screen
 * reader users land on the problem instead of on the submit button. Attach to the <form>.
 */
export function useFocusOnError(state: ActionResult<unknown> | null) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state || state.ok) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  return ref;
}
