-- API budgets per organization and per signed-in user (checklist K5), counted in the same round
-- trip as the lookup that finds the org or the user.
--
-- app_rate_limit_key is lib/rate-limit's rateLimitKey in SQL: the rule's name, a colon, and the
-- first 32 characters of the subject's SHA-256 in base64url. A bucket counted here (a key's org,
-- a session's user) and one counted by the app with consume() (an org named by X-Org) are the
-- same row; db/api-key-lookup.test.ts checks that the two spellings agree.
CREATE FUNCTION public.app_rate_limit_key(p_rule text, p_subject text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT p_rule || ':' || left(translate(encode(sha256(convert_to(p_subject, 'UTF8')), 'base64'), '+/', '-_'), 32)
$$;
--> statement-breakpoint
-- Only the lookups below call it (as its owner); the app computes the same keys itself.
REVOKE ALL ON FUNCTION public.app_rate_limit_key(text, text) FROM PUBLIC;
--> statement-breakpoint
-- The key lookup of drizzle/0012 and 0018, now also counting the request in its org's bucket
-- (p_org_rule names the rule; the subject is the org's id), but only for a request the app will
-- serve: a key that works (not revoked or expired, its creator still a member) and is within
-- its own budget and its IP's (p_key_limit, p_ip_limit), as a member's cookie call is counted in
-- its org only once the user's budget admitted it. So a leaked key that was revoked, or one
-- runaway key, cannot spend what the org's other keys and members share.
DROP FUNCTION public.app_api_key_lookup(bytea, text, text, integer);
--> statement-breakpoint
CREATE FUNCTION public.app_api_key_lookup(
  p_secret_hash bytea, p_key_bucket text, p_key_limit integer, p_ip_bucket text,
  p_ip_limit integer, p_org_rule text, p_window_seconds integer
)
RETURNS TABLE (
  id uuid, org_id uuid, org_slug text, org_name text, name text, display_prefix text,
  scopes text[], created_by uuid, expires_at timestamptz, revoked_at timestamptz,
  last_used_at timestamptz, last_used_ip text,
  role_id uuid, role_name text, role_built_in text, role_permissions text[],
  key_hits integer, key_window_ends_at timestamptz, ip_hits integer, ip_window_ends_at timestamptz,
  org_hits integer, org_window_ends_at timestamptz
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
  v_org_hits integer;
  v_org_ends timestamptz;
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
    IF k.revoked_at IS NULL
       AND (k.expires_at IS NULL OR k.expires_at > clock_timestamp())
       AND k.role_id IS NOT NULL
       AND v_key_hits <= p_key_limit
       AND (v_ip_hits IS NULL OR v_ip_hits <= p_ip_limit) THEN
      SELECT h.hits, h.window_ends_at INTO v_org_hits, v_org_ends
        FROM public.app_rate_limit_hit(
          public.app_rate_limit_key(p_org_rule, k.org_id::text), p_window_seconds, 1) h;
    END IF;
    -- Otherwise the org columns stay NULL: the request is refused anyway (401, or the key's or
    -- the IP's 429).
    RETURN QUERY SELECT k.id, k.org_id, k.org_slug, k.org_name, k.name, k.display_prefix,
      k.scopes, k.created_by, k.expires_at, k.revoked_at, k.last_used_at, k.last_used_ip,
      k.role_id, k.role_name, k.role_built_in, k.role_permissions,
      v_key_hits, v_key_ends, v_ip_hits, v_ip_ends, v_org_hits, v_org_ends;
  ELSE
    RETURN QUERY SELECT NULL::uuid, NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::text,
      NULL::text[], NULL::uuid, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz,
      NULL::text, NULL::uuid, NULL::text, NULL::text, NULL::text[],
      NULL::integer, NULL::timestamptz, v_ip_hits, v_ip_ends, NULL::integer, NULL::timestamptz;
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_api_key_lookup(bytea, text, integer, text, integer, text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_api_key_lookup(bytea, text, integer, text, integer, text, integer) TO app_user;
--> statement-breakpoint
-- The session lookup of the API: app_session_lookup's row, and for a session that exists, the
-- request counted in its user's bucket (p_user_rule; the subject is the user's id), so every
-- session of one account shares one budget. Zero rows for an unknown or disabled session,
-- which counts nothing.
CREATE FUNCTION public.app_api_session_lookup(
  p_token_hash bytea, p_user_rule text, p_window_seconds integer
)
RETURNS TABLE (
  user_id uuid, email text, display_name text, created_at timestamptz,
  last_seen_at timestamptz, expires_at timestamptz, authenticated_at timestamptz,
  session_id uuid, email_verified_at timestamptz,
  user_hits integer, user_window_ends_at timestamptz
)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  s record;
  v_hits integer;
  v_ends timestamptz;
BEGIN
  SELECT * INTO s FROM public.app_session_lookup(p_token_hash);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  PERFORM set_config('synchronous_commit', 'off', true);
  SELECT h.hits, h.window_ends_at INTO v_hits, v_ends
    FROM public.app_rate_limit_hit(
      public.app_rate_limit_key(p_user_rule, s.user_id::text), p_window_seconds, 1) h;
  RETURN QUERY SELECT s.user_id, s.email, s.display_name, s.created_at, s.last_seen_at,
    s.expires_at, s.authenticated_at, s.session_id, s.email_verified_at, v_hits, v_ends;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_api_session_lookup(bytea, text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_api_session_lookup(bytea, text, integer) TO app_user;
