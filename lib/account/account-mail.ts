/**
 * The account lifecycle's emails (docs/mail.md lists them): links that act on the account and
 * notices that something changed. Plain text, one message per call, links from APP_URL. A link
 * carries a token: the body never goes to logs (lib/mail/send-mail.ts).
 */
import "server-only";
import { formatDateTime } from "@/components/format-date";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { sendMail } from "@/lib/mail/send-mail";
import { siteConfig } from "@/lib/site-config";

const product = siteConfig.name;

export function appLink(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

const notYou = (action: string) =>
  `If this was not you, reset your password now: ${appLink("/forgot-password")} (${action}).`;

/**
 * Notices are best effort: the change they report has already happened, and a mail server
 * that is down must not turn that success into an error page.
 */
export async function notify(send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    log("error", "mail.notice_failed", errorFields(error));
  }
}

function send(to: string, subject: string, lines: string[]): Promise<void> {
  return sendMail({ to, subject, text: [...lines, "", `— ${product}`].join("\n") });
}

export function sendVerificationEmail(to: string, token: string, expiresAt: Date) {
  return send(to, `Verify your email address for ${product}`, [
    `Confirm that ${to} is your address: ${appLink(`/verify-email/${token}`)}`,
    "",
    `The link works once, until ${formatDateTime(expiresAt)}.`,
    `If you did not create a ${product} account, you can ignore this email.`,
  ]);
}

/** Signup with an address that has an account: its owner hears about it, nobody else does. */
export function sendSignupAttemptNotice(to: string) {
  return send(to, `Someone tried to sign up for ${product} with your email`, [
    `Someone tried to create a ${product} account with ${to}, which already has one.`,
    "",
    `If it was you, log in: ${appLink("/login")}`,
    `Forgot your password? Reset it: ${appLink("/forgot-password")}`,
    "",
    "If it was not you, you can ignore this email: nothing was changed.",
  ]);
}

export function sendPasswordResetEmail(to: string, token: string, expiresAt: Date) {
  return send(to, `Reset your ${product} password`, [
    `Choose a new password: ${appLink(`/reset-password/${token}`)}`,
    "",
    `The link works once, until ${formatDateTime(expiresAt)}. Setting a new password signs`,
    "you out everywhere.",
    "If you did not ask for this, ignore this email: your password stays as it is.",
  ]);
}

export function sendPasswordChangedNotice(to: string, how: "reset" | "changed") {
  return send(to, `Your ${product} password was changed`, [
    how === "reset"
      ? "Your password was reset with a link sent to this address. Every session was signed out."
      : "Your password was changed. Every other session was signed out.",
    "",
    notYou("and check your sessions under Account"),
  ]);
}

export function sendEmailChangeLink(to: string, token: string, expiresAt: Date) {
  return send(to, `Confirm your new email address for ${product}`, [
    `Confirm that ${to} should become the email of your ${product} account:`,
    appLink(`/confirm-email/${token}`),
    "",
    `The link works once, until ${formatDateTime(expiresAt)}. Until then, your account keeps`,
    "its current address.",
    "If you did not ask for this, ignore this email: nothing changes.",
  ]);
}

/** The new address already has an account: say so to that address only. */
export function sendEmailChangeTakenNotice(to: string) {
  return send(to, `Someone tried to move a ${product} account to your email`, [
    `Someone asked to change the email of a ${product} account to ${to}.`,
    "This address already has its own account, so nothing was changed.",
    "",
    `If it was you, log in with this address instead: ${appLink("/login")}`,
  ]);
}

export function sendEmailChangeRequestedNotice(to: string, newEmail: string) {
  return send(to, `A change of your ${product} email address was requested`, [
    `Someone signed in to your account asked to change its email to ${newEmail}.`,
    "Nothing changes unless that address confirms it with the link we sent there.",
    "",
    notYou("it also cancels the change"),
  ]);
}

export function sendEmailChangedNotice(to: string, newEmail: string) {
  return send(to, `Your ${product} email address was changed`, [
    `The email of your ${product} account is now ${newEmail}; this address no longer signs in.`,
    "Every other session was signed out.",
    "",
    `If this was not you, contact ${product} support right away.`,
  ]);
}

/** A provider can now sign in to the account: connected in settings, or linked at sign-in. */
export function sendProviderConnectedNotice(
  to: string,
  provider: { name: string; email: string | null },
) {
  const which = provider.email
    ? `The ${provider.name} account ${provider.email}`
    : `A ${provider.name} account`;
  return send(to, `${provider.name} can now log in to your ${product} account`, [
    `${which} was connected to your ${product} account (${to}).`,
    "It can now log in to your account without a password.",
    "",
    `If this was not you, disconnect it at ${appLink("/account/connections")}, then`,
    `reset your password: ${appLink("/forgot-password")}.`,
  ]);
}

export function sendProviderDisconnectedNotice(to: string, providerName: string) {
  return send(to, `${providerName} was disconnected from your ${product} account`, [
    `${providerName} can no longer log in to your ${product} account (${to}).`,
    "",
    notYou("and check your connected accounts under Account"),
  ]);
}

export function sendAccountDeletedNotice(to: string) {
  return send(to, `Your ${product} account was deleted`, [
    `Your ${product} account and everything that belonged only to it were deleted.`,
    "This cannot be undone. You can create a new account with this address at any time.",
  ]);
}
