-- Reviewed by hand: the two pre-authentication lookups of OAuth login (docs/oauth.md, ADR 013).
-- oauth_accounts already has FORCE, grants and user-keyed policies (0009, 0010). Before anyone
-- is signed in, the callback needs to know who owns a provider identity and whether an email
-- belongs to an account; these functions answer exactly that for one key, as the owner.
-- This read-only policy lets exactly the owner read oauth_accounts; app_user never gets it.
CREATE POLICY "lookup functions read oauth accounts" ON "oauth_accounts" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
-- The account linked to one (provider, subject), with its email (for the security log). The
-- caller must have completed the provider's flow to know the subject it asks about.
CREATE FUNCTION public.app_oauth_login_lookup(p_provider text, p_subject text)
RETURNS TABLE (user_id uuid, email text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT u.id, u.email
    FROM public.oauth_accounts o JOIN public.users u ON u.id = o.user_id
    WHERE o.provider = p_provider AND o.provider_subject = p_subject;
END
$$;
--> statement-breakpoint
-- The account that owns one email, with what the linking rules (O8) need: whether that email
-- was verified and whether the account has a password. Never the hash itself.
CREATE FUNCTION public.app_oauth_email_lookup(p_email text)
RETURNS TABLE (user_id uuid, email_verified_at timestamptz, has_password boolean)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT u.id, u.email_verified_at, u.password_hash IS NOT NULL
    FROM public.users u WHERE lower(u.email) = lower(p_email);
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_oauth_login_lookup(text, text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_oauth_email_lookup(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_oauth_login_lookup(text, text) TO app_user;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_oauth_email_lookup(text) TO app_user;
