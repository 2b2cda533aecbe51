/**
 * Platform admins (ADR 015): the operators of the whole deployment, above any organization.
 * The flag lives in `platform_admins`, which the runtime role cannot write; it is granted only
 * by a one-time bootstrap token (lib/admin/bootstrap-token.ts). `/admin` answers 404 to anyone
 * else, and every admin action refuses them in the action wrapper (access 'platform-admin').
 * The database functions behind each admin change check the flag again themselves.
 */
import "server-only";
import { notFound, redirect } from "next/navigation";
import { sql } from "drizzle-orm";
import { withUser } from "@/db/tenant";
import { getCurrentSession, type CurrentSession } from "@/lib/auth/current-session";

export async function isPlatformAdmin(userId: string): Promise<boolean> {
  const [row] = await withUser(userId, (tx) =>
    tx.execute<{ admin: boolean }>(sql`select app_is_platform_admin() as admin`),
  );
  return row?.admin === true;
}

/** For `/admin` pages: signed out goes to login, anyone but a platform admin gets a 404. */
export async function requirePlatformAdmin(): Promise<CurrentSession> {
  const session = await getCurrentSession();
  if (!session) redirect("/login?next=/admin");
  if (!(await isPlatformAdmin(session.userId))) notFound();
  return session;
}
