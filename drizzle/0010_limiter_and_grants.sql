-- Reviewed by hand: FORCE and grants for the tables of 0009, and the rate limiter
-- (see docs/database.md, "Adding a table"; the catalog test in db/guard.test.ts checks them).
ALTER TABLE "oauth_accounts" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "account_tokens" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "rate_limits" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "oauth_accounts", "account_tokens", "api_keys" TO app_user;
--> statement-breakpoint
-- rate_limits: no grant to app_user at all. It counts through the functions below, which run
-- as the owner; these policies let exactly the owner use the table.
CREATE POLICY "limiter functions read rate limits" ON "rate_limits" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
CREATE POLICY "limiter functions count rate limits" ON "rate_limits" AS PERMISSIVE FOR INSERT TO CURRENT_USER WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY "limiter functions change rate limits" ON "rate_limits" AS PERMISSIVE FOR UPDATE TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY "limiter functions clear rate limits" ON "rate_limits" AS PERMISSIVE FOR DELETE TO CURRENT_USER USING (true);
--> statement-breakpoint
-- Counts one hit (or p_cost hits) against p_key in a fixed window of p_window_seconds, in one
-- atomic upsert, so concurrent requests on any number of app instances never lose a count.
-- A window that has passed restarts at this hit. Returns the count in the current window, when
-- the window ends, and the time of the hit before this one (for back-off), or NULL.
CREATE FUNCTION public.app_rate_limit_hit(p_key text, p_window_seconds integer, p_cost integer)
RETURNS TABLE (hits integer, window_ends_at timestamptz, previous_hit_at timestamptz)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_now timestamptz := clock_timestamp();
  v_window interval := make_interval(secs => p_window_seconds);
BEGIN
  IF p_window_seconds <= 0 OR p_cost < 0 OR length(p_key) > 512 THEN
    RAISE EXCEPTION 'invalid rate limit arguments' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- Now and then, forget windows that ended more than an hour ago (keys an attacker chose).
  IF random() < 0.001 THEN
    DELETE FROM public.rate_limits r WHERE r.expires_at < v_now - interval '1 hour';
  END IF;
  RETURN QUERY
    WITH previous AS (
      SELECT r.last_hit_at, r.expires_at FROM public.rate_limits r WHERE r.key = p_key
    ), upserted AS (
      INSERT INTO public.rate_limits AS r (key, hits, window_started_at, last_hit_at, expires_at)
      VALUES (p_key, p_cost, v_now, v_now, v_now + v_window)
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN r.expires_at <= v_now THEN p_cost ELSE r.hits + p_cost END,
        window_started_at = CASE WHEN r.expires_at <= v_now THEN v_now ELSE r.window_started_at END,
        expires_at = CASE WHEN r.expires_at <= v_now THEN v_now + v_window ELSE r.expires_at END,
        last_hit_at = v_now
      RETURNING r.hits, r.expires_at
    )
    SELECT u.hits, u.expires_at,
           (SELECT p.last_hit_at FROM previous p WHERE p.expires_at > v_now)
    FROM upserted u;
END
$$;
--> statement-breakpoint
-- The current window of p_key without counting a hit: (0, NULL, NULL) when there is none.
CREATE FUNCTION public.app_rate_limit_peek(p_key text)
RETURNS TABLE (hits integer, window_ends_at timestamptz, last_hit_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT coalesce(max(r.hits), 0), max(r.expires_at), max(r.last_hit_at)
    FROM public.rate_limits r
    WHERE r.key = p_key AND r.expires_at > clock_timestamp();
END
$$;
--> statement-breakpoint
-- Forgets p_key (e.g. an account's failure count after a successful login or a reset).
CREATE FUNCTION public.app_rate_limit_clear(p_key text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  DELETE FROM public.rate_limits r WHERE r.key = p_key;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_rate_limit_hit(text, integer, integer) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_rate_limit_peek(text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_rate_limit_clear(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_rate_limit_hit(text, integer, integer) TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_rate_limit_peek(text) TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_rate_limit_clear(text) TO app_user;
