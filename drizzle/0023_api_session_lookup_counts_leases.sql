-- The API's session lookup (drizzle/0022) takes how many requests to count in its user's bucket
-- (p_cost). An app instance now reserves a user's requests a few at a time and serves the next
-- ones from that reservation (lib/api/user-budget.ts, ADR 018), so most lookups count nothing:
-- with p_cost = 0 the call is app_session_lookup alone, a read that writes no counter. The
-- session is still looked up, and its row still decides, on every request.
DROP FUNCTION public.app_api_session_lookup(bytea, text, integer);
--> statement-breakpoint
CREATE FUNCTION public.app_api_session_lookup(
  p_token_hash bytea, p_user_rule text, p_window_seconds integer, p_cost integer
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
  IF p_cost IS NULL OR p_cost < 0 THEN
    RAISE EXCEPTION 'invalid rate limit arguments' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT * INTO s FROM public.app_session_lookup(p_token_hash);
  IF NOT FOUND THEN
    RETURN;
  END IF;
  -- Counted only when asked: the hit columns stay NULL otherwise.
  IF p_cost > 0 THEN
    PERFORM set_config('synchronous_commit', 'off', true);
    SELECT h.hits, h.window_ends_at INTO v_hits, v_ends
      FROM public.app_rate_limit_hit(
        public.app_rate_limit_key(p_user_rule, s.user_id::text), p_window_seconds, p_cost) h;
  END IF;
  RETURN QUERY SELECT s.user_id, s.email, s.display_name, s.created_at, s.last_seen_at,
    s.expires_at, s.authenticated_at, s.session_id, s.email_verified_at, v_hits, v_ends;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_api_session_lookup(bytea, text, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_api_session_lookup(bytea, text, integer, integer) TO app_user;
