import { PERMISSIONS } from '../../../shared/constants';
import { usePluginPermissions } from './usePluginPermissions';

const SUPPRESSION_PERMISSIONS = {
  read: [{ action: PERMISSIONS.suppressionsRead, subject: null }],
  manage: [{ action: PERMISSIONS.suppressionsManage, subject: null }],
};

/** Whether the signed-in role may read the suppression list (and export it) and add, remove or import addresses; the server enforces the same actions. */
export const useSuppressionPermissions = () => {
  const { allowedActions, isLoading } = usePluginPermissions(SUPPRESSION_PERMISSIONS);
  return {
    isLoading,
    canRead: Boolean(allowedActions.canRead),
    canManage: Boolean(allowedActions.canManage),
  };
};
