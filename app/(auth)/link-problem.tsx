import type { Route } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** The page an emailed link shows when it can't be used: what happened and what to do. */
export function LinkProblem({
  problem,
  next,
}: {
  problem: { title: string; body: string };
  next: { href: Route; label: string };
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle role="heading" aria-level={1} className="text-xl">
          {problem.title}
        </CardTitle>
        <CardDescription>{problem.body}</CardDescription>
      </CardHeader>
      <CardContent>
        <Link href={next.href} className={buttonVariants({ variant: "outline" })}>
          {next.label}
        </Link>
      </CardContent>
    </Card>
  );
}
