import "server-only";
import { after } from "next/server";
import { errorFields, log } from "@/lib/log";

/**
 * Runs `task` after the response is sent (next/server `after`). The account flows that must
 * not reveal whether an email has an account answer first and do the account-specific work
 * (links, mail) here, so both answers take the same time. A failure is logged, never shown.
 */
export function afterResponse(event: string, task: () => Promise<void>): void {
  after(async () => {
    try {
      await task();
    } catch (error) {
      log("error", event, errorFields(error));
    }
  });
}

/** How a flow schedules its deferred work: `afterResponse` in a request, inline in tests. */
export type Defer = (task: () => Promise<void>) => void | Promise<void>;

export const inline: Defer = (task) => task();
