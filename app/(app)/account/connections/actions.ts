"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { unlinkProvider } from "@/lib/auth/oauth/oauth-accounts";
import { OAUTH_PROVIDERS, PROVIDER_NAMES } from "@/lib/auth/oauth/providers";

/** Disconnects a provider from the signed-in account, unless it is their last way to log in. */
export const disconnectProviderAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({ provider: z.enum(OAUTH_PROVIDERS) }),
  handler: async ({ provider }, { session }) => {
    const result = await unlinkProvider(session.userId, provider);
    if (result === "last_login_method") {
      return fail({
        formError: `${PROVIDER_NAMES[provider]} is the only way you can log in to this account, so it can't be disconnected. Connect another provider first.`,
      });
    }
    if (result === "unlinked") {
      await recordAuthEvent({
        event: "oauth_unlinked",
        outcome: "success",
        email: session.email,
        method: provider,
      });
    }
    redirect(`/account/connections?disconnected=${provider}`);
  },
});
