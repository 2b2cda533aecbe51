import "server-only";
import { formatDateTime } from "@/components/format-date";
import { siteConfig } from "@/lib/site-config";
import { sendMail } from "@/lib/mail/send-mail";

/** The invitation email: who invites, to what, as what, the link and when it expires. */
export async function sendInvitationEmail(invitation: {
  to: string;
  orgName: string;
  inviter: string;
  roleName: string;
  url: string;
  expiresAt: Date;
}): Promise<void> {
  const { to, orgName, inviter, roleName, url, expiresAt } = invitation;
  await sendMail({
    to,
    subject: `${inviter} invited you to join ${orgName} on ${siteConfig.name}`,
    text: [
      `${inviter} invited you to join ${orgName} on ${siteConfig.name} as ${roleName}.`,
      "",
      `Accept the invitation: ${url}`,
      "",
      `The link works once, for ${to} only, until ${formatDateTime(expiresAt)}.`,
      "If you did not expect this invitation, you can ignore this email.",
    ].join("\n"),
  });
}
