-- Reviewed by hand: three gaps in the platform admin functions of 0018 (ADR 015), found in
-- review on 2026-12-03.
--
-- 1. Admin changes run one at a time. Each function checked its actor once, at its start, with
--    no lock: two admins disabling each other at the same moment both succeeded (neither saw
--    the other's row), which could leave no admin at all; an admin being disabled could still
--    finish a change already under way. Now every changing function first takes one
--    transaction-scoped advisory lock, and only then checks its actor, so it sees every change
--    committed before it.
-- 2. Disabling withdraws the invitations the account sent and that are still open: like its
--    API keys, nothing it set up keeps working for someone else (an invitation from a hijacked
--    admin would otherwise be a way back in). Withdrawn invitations stay withdrawn.
-- 3. Enabling ends every session and revokes every key of the account that a sign-in racing
--    the disable left behind (hidden by the lookups while it was disabled). Disabling ended
--    all of them and the lookups refused new ones, so there are none in any other case.
--
-- The lock's key is a constant that nothing else in this database uses.
CREATE POLICY "admin functions withdraw invitations" ON "invitations" AS PERMISSIVE FOR UPDATE TO CURRENT_USER USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_admin_disable_user(p_user uuid, p_reason text)
RETURNS TABLE (changed boolean, sessions_ended integer, keys_revoked integer)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_actor uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_actor_email text;
  v_email text;
  v_sessions integer;
  v_keys integer;
  v_invitations integer;
BEGIN
  PERFORM pg_advisory_xact_lock(4150150015);
  v_actor_email := public.app_admin_actor_email();
  IF p_user = v_actor THEN
    RAISE EXCEPTION 'an admin cannot disable their own account' USING ERRCODE = 'check_violation';
  END IF;
  IF length(p_reason) NOT BETWEEN 1 AND 500 THEN
    RAISE EXCEPTION 'a reason of 1 to 500 characters is required' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  SELECT u.email INTO v_email FROM public.users u WHERE u.id = p_user;
  IF v_email IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO public.disabled_accounts (user_id, disabled_by, reason)
    VALUES (p_user, v_actor, p_reason) ON CONFLICT (user_id) DO NOTHING;
  IF NOT FOUND THEN
    RETURN QUERY SELECT false, 0, 0;
    RETURN;
  END IF;
  DELETE FROM public.sessions s WHERE s.user_id = p_user;
  GET DIAGNOSTICS v_sessions = ROW_COUNT;
  UPDATE public.api_keys k SET revoked_at = clock_timestamp(), revoked_by = v_actor
    WHERE k.created_by = p_user AND k.revoked_at IS NULL;
  GET DIAGNOSTICS v_keys = ROW_COUNT;
  UPDATE public.invitations i SET revoked_at = clock_timestamp()
    WHERE i.invited_by = p_user AND i.accepted_at IS NULL AND i.revoked_at IS NULL;
  GET DIAGNOSTICS v_invitations = ROW_COUNT;
  INSERT INTO public.platform_audit
      (actor_id, actor_email, action, target_user_id, target_email, before, after)
    VALUES (v_actor, v_actor_email, 'account.disabled', p_user, v_email,
            jsonb_build_object('disabled', false),
            jsonb_build_object('disabled', true, 'reason', p_reason,
                               'sessionsEnded', v_sessions, 'keysRevoked', v_keys,
                               'invitationsWithdrawn', v_invitations));
  RETURN QUERY SELECT true, v_sessions, v_keys;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_admin_enable_user(p_user uuid)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_actor uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_actor_email text;
  v_reason text;
  v_sessions integer;
  v_keys integer;
BEGIN
  PERFORM pg_advisory_xact_lock(4150150015);
  v_actor_email := public.app_admin_actor_email();
  DELETE FROM public.disabled_accounts d WHERE d.user_id = p_user RETURNING d.reason INTO v_reason;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  DELETE FROM public.sessions s WHERE s.user_id = p_user;
  GET DIAGNOSTICS v_sessions = ROW_COUNT;
  UPDATE public.api_keys k SET revoked_at = clock_timestamp(), revoked_by = v_actor
    WHERE k.created_by = p_user AND k.revoked_at IS NULL;
  GET DIAGNOSTICS v_keys = ROW_COUNT;
  INSERT INTO public.platform_audit
      (actor_id, actor_email, action, target_user_id, target_email, before, after)
    SELECT v_actor, v_actor_email, 'account.enabled', u.id, u.email,
           jsonb_build_object('disabled', true, 'reason', v_reason),
           jsonb_build_object('disabled', false, 'racedSessionsEnded', v_sessions,
                              'racedKeysRevoked', v_keys)
    FROM public.users u WHERE u.id = p_user;
  RETURN true;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_admin_end_sessions(p_user uuid, p_keep_token_hash bytea)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v_actor_email text;
  v_ended integer;
  v_email text;
BEGIN
  PERFORM pg_advisory_xact_lock(4150150015);
  v_actor_email := public.app_admin_actor_email();
  IF p_user IS NOT NULL THEN
    SELECT u.email INTO v_email FROM public.users u WHERE u.id = p_user;
    IF v_email IS NULL THEN
      RETURN 0;
    END IF;
  END IF;
  DELETE FROM public.sessions s
    WHERE (p_user IS NULL OR s.user_id = p_user)
      AND s.token_hash IS DISTINCT FROM p_keep_token_hash;
  GET DIAGNOSTICS v_ended = ROW_COUNT;
  INSERT INTO public.platform_audit
      (actor_id, actor_email, action, target_user_id, target_email, before, after)
    VALUES (nullif(current_setting('app.user_id', true), '')::uuid, v_actor_email,
            CASE WHEN p_user IS NULL THEN 'sessions.ended_all' ELSE 'sessions.ended' END,
            p_user, v_email, NULL, jsonb_build_object('sessionsEnded', v_ended));
  RETURN v_ended;
END
$$;
