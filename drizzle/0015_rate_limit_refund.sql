-- Reviewed by hand. Gives back hits counted against a window: login counts every attempt
-- against its per-IP budget before checking the password (so parallel attempts cannot slip
-- past the count), and gives the hit back when the password was right, so the budget counts
-- failures only (lib/auth/login-throttle.ts). Never below zero; an ended window is left alone.
CREATE FUNCTION public.app_rate_limit_refund(p_key text, p_cost integer)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF p_cost <= 0 OR length(p_key) > 512 THEN
    RAISE EXCEPTION 'invalid rate limit arguments' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE public.rate_limits r
     SET hits = greatest(r.hits - p_cost, 0)
   WHERE r.key = p_key AND r.expires_at > clock_timestamp();
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_rate_limit_refund(text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_rate_limit_refund(text, integer) TO app_user;
