import type { TokenProblem } from "./account-tokens";

type Problems = Record<TokenProblem, { title: string; body: string }>;

/** What the emailed-link pages and their actions say for each way a link can't be used. */
export const LINK_PROBLEMS: Record<"verify_email" | "reset_password" | "change_email", Problems> = {
  verify_email: {
    invalid: {
      title: "This verification link isn't valid",
      body: "Check that you copied the whole link. A newer verification email replaces older links: use the latest one, or log in and send a new one.",
    },
    expired: {
      title: "This verification link has expired",
      body: "Verification links work for 24 hours. Log in and send a new one from the banner.",
    },
    used: {
      title: "This verification link has already been used",
      body: "Each link works once. If it was you, your email is verified: log in to continue.",
    },
  },
  reset_password: {
    invalid: {
      title: "This reset link isn't valid",
      body: "Check that you copied the whole link. A newer reset email replaces older links: use the latest one, or ask for a new one.",
    },
    expired: {
      title: "This reset link has expired",
      body: "Reset links work for 30 minutes. Ask for a new one: it takes a few seconds.",
    },
    used: {
      title: "This reset link has already been used",
      body: "Each link works once. If you set a new password with it, log in with that password; if not, ask for a new link.",
    },
  },
  change_email: {
    invalid: {
      title: "This confirmation link isn't valid",
      body: "Check that you copied the whole link. A newer request replaces older links, and changing your password cancels them.",
    },
    expired: {
      title: "This confirmation link has expired",
      body: "Email change links work for 24 hours. Ask for the change again under Account, Security.",
    },
    used: {
      title: "This confirmation link has already been used",
      body: "Each link works once. If it was you, your account already uses the new address.",
    },
  },
};
