/**
 * Why an OAuth attempt ended, as a closed set of reason codes. The callback redirects to
 * /auth/oauth/error?reason=<code> and that page shows our own sentence for the code, so nothing
 * a provider or an attacker puts in a URL is ever shown (checklist O10).
 */
import { ACCOUNT_DISABLED_MESSAGE } from "@/lib/auth/account-disabled";

export const OAUTH_FAILURES = {
  cancelled: "You cancelled signing in, or the provider did not let you continue.",
  provider_error: "The provider could not complete the sign-in. Please try again.",
  invalid_state:
    "This sign-in attempt has expired or did not start in this browser. Please start again.",
  token_exchange_failed: "We couldn't confirm the sign-in with the provider. Please start again.",
  invalid_identity: "We couldn't verify the identity the provider sent. Please start again.",
  email_missing:
    "Your account with this provider has no verified email address. Verify one with the provider, then try again.",
  link_required:
    "An account with this email already exists. Log in with your password, then connect this provider from your account's connected accounts.",
  link_required_no_password:
    "An account with this email already exists. Log in the way you did before, then connect this provider from your account's connected accounts.",
  already_linked_elsewhere:
    "That account at the provider is already connected to a different account here. Disconnect it there first.",
  provider_already_connected:
    "You already have a different account at this provider connected. Disconnect it first.",
  account_disabled: ACCOUNT_DISABLED_MESSAGE,
  session_required: "Your session has ended. Log in again, then connect the provider.",
  connect_in_settings:
    "To connect a provider, open Connected accounts in your account settings and confirm it's you there.",
  verify_email_first:
    "Verify your email address first: open the link we sent you, then connect the provider.",
  not_configured: "Signing in with this provider is not available.",
  server_error: "Something went wrong on our side. Please try again.",
} as const;

export type OAuthFailure = keyof typeof OAUTH_FAILURES;

export function isOAuthFailure(value: unknown): value is OAuthFailure {
  return typeof value === "string" && Object.hasOwn(OAUTH_FAILURES, value);
}

/** A refused or failed step of the flow; the callback turns it into the error page. */
export class OAuthFlowError extends Error {
  constructor(
    readonly reason: OAuthFailure,
    options?: { cause?: unknown },
  ) {
    super(`OAuth flow failed: ${reason}`, options);
    this.name = "OAuthFlowError";
  }
}
