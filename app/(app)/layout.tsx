import { SiteHeader } from "@/components/site-header";
import { requireSession } from "@/lib/auth/current-session";

/**
 * Signed-in area. This check is for rendering the header; each page (and every action and
 * route) checks the session itself, because layouts do not re-run on client navigation.
 */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const session = await requireSession();
  return (
    <>
      <SiteHeader user={{ email: session.email }} />
      <main className="mx-auto w-full max-w-5xl flex-1 px-4 py-10">{children}</main>
    </>
  );
}
