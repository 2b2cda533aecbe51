-- Reviewed by hand (found in review, 2026-12-03): when a membership ends (removed, left, or the
-- account deleted), what that member set up in the organization ends with it.
--
-- - Their API keys in that organization are revoked. Until now a removed member's keys were
--   only inactive (the key lookup finds no membership for the creator), so inviting the person
--   back revived every old key, leaked or not.
-- - Their open invitations to that organization are withdrawn, so an admin who was removed
--   cannot have left an admin invitation behind for someone else to accept.
--
-- An AFTER DELETE trigger, so it covers every path that ends a membership, including the
-- cascade of an account deletion. SECURITY DEFINER (as the owner, through the owner policies
-- of 0012/0018 and 0019) because the deletion may run outside that organization's context.
CREATE FUNCTION public.app_membership_ended()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  UPDATE public.api_keys k SET revoked_at = clock_timestamp()
    WHERE k.org_id = OLD.org_id AND k.created_by = OLD.user_id AND k.revoked_at IS NULL;
  UPDATE public.invitations i SET revoked_at = clock_timestamp()
    WHERE i.org_id = OLD.org_id AND i.invited_by = OLD.user_id
      AND i.accepted_at IS NULL AND i.revoked_at IS NULL;
  RETURN NULL;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_membership_ended() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER memberships_end_revokes AFTER DELETE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION public.app_membership_ended();
--> statement-breakpoint
-- What memberships that ended before this migration left behind ends now too.
UPDATE public.api_keys k SET revoked_at = clock_timestamp()
  WHERE k.revoked_at IS NULL AND NOT EXISTS (
    SELECT 1 FROM public.memberships m WHERE m.org_id = k.org_id AND m.user_id = k.created_by);
--> statement-breakpoint
UPDATE public.invitations i SET revoked_at = clock_timestamp()
  WHERE i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.invited_by IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM public.memberships m WHERE m.org_id = i.org_id AND m.user_id = i.invited_by);
