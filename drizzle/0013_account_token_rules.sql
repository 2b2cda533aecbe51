-- Reviewed by hand: the pre-authentication reads of the account lifecycle (issue 7). The
-- email verification, password reset and email change pages run before anyone is signed in,
-- so they find their token through one SECURITY DEFINER function keyed by the token's hash;
-- everything after that (spending the token, changing the account) runs as app_user with the
-- token's user in context, under the user-keyed policies of 0009. The reset request finds an
-- account by email through app_login_lookup (0002), which already does exactly that.
CREATE POLICY "definer functions read account tokens" ON "account_tokens" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
-- One token of one purpose by SHA-256(token), with the account's current email (a verification
-- link is good only for the address it was sent to). The caller must hold the token to compute
-- the hash, so this reveals nothing it could not already use. Used and expired tokens are
-- returned too, so the page can say "already used" or "expired" rather than "invalid".
CREATE FUNCTION public.app_account_token_lookup(p_token_hash bytea, p_purpose text)
RETURNS TABLE (
  id uuid, user_id uuid, email text, user_email text, expires_at timestamptz,
  used_at timestamptz
)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT t.id, t.user_id, t.email, u.email, t.expires_at, t.used_at
    FROM public.account_tokens t JOIN public.users u ON u.id = t.user_id
    WHERE t.token_hash = p_token_hash AND t.purpose = p_purpose;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_account_token_lookup(bytea, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_account_token_lookup(bytea, text) TO app_user;
--> statement-breakpoint
-- The session lookup also returns the session's public id (the sessions page marks the current
-- one) and whether the account's email is verified (the unverified banner), so neither costs
-- every signed-in page a second query. A new return type needs DROP and CREATE.
DROP FUNCTION public.app_session_lookup(bytea);
--> statement-breakpoint
CREATE FUNCTION public.app_session_lookup(p_token_hash bytea)
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
    WHERE s.token_hash = p_token_hash;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_session_lookup(bytea) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_session_lookup(bytea) TO app_user;
