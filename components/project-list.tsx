import { ChevronRightIcon } from "lucide-react";
import Link from "next/link";

import { formatDate } from "@/components/format-date";

export interface ProjectListItem {
  id: string;
  name: string;
  description: string;
  createdByEmail: string | null;
  createdAt: Date;
}

/** The first `max` characters on a word boundary; CSS clamps the lines, this bounds the HTML. */
function excerpt(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export function ProjectList({ org, projects }: { org: string; projects: ProjectListItem[] }) {
  return (
    <ul className="divide-y overflow-hidden rounded-xl border bg-card shadow-xs">
      {projects.map((project) => (
        <li
          key={project.id}
          className="relative flex items-center gap-4 px-4 py-4 transition-colors focus-within:bg-muted/50 hover:bg-muted/50 sm:px-5"
        >
          <div className="min-w-0 flex-1">
            {/* The link's ::before covers the row, so the whole row is clickable while the
                link's accessible name stays just the project's name. */}
            <Link
              href={`/o/${org}/projects/${project.id}`}
              className="font-medium break-words outline-none before:absolute before:inset-0 focus-visible:underline"
            >
              {project.name}
            </Link>
            {project.description ? (
              <p className="mt-1 line-clamp-2 text-sm break-words text-muted-foreground">
                {excerpt(project.description)}
              </p>
            ) : null}
            <p className="mt-2 text-xs text-muted-foreground">
              Created by{" "}
              <span className="text-foreground/80">
                {project.createdByEmail ?? "a former member"}
              </span>{" "}
              on{" "}
              <time dateTime={project.createdAt.toISOString()}>
                {formatDate(project.createdAt)}
              </time>
            </p>
          </div>
          <ChevronRightIcon
            className="hidden size-4 shrink-0 text-muted-foreground sm:block"
            aria-hidden
          />
        </li>
      ))}
    </ul>
  );
}
