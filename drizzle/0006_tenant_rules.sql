-- Reviewed by hand: FORCE, grants, triggers and the invitation lookup for the tables of 0005
-- (see docs/database.md, "Adding a table"; the catalog test in db/guard.test.ts checks them).
ALTER TABLE "org_roles" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "invitations" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "audit_log" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "org_roles", "invitations" TO app_user;
--> statement-breakpoint
-- Append-only: no UPDATE or DELETE grant (and the policies for both admit no row).
GRANT SELECT, INSERT ON "audit_log" TO app_user;
--> statement-breakpoint
-- Every organization gets the four built-in roles in the same statement that creates it,
-- whichever code path inserts it. Runs as the inserting role, in the new org's context.
CREATE FUNCTION public.app_add_built_in_roles()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  INSERT INTO public.org_roles (org_id, name, description, built_in)
    SELECT NEW.id, b.name, b.description, b.built_in FROM public.app_built_in_roles() b;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_add_built_in_roles AFTER INSERT ON "organizations"
  FOR EACH ROW EXECUTE FUNCTION public.app_add_built_in_roles();
--> statement-breakpoint
-- The last-owner rule, in the database so no code path and no race can break it (Z7). At
-- commit, any transaction that changed or removed a membership must leave its org (if the org
-- still exists) with at least one owner. An advisory lock per org serializes these checks, so
-- two concurrent demotions of the only two owners cannot both pass. SECURITY DEFINER so it
-- sees every membership whatever context the change was made in (e.g. an account deletion).
CREATE FUNCTION public.app_keep_an_owner()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('org-owners:' || OLD.org_id::text, 0));
  IF EXISTS (SELECT 1 FROM public.organizations o WHERE o.id = OLD.org_id)
     AND NOT EXISTS (
       SELECT 1 FROM public.memberships m
       JOIN public.org_roles r ON r.org_id = m.org_id AND r.id = m.role_id
       WHERE m.org_id = OLD.org_id AND r.built_in = 'owner')
  THEN
    RAISE EXCEPTION 'organization % must keep at least one owner', OLD.org_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'memberships_last_owner';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER memberships_keep_an_owner AFTER UPDATE OF role_id OR DELETE ON "memberships"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION public.app_keep_an_owner();
--> statement-breakpoint
-- The invitation page runs before its org is known: one invitation, its org's name and the
-- role's name, for one SHA-256(token). Whoever holds the token may see exactly this.
CREATE FUNCTION public.app_invitation_lookup(p_token_hash bytea)
RETURNS TABLE (
  id uuid, org_id uuid, org_name text, org_slug text, email text, role_name text,
  expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz
)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
    SELECT i.id, i.org_id, o.name, o.slug, i.email, r.name, i.expires_at, i.accepted_at,
           i.revoked_at
    FROM public.invitations i
    JOIN public.organizations o ON o.id = i.org_id
    JOIN public.org_roles r ON r.org_id = i.org_id AND r.id = i.role_id
    WHERE i.token_hash = p_token_hash;
END
$$;
--> statement-breakpoint
-- Read-only policies for exactly the owner, which the two SECURITY DEFINER functions above
-- run as; app_user never gets these.
CREATE POLICY "definer functions read organizations" ON "organizations" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
CREATE POLICY "definer functions read memberships" ON "memberships" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
CREATE POLICY "definer functions read roles" ON "org_roles" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
CREATE POLICY "definer functions read invitations" ON "invitations" AS PERMISSIVE FOR SELECT TO CURRENT_USER USING (true);
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_keep_an_owner() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_invitation_lookup(bytea) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_invitation_lookup(bytea) TO app_user;
