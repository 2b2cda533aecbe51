CREATE TABLE "memberships" (
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_org_id_user_id_pk" PRIMARY KEY("org_id","user_id"),
	CONSTRAINT "memberships_role_check" CHECK ("memberships"."role" in ('owner', 'admin', 'member', 'viewer'))
);
--> statement-breakpoint
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "projects_org_id_name_key" UNIQUE("org_id","name")
);
--> statement-breakpoint
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_user_id_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "projects_org_id_created_at_idx" ON "projects" USING btree ("org_id","created_at" DESC NULLS LAST);--> statement-breakpoint
DROP POLICY "users can read their own row" ON "users" CASCADE;--> statement-breakpoint
CREATE POLICY "users can read their own row and fellow members of the org in context" ON "users" AS PERMISSIVE FOR SELECT TO "app_user" USING ("users"."id" = (select nullif(current_setting('app.user_id', true), '')::uuid) or "users"."id" in (select m.user_id from memberships m where m.org_id = (select nullif(current_setting('app.org_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "memberships are visible in their org and to their user" ON "memberships" AS PERMISSIVE FOR SELECT TO "app_user" USING ("memberships"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid) or "memberships"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "memberships are added in their org" ON "memberships" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK ("memberships"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "memberships are changed in their org" ON "memberships" AS PERMISSIVE FOR UPDATE TO "app_user" USING ("memberships"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("memberships"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "memberships are removed in their org" ON "memberships" AS PERMISSIVE FOR DELETE TO "app_user" USING ("memberships"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "organizations are visible in their context and to their members" ON "organizations" AS PERMISSIVE FOR SELECT TO "app_user" USING ("organizations"."id" = (select nullif(current_setting('app.org_id', true), '')::uuid) or "organizations"."id" in (select m.org_id from memberships m where m.user_id = (select nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "organizations are created in their own context" ON "organizations" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK ("organizations"."id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "organizations are changed in their own context" ON "organizations" AS PERMISSIVE FOR UPDATE TO "app_user" USING ("organizations"."id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("organizations"."id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "organizations are deleted in their own context" ON "organizations" AS PERMISSIVE FOR DELETE TO "app_user" USING ("organizations"."id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "projects are visible in their org" ON "projects" AS PERMISSIVE FOR SELECT TO "app_user" USING ("projects"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "projects are created in the org in context" ON "projects" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK ("projects"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "projects are changed within their org" ON "projects" AS PERMISSIVE FOR UPDATE TO "app_user" USING ("projects"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("projects"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "projects are deleted in their org" ON "projects" AS PERMISSIVE FOR DELETE TO "app_user" USING ("projects"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));