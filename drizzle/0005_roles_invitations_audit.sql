CREATE TABLE "org_roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"built_in" text,
	"permissions" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_roles_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "org_roles_org_id_built_in_key" UNIQUE("org_id","built_in"),
	CONSTRAINT "org_roles_built_in_check" CHECK ("org_roles"."built_in" is null or ("org_roles"."built_in" in ('owner', 'admin', 'member', 'viewer') and cardinality("org_roles"."permissions") = 0))
);
--> statement-breakpoint
ALTER TABLE "org_roles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role_id" uuid NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"target_type" text,
	"target_id" text,
	"ip" text,
	"user_agent" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_check";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "role_id" uuid;--> statement-breakpoint
-- Reviewed by hand: existing organizations get their built-in roles (the list lives in
-- app_built_in_roles(), also used by the trigger in 0006) and memberships keep their role.
-- Both tables are forced under RLS, which the owner has no policy for: lift FORCE for the
-- data step only.
CREATE FUNCTION public.app_built_in_roles()
RETURNS TABLE (built_in text, name text, description text)
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
  VALUES
    ('owner', 'Owner', 'Everything, including deleting the organization and transferring ownership'),
    ('admin', 'Admin', 'Everything except deleting the organization and transferring ownership'),
    ('member', 'Member', 'Sees projects and members, creates projects, and edits or deletes the ones they created'),
    ('viewer', 'Viewer', 'Sees the projects and changes nothing')
$$;--> statement-breakpoint
ALTER TABLE "organizations" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
INSERT INTO "org_roles" ("org_id", "name", "description", "built_in")
  SELECT o.id, b.name, b.description, b.built_in FROM "organizations" o CROSS JOIN public.app_built_in_roles() b;--> statement-breakpoint
UPDATE "memberships" m SET "role_id" = r.id FROM "org_roles" r WHERE r.org_id = m.org_id AND r.built_in = m.role;--> statement-breakpoint
ALTER TABLE "organizations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" ALTER COLUMN "role_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "org_roles" ADD CONSTRAINT "org_roles_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_role_fk" FOREIGN KEY ("org_id","role_id") REFERENCES "public"."org_roles"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "org_roles_org_id_name_key" ON "org_roles" USING btree ("org_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_pending_email_key" ON "invitations" USING btree ("org_id",lower("email")) WHERE "invitations"."accepted_at" is null and "invitations"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "invitations_org_id_created_at_idx" ON "invitations" USING btree ("org_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_org_id_created_at_idx" ON "audit_log" USING btree ("org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_fk" FOREIGN KEY ("org_id","role_id") REFERENCES "public"."org_roles"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "memberships_org_id_role_id_idx" ON "memberships" USING btree ("org_id","role_id");--> statement-breakpoint
ALTER TABLE "memberships" DROP COLUMN "role";--> statement-breakpoint
CREATE POLICY "roles are visible in their org, and to the members who hold them" ON "org_roles" AS PERMISSIVE FOR SELECT TO "app_user" USING ("org_roles"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid) or ("org_roles"."org_id", "org_roles"."id") in (select m.org_id, m.role_id from memberships m where m.user_id = (select nullif(current_setting('app.user_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "roles are created in the org in context" ON "org_roles" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK ("org_roles"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "only custom roles are changed, within their org" ON "org_roles" AS PERMISSIVE FOR UPDATE TO "app_user" USING ("org_roles"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid) and "org_roles"."built_in" is null) WITH CHECK ("org_roles"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid) and "org_roles"."built_in" is null);--> statement-breakpoint
CREATE POLICY "only custom roles are deleted, within their org" ON "org_roles" AS PERMISSIVE FOR DELETE TO "app_user" USING ("org_roles"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid) and "org_roles"."built_in" is null);--> statement-breakpoint
CREATE POLICY "invitations are visible in their org" ON "invitations" AS PERMISSIVE FOR SELECT TO "app_user" USING ("invitations"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "invitations are created in the org in context" ON "invitations" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK ("invitations"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "invitations are changed within their org" ON "invitations" AS PERMISSIVE FOR UPDATE TO "app_user" USING ("invitations"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("invitations"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "invitations are deleted in their org" ON "invitations" AS PERMISSIVE FOR DELETE TO "app_user" USING ("invitations"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "audit entries are visible in their org" ON "audit_log" AS PERMISSIVE FOR SELECT TO "app_user" USING ("audit_log"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "audit entries are written in the org in context" ON "audit_log" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK ("audit_log"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "audit entries are never changed" ON "audit_log" AS PERMISSIVE FOR UPDATE TO "app_user" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "audit entries are never deleted" ON "audit_log" AS PERMISSIVE FOR DELETE TO "app_user" USING (false);
