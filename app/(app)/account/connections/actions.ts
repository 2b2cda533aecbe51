"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { fail } from "@/lib/actions/action-result";
import { defineAction } from "@/lib/actions/define-action";
import { notify, sendProviderDisconnectedNotice } from "@/lib/account/account-mail";
import { refuseUnlessReauthenticated } from "@/lib/account/step-up";
import { refuseUnlessVerified } from "@/lib/account/verified-email";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { unlinkProvider } from "@/lib/auth/oauth/oauth-accounts";
import { OAUTH_PROVIDERS, PROVIDER_NAMES } from "@/lib/auth/oauth/providers";
import { beginOAuth } from "@/lib/auth/oauth/start";

/**
 * Starts connecting a provider to the signed-in account. A connected provider logs in without
 * the password, so adding one re-authenticates first, like the other credential changes
 * (checklist S10, §4.4): the password, or a sign-in within the last 10 minutes for an account
 * without one. The callback then checks that the same user is still signed in.
 */
export const connectProviderAction = defineAction({
  permission: "authenticated",
  input: z.strictObject({
    provider: z.enum(OAUTH_PROVIDERS),
    password: z.string().max(4096).default(""),
  }),
  handler: async ({ provider, password }, { session }) => {
    // Before the password: there is nothing to confirm until the address is verified.
    const unverified = refuseUnlessVerified(session, "connect a provider");
    if (unverified) return unverified;
    const refused = await refuseUnlessReauthenticated(session, password);
    if (refused) return refused;
    redirect(await beginOAuth(provider, { intent: "link", session }));
  },
});

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
      await notify(() => sendProviderDisconnectedNotice(session.email, PROVIDER_NAMES[provider]));
    }
    redirect(`/account/connections?disconnected=${provider}`);
  },
});
