import { AppShell } from "@/components/app-shell";
import { requireSession } from "@/lib/auth/current-session";
import { VerificationBanner } from "../verification-banner";

/**
 * The header needs the session; the page checks it again itself, because layouts do not
 * re-run on client-side navigation and so never protect a page.
 */
export default async function DashboardLayout({ children }: LayoutProps<"/dashboard">) {
  const session = await requireSession();
  const banner = session.emailVerifiedAt ? null : <VerificationBanner email={session.email} />;
  return (
    <AppShell email={session.email} banner={banner}>
      {children}
    </AppShell>
  );
}
