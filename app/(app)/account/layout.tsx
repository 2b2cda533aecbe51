import { AccountNav } from "@/components/account-nav";
import { AppShell } from "@/components/app-shell";
import { isPlatformAdmin } from "@/lib/admin/platform-admin";
import { requireSession } from "@/lib/auth/current-session";
import { VerificationBanner } from "../verification-banner";

/**
 * The frame of account settings. Each page checks the session again itself, because layouts
 * do not re-run on client-side navigation; each action checks it on every call.
 */
export default async function AccountLayout({ children }: LayoutProps<"/account">) {
  const session = await requireSession();
  const platformAdmin = await isPlatformAdmin(session.userId);
  return (
    <AppShell
      email={session.email}
      banner={session.emailVerifiedAt ? null : <VerificationBanner email={session.email} />}
    >
      <div className="mx-auto flex max-w-5xl flex-col gap-6 md:flex-row md:gap-10">
        <AccountNav platformAdmin={platformAdmin} />
        <div className="min-w-0 flex-1 space-y-6">{children}</div>
      </div>
    </AppShell>
  );
}
