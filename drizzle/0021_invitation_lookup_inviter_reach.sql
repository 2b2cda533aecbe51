-- Custom SQL migration file, put your code below! --
-- The invitation lookup also returns what the invitation offers and what its inviter holds now,
-- so the app can refuse a link whose inviter could no longer send it (demoted since, or without
-- members:invite): nobody grants what they do not hold, at the moment the grant happens
-- (lib/invitations/invitation-token.ts). Built-in roles' permissions live in code
-- (lib/authz/permissions.ts), so the comparison is made there; the inviter columns are NULL when
-- the inviter is not a member of the org (or their account is gone).
DROP FUNCTION public.app_invitation_lookup(bytea);
--> statement-breakpoint
CREATE FUNCTION public.app_invitation_lookup(p_token_hash bytea)
RETURNS TABLE (
  id uuid, org_id uuid, org_name text, org_slug text, email text, role_name text,
  expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz,
  role_built_in text, role_permissions text[],
  inviter_id uuid, inviter_built_in text, inviter_permissions text[]
)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT i.id, i.org_id, o.name, o.slug, i.email, r.name, i.expires_at, i.accepted_at,
           i.revoked_at, r.built_in::text, r.permissions,
           m.user_id, ir.built_in::text, ir.permissions
    FROM public.invitations i
    JOIN public.organizations o ON o.id = i.org_id
    JOIN public.org_roles r ON r.org_id = i.org_id AND r.id = i.role_id
    LEFT JOIN public.memberships m ON m.org_id = i.org_id AND m.user_id = i.invited_by
    LEFT JOIN public.org_roles ir ON ir.org_id = m.org_id AND ir.id = m.role_id
    WHERE i.token_hash = p_token_hash;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_invitation_lookup(bytea) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_invitation_lookup(bytea) TO app_user;
