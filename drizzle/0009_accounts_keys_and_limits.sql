CREATE TABLE "oauth_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_subject" text NOT NULL,
	"email" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "oauth_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "account_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "account_tokens_purpose_check" CHECK ("account_tokens"."purpose" in ('verify_email', 'reset_password', 'change_email'))
);
--> statement-breakpoint
ALTER TABLE "account_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"display_prefix" text NOT NULL,
	"secret_hash" "bytea" NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"last_used_at" timestamp with time zone,
	"last_used_ip" text,
	CONSTRAINT "api_keys_org_id_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"last_hit_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rate_limits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "auth_events" DROP CONSTRAINT "auth_events_event_check";--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "oauth_accounts" ADD CONSTRAINT "oauth_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_tokens" ADD CONSTRAINT "account_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_accounts_provider_subject_key" ON "oauth_accounts" USING btree ("provider","provider_subject");--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_accounts_user_id_provider_key" ON "oauth_accounts" USING btree ("user_id","provider");--> statement-breakpoint
CREATE INDEX "oauth_accounts_user_id_idx" ON "oauth_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "account_tokens_token_hash_key" ON "account_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "account_tokens_live_purpose_key" ON "account_tokens" USING btree ("user_id","purpose") WHERE "account_tokens"."used_at" is null;--> statement-breakpoint
CREATE INDEX "account_tokens_user_id_idx" ON "account_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "api_keys_org_id_created_at_idx" ON "api_keys" USING btree ("org_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "rate_limits_expires_at_idx" ON "rate_limits" USING btree ("expires_at");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_id_key" UNIQUE("id");--> statement-breakpoint
ALTER TABLE "auth_events" ADD CONSTRAINT "auth_events_event_check" CHECK (event in ('login', 'logout', 'signup', 'email_verified', 'password_reset_requested', 'password_reset', 'password_changed', 'email_change_requested', 'email_changed', 'session_revoked', 'account_deleted', 'oauth_linked', 'oauth_unlinked', 'locked_out'));--> statement-breakpoint
CREATE POLICY "oauth accounts are visible to their user" ON "oauth_accounts" AS PERMISSIVE FOR SELECT TO "app_user" USING ("oauth_accounts"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "oauth accounts are linked to the user in context" ON "oauth_accounts" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK ("oauth_accounts"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "oauth accounts are updated by their user" ON "oauth_accounts" AS PERMISSIVE FOR UPDATE TO "app_user" USING ("oauth_accounts"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid)) WITH CHECK ("oauth_accounts"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "oauth accounts are unlinked by their user" ON "oauth_accounts" AS PERMISSIVE FOR DELETE TO "app_user" USING ("oauth_accounts"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "account tokens are visible to their user" ON "account_tokens" AS PERMISSIVE FOR SELECT TO "app_user" USING ("account_tokens"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "account tokens are issued to the user in context" ON "account_tokens" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK ("account_tokens"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "account tokens are spent by their user" ON "account_tokens" AS PERMISSIVE FOR UPDATE TO "app_user" USING ("account_tokens"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid)) WITH CHECK ("account_tokens"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "account tokens are withdrawn by their user" ON "account_tokens" AS PERMISSIVE FOR DELETE TO "app_user" USING ("account_tokens"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "api keys are visible in their org" ON "api_keys" AS PERMISSIVE FOR SELECT TO "app_user" USING ("api_keys"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "api keys are created in the org in context" ON "api_keys" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK ("api_keys"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "api keys are changed within their org" ON "api_keys" AS PERMISSIVE FOR UPDATE TO "app_user" USING ("api_keys"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid)) WITH CHECK ("api_keys"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "api keys are deleted in their org" ON "api_keys" AS PERMISSIVE FOR DELETE TO "app_user" USING ("api_keys"."org_id" = (select nullif(current_setting('app.org_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "rate limits are read only through the limiter functions" ON "rate_limits" AS PERMISSIVE FOR SELECT TO "app_user" USING (false);--> statement-breakpoint
CREATE POLICY "rate limits are counted only through the limiter functions" ON "rate_limits" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "rate limits are changed only through the limiter functions" ON "rate_limits" AS PERMISSIVE FOR UPDATE TO "app_user" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "rate limits are cleared only through the limiter functions" ON "rate_limits" AS PERMISSIVE FOR DELETE TO "app_user" USING (false);