import { ArrowRightIcon, DatabaseIcon, KeyRoundIcon, ShieldCheckIcon } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { siteConfig } from "@/lib/site-config";

function Code({ children }: { children: ReactNode }) {
  return (
    <code className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em] text-foreground">
      {children}
    </code>
  );
}

const features = [
  {
    Icon: KeyRoundIcon,
    title: "Sessions done right",
    body: (
      <>
        Server-side sessions stored in Postgres behind a <Code>__Host-</Code> cookie, so signing out
        or revoking a session takes effect at once.
      </>
    ),
  },
  {
    Icon: DatabaseIcon,
    title: "Tenant isolation in Postgres",
    body: (
      <>
        Row-level security scopes every query to the current organization, so one tenant&apos;s data
        stays out of another&apos;s even if a query forgets a filter.
      </>
    ),
  },
  {
    Icon: ShieldCheckIcon,
    title: "Permissions on the server",
    body: (
      <>
        Every page, action and API route checks the member&apos;s permissions on the server before
        it reads or changes anything.
      </>
    ),
  },
];

export default function LandingPage() {
  return (
    <>
      <section className="mx-auto flex w-full max-w-3xl flex-col items-center px-4 pt-20 pb-16 text-center sm:px-6 sm:pt-28 sm:pb-20">
        <p className="rounded-full border bg-muted/50 px-3 py-1 text-xs font-medium text-muted-foreground">
          Next.js · Postgres · Row-level security
        </p>
        <h1 className="mt-6 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
          {siteConfig.name}
        </h1>
        <p className="mt-4 max-w-xl text-lg text-pretty text-muted-foreground">
          A SaaS starter with secure authentication and multi-tenancy built in, enforced by the
          server and the database rather than by convention.
        </p>
        <div className="mt-8 flex w-full flex-col gap-3 sm:w-auto sm:flex-row">
          <Button asChild size="lg">
            <Link href="/signup">
              Get started
              <ArrowRightIcon aria-hidden />
            </Link>
          </Button>
          <Button asChild size="lg" variant="outline">
            <Link href="/login">Log in</Link>
          </Button>
        </div>
      </section>

      <section
        aria-labelledby="features-heading"
        className="mx-auto w-full max-w-6xl px-4 pb-24 sm:px-6"
      >
        <h2 id="features-heading" className="sr-only">
          Features
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {features.map(({ Icon, title, body }) => (
            <li key={title} className="sm:last:col-span-2 lg:last:col-span-1">
              <Card className="h-full">
                <CardHeader className="gap-3">
                  <span className="grid size-9 place-items-center rounded-md border bg-muted text-foreground">
                    <Icon className="size-4" aria-hidden />
                  </span>
                  <CardTitle role="heading" aria-level={3}>
                    {title}
                  </CardTitle>
                  <CardDescription className="leading-relaxed">{body}</CardDescription>
                </CardHeader>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
