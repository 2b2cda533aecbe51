import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isProblemKind, PROBLEMS } from "@/lib/api/problem-types";

/**
 * What one kind of API error means: the page behind a problem+json answer's `type` URI
 * (RFC 9457 encourages a type to resolve to documentation). The list is docs/api.md's.
 */
export async function generateMetadata({
  params,
}: PageProps<"/problems/[kind]">): Promise<Metadata> {
  const { kind } = await params;
  return { title: isProblemKind(kind) ? PROBLEMS[kind].title : "Not found" };
}

export default async function ProblemPage({ params }: PageProps<"/problems/[kind]">) {
  const { kind } = await params;
  if (!isProblemKind(kind)) notFound();
  const problem = PROBLEMS[kind];
  return (
    <div className="mx-auto w-full max-w-2xl px-4 py-16 sm:px-6">
      <p className="font-mono text-sm text-muted-foreground">
        HTTP {problem.status} · {kind}
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{problem.title}</h1>
      <p className="mt-4 text-pretty">
        {/* Backticks mark code in the descriptions (they are docs/api.md's text too). */}
        {problem.description
          .split("`")
          .map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))}
      </p>
      <p className="mt-6 text-sm text-muted-foreground">
        An API error of this kind is an <code>application/problem+json</code> answer (RFC 9457)
        whose <code>type</code> is this page&apos;s address.
      </p>
    </div>
  );
}
