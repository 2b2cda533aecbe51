-- Reviewed by hand: the API key lookup and a narrower grant on api_keys (checklist K1-K4; see
-- docs/api.md and ADR 010). 0010 forced RLS on the table and granted app_user the four commands.
--
-- The runtime role never reads a key's hash back: it may write it (INSERT) but SELECT is granted
-- on every other column only, so no query, page or bug in the app can return one (Z11). A hash
-- would not authenticate anyway (the API hashes what it is given), but it is a key's identity.
REVOKE SELECT ON "api_keys" FROM app_user;
--> statement-breakpoint
GRANT SELECT ("id", "org_id", "name", "display_prefix", "scopes", "created_by", "created_at",
  "expires_at", "revoked_at", "revoked_by", "last_used_at", "last_used_ip") ON "api_keys" TO app_user;
--> statement-breakpoint
-- The lookup below runs as the owner, which FORCE subjects to RLS: this read-only policy lets
-- exactly the owner read the table; app_user never gets it.
CREATE POLICY "definer functions read api keys" ON "api_keys" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
-- Every API request with a key, in one round trip: the key for one SHA-256(key), before its
-- org is known, with what the request needs to decide: its org, scopes, expiry, revocation and
-- creator, and the creator's CURRENT role in that org (null when the creator is no longer a
-- member). Effective permission = scopes ∩ that role's permissions, computed by the caller on
-- every request, so a demotion or removal narrows every key the creator made at once. The
-- caller must hold the key to compute the hash, so this reveals nothing it could not use.
--
-- It also counts the request against the rate limits (0010's app_rate_limit_hit): the client
-- IP's bucket when the caller names one, and the key's bucket only when the key exists, so
-- made-up keys create no counters. Always one row; the key's columns are null when there is no
-- such key. The counters are not worth a WAL flush per request: synchronous_commit is off for
-- this statement's transaction only (a crash may forget the last hits; no data is at stake).
-- The caller runs it on its own, never inside a transaction with other writes.
CREATE FUNCTION public.app_api_key_lookup(
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
    WHERE ak.secret_hash = p_secret_hash;
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
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_api_key_lookup(bytea, text, text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_api_key_lookup(bytea, text, text, integer) TO app_user;
