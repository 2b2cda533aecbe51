import { AppShell } from "@/components/app-shell";
import { requirePlatformAdmin } from "@/lib/admin/platform-admin";

/**
 * The platform admin console (ADR 015). A 404 for everyone but platform admins; each page
 * checks again itself (layouts do not re-run on client-side navigation), and each action is
 * refused in the action wrapper and again in the database.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const session = await requirePlatformAdmin();
  return (
    <AppShell email={session.email}>
      <div className="mx-auto max-w-5xl space-y-6">{children}</div>
    </AppShell>
  );
}
