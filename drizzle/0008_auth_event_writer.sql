-- Reviewed by hand: FORCE, grants and the one writer for auth_events (0007). The runtime role
-- may read (its policy shows each user only their own rows) and call the writer; it has no
-- INSERT, UPDATE or DELETE grant, so the log is append-only and written one way.
ALTER TABLE "auth_events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON "auth_events" TO app_user;
--> statement-breakpoint
CREATE POLICY "the auth event writer inserts" ON "auth_events" AS PERMISSIVE FOR INSERT TO CURRENT_USER WITH CHECK (true);
--> statement-breakpoint
-- Records one event. The account is found from the email here, so a caller cannot attach an
-- event to an arbitrary user id; an unknown email is recorded without one.
CREATE FUNCTION public.app_record_auth_event(
  p_event text, p_outcome text, p_method text, p_email text, p_ip text, p_user_agent text
)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO public.auth_events (user_id, email, event, outcome, method, ip, user_agent)
  VALUES (
    (SELECT u.id FROM public.users u WHERE lower(u.email) = lower(p_email)),
    lower(left(p_email, 320)), p_event, p_outcome, left(p_method, 32), left(p_ip, 64),
    left(p_user_agent, 512)
  );
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_record_auth_event(text, text, text, text, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_record_auth_event(text, text, text, text, text, text) TO app_user;
