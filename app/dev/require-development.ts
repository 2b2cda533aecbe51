import { notFound } from "next/navigation";

/**
 * Pages under /dev exist only in development (`npm run dev`). A production build inlines NODE_ENV, so there
 * this is a 404 before anything is read. Every page calls it: layouts do not guard pages.
 */
export function requireDevelopment(): void {
  if (process.env.NODE_ENV !== "development") notFound();
}
