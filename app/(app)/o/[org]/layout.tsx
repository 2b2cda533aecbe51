import { AppShell } from "@/components/app-shell";
import { OrgNav } from "@/components/org-nav";
import { OrgSwitcher } from "@/components/org-switcher";
import { requireSession } from "@/lib/auth/current-session";
import { listMemberships, requireMembership } from "@/lib/orgs/membership";
import { settingsSections } from "@/lib/orgs/settings-sections";
import { VerificationBanner } from "../../verification-banner";

/**
 * The frame of every org page: switcher and section tabs. A non-member gets the same 404 as
 * for an org that does not exist. This check renders the frame only; every page and action
 * checks membership again, because layouts do not re-run on client-side navigation.
 */
export default async function OrgLayout({ children, params }: LayoutProps<"/o/[org]">) {
  const { org } = await params;
  const session = await requireSession();
  const membership = await requireMembership(org);
  const orgs = await listMemberships(session.userId);
  const option = (m: (typeof orgs)[number]) => ({ slug: m.slug, name: m.name, role: m.role.name });

  return (
    <AppShell
      email={session.email}
      banner={session.emailVerifiedAt ? null : <VerificationBanner email={session.email} />}
      orgSwitcher={<OrgSwitcher orgs={orgs.map(option)} current={option(membership)} />}
      nav={<OrgNav slug={membership.slug} settingsHref={settingsSections(membership)[0]?.href} />}
    >
      {children}
    </AppShell>
  );
}
