import { useAuth, useRBAC, type Permission } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import { PLUGIN_ID } from '../../../shared/constants';

/**
 * `useRBAC`, re-checked whenever the signed-in user's permissions for this plugin change.
 *
 * useRBAC checks once per mount: when a page is opened by URL before the admin has fetched the user's
 * permissions, it answers "not allowed" for good (seen as a flaky e2e run). Passing a query context
 * that carries a fingerprint of the loaded permissions makes it check again once they arrive.
 * useRBAC takes an array (an object is deprecated and warns in the console); it names each answer
 * `can<Last segment of the action>` (`plugin::smtp-accounts.log.resend` → `canResend`).
 */
export const usePluginPermissions = (
  permissionsToCheck: Record<string, Omit<Permission, 'id'>[]>
) => {
  const userPermissions = useAuth('usePluginPermissions', (state) => state.permissions);
  const fingerprint = userPermissions
    .map((permission) => permission.action)
    .filter((action) => action.startsWith(`plugin::${PLUGIN_ID}.`))
    .sort()
    .join(',');
  // callers pass module-level constants, so the flattened list keeps its identity between renders
  const list = useMemo(
    () => Object.values(permissionsToCheck).flat() as Permission[],
    [permissionsToCheck]
  );
  return useRBAC(list, undefined, `?${PLUGIN_ID}-permissions=${fingerprint}`);
};
