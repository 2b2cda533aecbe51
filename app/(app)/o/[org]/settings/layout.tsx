import { notFound } from "next/navigation";
import { SettingsNav } from "@/components/settings-nav";
import { requireMembership } from "@/lib/orgs/membership";
import { settingsSections } from "@/lib/orgs/settings-sections";

/** Settings frame: the sections this member may open. Each page checks its own permission. */
export default async function SettingsLayout({
  children,
  params,
}: LayoutProps<"/o/[org]/settings">) {
  const { org } = await params;
  const membership = await requireMembership(org);
  const sections = settingsSections(membership);
  if (sections.length === 0) notFound();

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-6 md:flex-row md:gap-10">
      <SettingsNav sections={sections} />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
