-- Reviewed by hand: FORCE and grants for the tenant tables of 0003 (see docs/database.md,
-- "Adding a table"). The catalog test in db/guard.test.ts fails if a table misses either.
ALTER TABLE "organizations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "projects" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "organizations", "memberships", "projects" TO app_user;
