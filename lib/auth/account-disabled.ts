/** A platform admin disabled this account (ADR 015); every sign-in path says the same. */
export class AccountDisabledError extends Error {
  constructor() {
    super("account disabled");
    this.name = "AccountDisabledError";
  }
}

export const ACCOUNT_DISABLED_MESSAGE =
  "This account has been disabled. If you think this is a mistake, contact support.";
