-- Reviewed by hand: the platform layer's rules (ADR 015, docs/admin.md; checklist A11, S8, S9,
-- Z10). FORCE and grants for the tables of 0017; the functions that alone write them; and the
-- three credential lookups, now blind to disabled accounts.
--
-- Every admin function takes its actor from `app.user_id` (set by withUser from a validated
-- session) and refuses unless that user is a platform admin, so the check lives beside the
-- power it guards, whatever the calling code does. Each change writes its platform_audit entry
-- in the same transaction.
ALTER TABLE "platform_admins" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "disabled_accounts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "platform_admin_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "platform_audit" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The runtime role reads its own grant and its own suspension (the sessions INSERT policy asks
-- the latter); it writes none of the four tables, and cannot read tokens or the audit at all.
GRANT SELECT ON "platform_admins", "disabled_accounts" TO app_user;
--> statement-breakpoint
-- The functions below, and `npm run admin:grant` (which connects as the owner), use the new
-- tables fully; of the existing ones they also end sessions and revoke API keys.
CREATE POLICY "admin functions use admin grants" ON "platform_admins" AS PERMISSIVE FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY "admin functions use suspensions" ON "disabled_accounts" AS PERMISSIVE FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY "admin functions use admin tokens" ON "platform_admin_tokens" AS PERMISSIVE FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY "admin functions use the platform audit" ON "platform_audit" AS PERMISSIVE FOR ALL TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY "admin functions end sessions" ON "sessions" AS PERMISSIVE FOR DELETE TO CURRENT_USER USING (true);
--> statement-breakpoint
CREATE POLICY "admin functions revoke api keys" ON "api_keys" AS PERMISSIVE FOR UPDATE TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
-- Whether the user in context is a platform admin (the /admin pages and the action wrapper).
CREATE FUNCTION public.app_is_platform_admin()
RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN EXISTS (
    SELECT 1 FROM public.platform_admins a
    JOIN public.users u ON u.id = a.user_id
    WHERE a.user_id = nullif(current_setting('app.user_id', true), '')::uuid
      AND NOT EXISTS (SELECT 1 FROM public.disabled_accounts d WHERE d.user_id = a.user_id));
END
$$;
--> statement-breakpoint
-- The acting admin's email, or an insufficient_privilege error. Not granted to anyone: only the
-- functions below (which run as its owner) call it.
CREATE FUNCTION public.app_admin_actor_email()
RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_email text;
BEGIN
  SELECT u.email INTO v_email
    FROM public.platform_admins a JOIN public.users u ON u.id = a.user_id
    WHERE a.user_id = nullif(current_setting('app.user_id', true), '')::uuid
      AND NOT EXISTS (SELECT 1 FROM public.disabled_accounts d WHERE d.user_id = a.user_id);
  IF v_email IS NULL THEN
    RAISE EXCEPTION 'platform admin required' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN v_email;
END
$$;
--> statement-breakpoint
-- Accounts, newest first, optionally only those whose email or name contains p_search
-- (case-insensitive, no wildcards), or only p_user. total_count is the count before paging.
CREATE FUNCTION public.app_admin_users(p_search text, p_user uuid, p_limit integer, p_offset integer)
RETURNS TABLE (
  user_id uuid, email text, display_name text, created_at timestamptz,
  email_verified_at timestamptz, has_password boolean, disabled_at timestamptz,
  disabled_reason text, is_platform_admin boolean, session_count integer, org_count integer,
  live_key_count integer, total_count integer
)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM public.app_admin_actor_email();
  IF p_limit < 1 OR p_limit > 200 OR p_offset < 0 OR length(p_search) > 320 THEN
    RAISE EXCEPTION 'invalid admin query arguments' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN QUERY
    SELECT u.id, u.email, u.display_name, u.created_at, u.email_verified_at,
           u.password_hash IS NOT NULL, d.disabled_at, d.reason,
           EXISTS (SELECT 1 FROM public.platform_admins a WHERE a.user_id = u.id),
           (SELECT count(*)::integer FROM public.sessions s WHERE s.user_id = u.id),
           (SELECT count(*)::integer FROM public.memberships m WHERE m.user_id = u.id),
           (SELECT count(*)::integer FROM public.api_keys k
              WHERE k.created_by = u.id AND k.revoked_at IS NULL),
           (count(*) OVER ())::integer
    FROM public.users u
    LEFT JOIN public.disabled_accounts d ON d.user_id = u.id
    WHERE (p_user IS NULL OR u.id = p_user)
      AND (p_search IS NULL OR p_search = ''
           OR strpos(lower(u.email), lower(p_search)) > 0
           OR strpos(lower(coalesce(u.display_name, '')), lower(p_search)) > 0)
    ORDER BY u.created_at DESC, u.id
    LIMIT p_limit OFFSET p_offset;
