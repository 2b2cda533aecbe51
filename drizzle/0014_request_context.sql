-- Reviewed by hand. One call that answers the two questions every org request asks before it
-- may touch tenant data: whose session is this (by SHA-256 of the token, like
-- app_session_lookup), and is that user a member of the org with this slug, with which role.
-- One round trip instead of two (docs/tenancy.md, "Round trips"). The org columns are NULL
-- unless the session's own user is a member, so the answer never says whether a slug exists.
CREATE FUNCTION public.app_request_context(p_token_hash bytea, p_org_slug text)
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
    WHERE s.token_hash = p_token_hash;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_request_context(bytea, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_request_context(bytea, text) TO app_user;
