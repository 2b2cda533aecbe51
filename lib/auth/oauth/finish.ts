/**
 * The end of an OAuth attempt, in the callback request. The transaction cookie is deleted
 * first, whatever happens next, so a callback URL works at most once. Then either:
 * - login: the linking rules pick (or create) the account and a brand-new session starts,
 *   exactly as after a password login (lib/auth/sign-in.ts); or
 * - link: the identity is connected to the user who started the attempt, who must still be
 *   the one signed in.
 * Every failure returns our error page's path and leaves the browser's session as it was:
 * nothing is signed in until every check has passed.
 */
import "server-only";
import { cookies } from "next/headers";
import { notify, sendProviderConnectedNotice } from "@/lib/account/account-mail";
import { recordAuthEvent } from "@/lib/auth/auth-events";
import { getCurrentSession } from "@/lib/auth/current-session";
import { AccountDisabledError } from "@/lib/auth/account-disabled";
import { startSession } from "@/lib/auth/sign-in";
import { errorFields, log } from "@/lib/log";
import { identityFromCallback } from "./callback";
import { oauthErrorPath } from "./error-path";
import { OAuthFlowError } from "./errors";
import type { ProviderIdentity } from "./identity";
import { linkIdentity } from "./oauth-accounts";
import { oauthProvider, PROVIDER_NAMES, type OAuthProviderId } from "./providers";
import { resolveOAuthLogin } from "./resolve-login";
import {
  OAUTH_TRANSACTION_COOKIE,
  transactionCookieOptions,
  unsealTransaction,
  type OAuthTransaction,
} from "./transaction";

async function takeTransaction(): Promise<OAuthTransaction | null> {
  const jar = await cookies();
  const sealed = jar.get(OAUTH_TRANSACTION_COOKIE)?.value;
  jar.set(OAUTH_TRANSACTION_COOKIE, "", { ...transactionCookieOptions, maxAge: 0 });
  return unsealTransaction(sealed);
}

/** What the account's owner is told was connected (the notice: checklist O8, §4.4). */
function connectedProvider(identity: ProviderIdentity) {
  // Only an address the provider vouched for: an unverified one could be anyone's, even the
  // reader's own, and make a stranger's account look familiar.
  return {
    name: PROVIDER_NAMES[identity.provider],
    email: identity.emailVerified ? identity.email : null,
  };
}

async function logIn(identity: ProviderIdentity, transaction: OAuthTransaction): Promise<string> {
  let outcome;
  try {
    outcome = await resolveOAuthLogin(identity);
  } catch (error) {
    if (error instanceof OAuthFlowError && identity.email) {
      await recordAuthEvent({
        event: "login",
        outcome: "failure",
        email: identity.email,
        method: identity.provider,
      });
    }
    throw error;
  }
  try {
    await startSession(outcome.userId);
  } catch (error) {
    if (!(error instanceof AccountDisabledError)) throw error;
    await recordAuthEvent({
      event: "login",
      outcome: "failure",
      email: outcome.email,
      method: identity.provider,
    });
    throw new OAuthFlowError("account_disabled");
  }
  // Signed in from here on: bookkeeping that fails is logged, never turned into an error page.
  const method = identity.provider;
  const event = outcome.created ? "signup" : "login";
  try {
    if (outcome.linked) {
      await recordAuthEvent({
        event: "oauth_linked",
        outcome: "success",
        email: outcome.email,
        method,
      });
      await notify(() => sendProviderConnectedNotice(outcome.email, connectedProvider(identity)));
    }
    await recordAuthEvent({ event, outcome: "success", email: outcome.email, method });
  } catch (error) {
    log("error", "auth.oauth.event_failed", { userId: outcome.userId, ...errorFields(error) });
  }
  log("info", `auth.oauth.${event}`, {
    userId: outcome.userId,
    provider: method,
    linked: outcome.linked,
  });
  return transaction.next ?? (outcome.orgSlug ? `/o/${outcome.orgSlug}` : "/dashboard");
}

async function link(identity: ProviderIdentity, transaction: OAuthTransaction): Promise<string> {
  const session = await getCurrentSession();
  if (!session || session.userId !== transaction.userId)
    throw new OAuthFlowError("session_required");
  if (!session.emailVerifiedAt) throw new OAuthFlowError("verify_email_first");
  const result = await linkIdentity(session.userId, identity);
  if (result === "already_linked_elsewhere" || result === "provider_already_connected")
    throw new OAuthFlowError(result);
  if (result === "linked") {
    await recordAuthEvent({
      event: "oauth_linked",
      outcome: "success",
      email: session.email,
      method: identity.provider,
    });
    await notify(() => sendProviderConnectedNotice(session.email, connectedProvider(identity)));
  }
  return transaction.next ?? `/account/connections?connected=${identity.provider}`;
}

/** Handles the callback for `providerId`; returns the path to redirect the browser to. */
export async function finishOAuth(providerId: OAuthProviderId, url: URL): Promise<string> {
  const transaction = await takeTransaction();
  try {
    const provider = oauthProvider(providerId);
    if (!provider) throw new OAuthFlowError("not_configured");
    const identity = await identityFromCallback(provider, url.searchParams, transaction);
    return transaction!.intent === "link"
      ? await link(identity, transaction!)
      : await logIn(identity, transaction!);
  } catch (error) {
    if (error instanceof OAuthFlowError) {
      log("warn", "auth.oauth.refused", {
        provider: providerId,
        reason: error.reason,
        cause: String(error.cause ?? ""),
      });
      return oauthErrorPath(error.reason, providerId);
    }
    log("error", "auth.oauth.failed", { provider: providerId, ...errorFields(error) });
    return oauthErrorPath("server_error", providerId);
  }
}
