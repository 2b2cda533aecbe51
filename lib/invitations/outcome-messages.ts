import type { AcceptOutcome } from "./accept-invitation";

type Failure = Exclude<AcceptOutcome, { ok: true }>["reason"];

/** What the invitation page and its actions say for each way an invitation can't be used. */
export const INVITATION_PROBLEMS: Record<Failure, { title: string; body: string }> = {
  invalid: {
    title: "This invitation link isn't valid",
    body: "Check that you copied the whole link from the email, or ask for a new invitation.",
  },
  expired: {
    title: "This invitation has expired",
    body: "Invitations work for 7 days. Ask the person who invited you to send a new one.",
  },
  revoked: {
    title: "This invitation was withdrawn",
    body: "An admin of the organization revoked it. Ask them if you still need access.",
  },
  accepted: {
    title: "This invitation has already been used",
    body: "Each invitation link works once. If it was you, log in to reach the organization.",
  },
  wrong_account: {
    title: "This invitation is for a different email address",
    body: "Log out, then open the link again and log in or sign up with the invited address.",
  },
  beyond_inviter: {
    title: "This invitation is no longer valid",
    body: "Whoever sent it can no longer give the role it offers. Ask an admin of the organization to invite you again.",
  },
  already_member: {
    title: "You're already a member",
    body: "You already belong to this organization.",
  },
};