END
$$;
--> statement-breakpoint
-- Disables one account (checklist S8): it can no longer sign in, every session of it ends now,
-- and every API key it created is revoked (re-enabling does not bring keys back). An admin
-- cannot disable their own account. No row: no such account. changed is false when it was
-- already disabled.
CREATE FUNCTION public.app_admin_disable_user(p_user uuid, p_reason text)
RETURNS TABLE (changed boolean, sessions_ended integer, keys_revoked integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_actor uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_actor_email text := public.app_admin_actor_email();
  v_email text;
  v_sessions integer;
  v_keys integer;
BEGIN
  IF p_user = v_actor THEN
    RAISE EXCEPTION 'an admin cannot disable their own account' USING ERRCODE = 'check_violation';
  END IF;
  IF length(p_reason) NOT BETWEEN 1 AND 500 THEN
    RAISE EXCEPTION 'a reason of 1 to 500 characters is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT u.email INTO v_email FROM public.users u WHERE u.id = p_user;
  IF v_email IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO public.disabled_accounts (user_id, disabled_by, reason)
    VALUES (p_user, v_actor, p_reason) ON CONFLICT (user_id) DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, 0, 0;
    RETURN;
  END IF;
  DELETE FROM public.sessions s WHERE s.user_id = p_user;
  GET DIAGNOSTICS v_sessions = ROW_COUNT;
  UPDATE public.api_keys k SET revoked_at = clock_timestamp(), revoked_by = v_actor
    WHERE k.created_by = p_user AND k.revoked_at IS NULL;
  GET DIAGNOSTICS v_keys = ROW_COUNT;
  INSERT INTO public.platform_audit
      (actor_id, actor_email, action, target_user_id, target_email, before, after)
    VALUES (v_actor, v_actor_email, 'account.disabled', p_user, v_email,
            jsonb_build_object('disabled', false),
            jsonb_build_object('disabled', true, 'reason', p_reason,
                               'sessionsEnded', v_sessions, 'keysRevoked', v_keys));
  RETURN QUERY SELECT true, v_sessions, v_keys;
END
$$;
--> statement-breakpoint
-- Lets a disabled account sign in again. Its revoked keys stay revoked. False when it was not
-- disabled (or does not exist).
CREATE FUNCTION public.app_admin_enable_user(p_user uuid)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_actor_email text := public.app_admin_actor_email();
  v_reason text;
BEGIN
  DELETE FROM public.disabled_accounts d WHERE d.user_id = p_user RETURNING d.reason INTO v_reason;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO public.platform_audit
      (actor_id, actor_email, action, target_user_id, target_email, before, after)
    SELECT nullif(current_setting('app.user_id', true), '')::uuid, v_actor_email,
           'account.enabled', u.id, u.email,
           jsonb_build_object('disabled', true, 'reason', v_reason),
           jsonb_build_object('disabled', false)
    FROM public.users u WHERE u.id = p_user;
  RETURN true;
END
$$;
--> statement-breakpoint
-- Ends every session of p_user, or with p_user NULL every session of everyone, except the one
-- whose hash is p_keep_token_hash (the admin's own). Returns how many ended.
CREATE FUNCTION public.app_admin_end_sessions(p_user uuid, p_keep_token_hash bytea)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_actor_email text := public.app_admin_actor_email();
  v_ended integer;
  v_email text;
BEGIN
  IF p_user IS NOT NULL THEN
    SELECT u.email INTO v_email FROM public.users u WHERE u.id = p_user;
    IF v_email IS NULL THEN
      RETURN 0;
    END IF;
  END IF;
  DELETE FROM public.sessions s
    WHERE (p_user IS NULL OR s.user_id = p_user)
      AND s.token_hash IS DISTINCT FROM p_keep_token_hash;
  GET DIAGNOSTICS v_ended = ROW_COUNT;
  INSERT INTO public.platform_audit
      (actor_id, actor_email, action, target_user_id, target_email, before, after)
    VALUES (nullif(current_setting('app.user_id', true), '')::uuid, v_actor_email,
            CASE WHEN p_user IS NULL THEN 'sessions.ended_all' ELSE 'sessions.ended' END,
            p_user, v_email, NULL, jsonb_build_object('sessionsEnded', v_ended));
  RETURN v_ended;
END
$$;
--> statement-breakpoint
-- The newest platform audit entries, optionally only those about p_user.
CREATE FUNCTION public.app_admin_audit(p_user uuid, p_limit integer)
RETURNS TABLE (
  id uuid, created_at timestamptz, actor_email text, action text, target_user_id uuid,
  target_email text, before jsonb, after jsonb
)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM public.app_admin_actor_email();
  IF p_limit < 1 OR p_limit > 200 THEN
    RAISE EXCEPTION 'invalid admin query arguments' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  RETURN QUERY
    SELECT a.id, a.created_at, a.actor_email, a.action, a.target_user_id, a.target_email,
           a.before, a.after
    FROM public.platform_audit a
    WHERE p_user IS NULL OR a.target_user_id = p_user
    ORDER BY a.created_at DESC, a.id
    LIMIT p_limit;
END
$$;
--> statement-breakpoint
-- Spends a bootstrap token (checklist A11) for the user in context: it must be unexpired and
-- issued for that user's email, which must be verified, on an account that is not disabled.
-- The token is deleted when spent, and when found expired; a token for another email stays
-- for its owner. True when the user is now a platform admin.
CREATE FUNCTION public.app_claim_platform_admin(p_token_hash bytea)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_user uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_email text;
BEGIN
  DELETE FROM public.platform_admin_tokens t
    WHERE t.token_hash = p_token_hash AND t.expires_at <= clock_timestamp();
  SELECT u.email INTO v_email FROM public.users u
    WHERE u.id = v_user AND u.email_verified_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM public.disabled_accounts d WHERE d.user_id = u.id);
  IF v_email IS NULL THEN
    RETURN false;
  END IF;
  DELETE FROM public.platform_admin_tokens t
    WHERE t.token_hash = p_token_hash AND lower(t.email) = lower(v_email);
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  INSERT INTO public.platform_admins (user_id) VALUES (v_user) ON CONFLICT (user_id) DO NOTHING;
  INSERT INTO public.platform_audit
      (actor_id, actor_email, action, target_user_id, target_email, before, after)
    VALUES (v_user, v_email, 'platform_admin.granted', v_user, v_email,
            jsonb_build_object('platformAdmin', false), jsonb_build_object('platformAdmin', true));
  RETURN true;
END
$$;
--> statement-breakpoint
-- The credential lookups of 0012, 0013 and 0014, unchanged but for one condition each: a
-- disabled account's sessions and the keys it created find nothing. Disabling also deletes the
-- sessions and revokes the keys; this covers a login that raced it.
CREATE OR REPLACE FUNCTION public.app_session_lookup(p_token_hash bytea)
RETURNS TABLE (
  user_id uuid, email text, display_name text, created_at timestamptz,
  last_seen_at timestamptz, expires_at timestamptz, authenticated_at timestamptz,
  session_id uuid, email_verified_at timestamptz
)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT s.user_id, u.email, u.display_name, s.created_at, s.last_seen_at, s.expires_at,
           s.authenticated_at, s.id, u.email_verified_at
    FROM public.sessions s JOIN public.users u ON u.id = s.user_id
    WHERE s.token_hash = p_token_hash
      AND NOT EXISTS (SELECT 1 FROM public.disabled_accounts d WHERE d.user_id = s.user_id);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_request_context(p_token_hash bytea, p_org_slug text)
RETURNS TABLE (
  session_id uuid, user_id uuid, email text, display_name text, created_at timestamptz,
  last_seen_at timestamptz, expires_at timestamptz, authenticated_at timestamptz,
  email_verified_at timestamptz, org_id uuid, org_slug text, org_name text, role_id uuid, role_name text,
  role_built_in text, role_permissions text[]
)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT s.id, s.user_id, u.email, u.display_name, s.created_at, s.last_seen_at,
           s.expires_at, s.authenticated_at, u.email_verified_at,
           o.id, o.slug, o.name, r.id, r.name, r.built_in, r.permissions
    FROM public.sessions s
    JOIN public.users u ON u.id = s.user_id
    LEFT JOIN (
      public.memberships m
      JOIN public.organizations o ON o.id = m.org_id
      JOIN public.org_roles r ON r.org_id = m.org_id AND r.id = m.role_id
    ) ON m.user_id = s.user_id AND o.slug = p_org_slug
    WHERE s.token_hash = p_token_hash
      AND NOT EXISTS (SELECT 1 FROM public.disabled_accounts d WHERE d.user_id = s.user_id);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_api_key_lookup(
  p_secret_hash bytea, p_key_bucket text, p_ip_bucket text, p_window_seconds integer
)
RETURNS TABLE (
  id uuid, org_id uuid, org_slug text, org_name text, name text, display_prefix text,
  scopes text[], created_by uuid, expires_at timestamptz, revoked_at timestamptz,
  last_used_at timestamptz, last_used_ip text,
  role_id uuid, role_name text, role_built_in text, role_permissions text[],
  key_hits integer, key_window_ends_at timestamptz, ip_hits integer, ip_window_ends_at timestamptz
)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  k record;
  v_key_hits integer;
  v_key_ends timestamptz;
  v_ip_hits integer;
  v_ip_ends timestamptz;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  IF p_ip_bucket IS NOT NULL THEN
    SELECT h.hits, h.window_ends_at INTO v_ip_hits, v_ip_ends
      FROM public.app_rate_limit_hit(p_ip_bucket, p_window_seconds, 1) h;
  END IF;
  SELECT ak.id, ak.org_id, o.slug AS org_slug, o.name AS org_name, ak.name, ak.display_prefix,
         ak.scopes, ak.created_by, ak.expires_at, ak.revoked_at, ak.last_used_at, ak.last_used_ip,
         r.id AS role_id, r.name AS role_name, r.built_in AS role_built_in,
         r.permissions AS role_permissions
    INTO k
    FROM public.api_keys ak
    JOIN public.organizations o ON o.id = ak.org_id
    LEFT JOIN public.memberships m ON m.org_id = ak.org_id AND m.user_id = ak.created_by
    LEFT JOIN public.org_roles r ON r.org_id = m.org_id AND r.id = m.role_id
    WHERE ak.secret_hash = p_secret_hash
      AND NOT EXISTS (SELECT 1 FROM public.disabled_accounts d WHERE d.user_id = ak.created_by);
  IF FOUND THEN
    SELECT h.hits, h.window_ends_at INTO v_key_hits, v_key_ends
      FROM public.app_rate_limit_hit(p_key_bucket, p_window_seconds, 1) h;
    RETURN QUERY SELECT k.id, k.org_id, k.org_slug, k.org_name, k.name, k.display_prefix,
      k.scopes, k.created_by, k.expires_at, k.revoked_at, k.last_used_at, k.last_used_ip,
      k.role_id, k.role_name, k.role_built_in, k.role_permissions,
      v_key_hits, v_key_ends, v_ip_hits, v_ip_ends;
  ELSE
    RETURN QUERY SELECT NULL::uuid, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::text,
      NULL::text[], NULL::uuid, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz,
      NULL::text, NULL::uuid, NULL::text, NULL::text, NULL::text[],
      NULL::integer, NULL::timestamptz, v_ip_hits, v_ip_ends;
  END IF;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_is_platform_admin() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_admin_actor_email() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_admin_users(text, uuid, integer, integer) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_admin_disable_user(uuid, text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_admin_enable_user(uuid) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_admin_end_sessions(uuid, bytea) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_admin_audit(uuid, integer) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_claim_platform_admin(bytea) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_is_platform_admin() TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_admin_users(text, uuid, integer, integer) TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_admin_disable_user(uuid, text) TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_admin_enable_user(uuid) TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_admin_end_sessions(uuid, bytea) TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_admin_audit(uuid, integer) TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_claim_platform_admin(bytea) TO app_user;
