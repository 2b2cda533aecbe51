import { SiteHeader } from "@/components/site-header";
import { getCurrentSession } from "@/lib/auth/current-session";

/** Login, signup and the emailed-link pages; the header knows who is signed in, if anyone. */
export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const session = await getCurrentSession();
  return (
    <>
      <SiteHeader user={session ? { email: session.email } : null} />
      <main className="flex flex-1 items-start justify-center px-4 py-12 sm:py-20">
        <div className="w-full max-w-sm">{children}</div>
      </main>
    </>
  );
}
