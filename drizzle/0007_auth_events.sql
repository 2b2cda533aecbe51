CREATE TABLE "auth_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"email" text,
	"event" text NOT NULL,
	"outcome" text NOT NULL,
	"method" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_events_event_check" CHECK ("auth_events"."event" in ('login', 'logout', 'signup')),
	CONSTRAINT "auth_events_outcome_check" CHECK ("auth_events"."outcome" in ('success', 'failure'))
);
--> statement-breakpoint
ALTER TABLE "auth_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "auth_events" ADD CONSTRAINT "auth_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_events_user_id_created_at_idx" ON "auth_events" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "auth_events_email_created_at_idx" ON "auth_events" USING btree ("email","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE POLICY "users read their own auth events" ON "auth_events" AS PERMISSIVE FOR SELECT TO "app_user" USING ("auth_events"."user_id" = (select nullif(current_setting('app.user_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "auth events are written only by app_record_auth_event" ON "auth_events" AS PERMISSIVE FOR INSERT TO "app_user" WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "auth events are never changed" ON "auth_events" AS PERMISSIVE FOR UPDATE TO "app_user" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "auth events are never deleted" ON "auth_events" AS PERMISSIVE FOR DELETE TO "app_user" USING (false);